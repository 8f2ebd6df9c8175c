// bfmap route --data <dir> --from <lon,lat> --to <lon,lat> --profile <profile> [--avoid-unknown] [--closed <ids>]
//
// Routes through a district folder the way the app does (src/domain/routing) and prints the route
// as one GeoJSON Feature (LineString) with a summary and structured steps in its properties; each
// step also gets an English `text` from the small formatter below (the app's Chinese and English
// wording lives in src/i18n). Exit 0 with a route, 2 when there is none (and why on stderr), 1 for
// bad input.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LngLat } from '../../src/domain/facilities/model.ts';
import { parseBoundaryLayer, parseDistrictManifest, parseJsonText } from '../../src/domain/facilities/parse.ts';
import { bboxContains, insidePolygon, spokenDistance } from '../../src/domain/geo/index.ts';
import {
  PROFILE_NAMES, isProfileName, routingProfile, findRoute, type BlockingLimit, type NoRouteReason, type RelaxableLimit, type RouteFound, type RouteStep, type StreetName,
  type TurnDirection,
} from '../../src/domain/routing/index.ts';
import { RoutingDataError, loadDistrictRoutingData } from '../../scripts/routing-graph.ts';
import { parseArguments } from '../arguments.ts';
import type { Command } from './command.ts';

const USAGE = `Usage: bfmap route --data <district folder> --from <lon,lat> --to <lon,lat> --profile <profile> [--avoid-unknown] [--closed <ids>]

Finds an accessible route through a district folder and prints it as one GeoJSON Feature
(LineString) whose properties give length_m, duration_s, profile, uses (steps, ramps, elevators,
crossings), unknown_segments, avoided and the step-by-step instructions.

Options:
  --data <folder>        district folder, e.g. data/sample (required)
  --from <lng,lat>       where the route starts, in degrees (required)
  --to <lng,lat>         where it ends (required)
  --profile <profile>    ${PROFILE_NAMES.join(' | ')} (required)
  --avoid-unknown        never use a segment whose data that matters to the profile is unknown
  --closed <ids>         facility ids to treat as closed (open fault reports), comma-separated
  --help                 this text

Exit status: 0 a route was printed; 2 there is no route (stderr says why and which limit to
relax); 1 bad input (missing folder, bad coordinates, a point outside the district).`;

function parsePoint(text: string): LngLat | null {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length !== 2 || parts.some((part) => part === '')) return null;
  const [longitude, latitude] = parts.map(Number) as [number, number];
  if (!Number.isFinite(longitude) || !Number.isFinite(latitude) || Math.abs(longitude) > 180 || Math.abs(latitude) > 90) return null;
  return [longitude, latitude];
}

/** Whether a point lies in the district: inside boundary.geojson, or within district.json's bbox when the boundary cannot be read. */
function insideDistrict(directory: string, point: LngLat): boolean {
  const boundaryPath = join(directory, 'boundary.geojson');
  if (existsSync(boundaryPath)) {
    const { json } = parseJsonText('boundary.geojson', readFileSync(boundaryPath, 'utf8'));
    const polygons = parseBoundaryLayer('boundary.geojson', json).items.flatMap((feature) => (
      feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates as LngLat[][]] : (feature.geometry.coordinates as LngLat[][][])));
    if (polygons.length > 0) return polygons.some((rings) => insidePolygon(point, rings));
  }
  const manifestPath = join(directory, 'district.json');
  if (!existsSync(manifestPath)) return true;
  const manifest = parseDistrictManifest('district.json', parseJsonText('district.json', readFileSync(manifestPath, 'utf8')).json).manifest;
  return manifest === null || bboxContains(manifest.bbox, point);
}

// ---------------------------------------------------------------------------------------------
// English wording for the CLI

function distanceText(meters: number): string {
  const spoken = spokenDistance(meters);
  if (spoken.kind === 'close_by') return 'a few metres';
  return spoken.kind === 'meters' ? `${spoken.meters} m` : `${spoken.kilometers} km`;
}

function streetText(street: StreetName | null): string | null {
  return street?.nameEn ?? street?.nameZh ?? null;
}

const COMPASS_WORDS: Readonly<Record<string, string>> = {
  N: 'north', NE: 'north-east', E: 'east', SE: 'south-east', S: 'south', SW: 'south-west', W: 'west', NW: 'north-west',
};
const TURN_WORDS: Readonly<Record<TurnDirection, string>> = {
  straight: 'Go straight on', slight_right: 'Bear right', right: 'Turn right', sharp_right: 'Turn sharp right',
  u_turn: 'Turn back', sharp_left: 'Turn sharp left', left: 'Turn left', slight_left: 'Bear left',
};

function tactileNote(step: RouteStep): string {
  if (!('tactilePavingChange' in step)) return '';
  if (step.tactilePavingChange === 'starts') return '; guiding tactile paving starts here';
  if (step.tactilePavingChange === 'ends') return '; guiding tactile paving ends here';
  return '';
}

const yesNoUnknown = (value: boolean | null, yes: string, no: string, unknown: string): string => (value === true ? yes : value === false ? no : unknown);

export function stepText(step: RouteStep): string {
  const street = streetText(step.street);
  const distance = distanceText(step.distanceMeters);
  const clock = step.turn === null ? '' : ` (${step.turn.clock} o'clock)`;
  switch (step.kind) {
    case 'depart':
      return `Head ${COMPASS_WORDS[step.compass] ?? step.compass}${street ? ` on ${street}` : ''} for ${distance}${tactileNote(step)}`;
    case 'continue':
      return `Continue${street ? ` on ${street}` : ''} for ${distance}${tactileNote(step)}`;
    case 'turn':
      return `${TURN_WORDS[step.turn?.direction ?? 'straight']}${clock}${street ? ` onto ${street}` : ''} and go ${distance}${tactileNote(step)}`;
    case 'cross': {
      const signals = step.signalled === true
        ? yesNoUnknown(step.sound, 'traffic signals with sound', 'traffic signals without sound', 'traffic signals, sound unknown')
        : step.crossing === 'marked' ? 'marked crossing without signals' : step.crossing === 'unmarked' ? 'unmarked crossing' : 'crossing type unknown';
      const ramps = step.kerbRampAtStart === true && step.kerbRampAtEnd === true ? 'kerb ramps at both ends'
        : `kerb ramp at the start: ${yesNoUnknown(step.kerbRampAtStart, 'yes', 'no', 'unknown')}, at the end: ${yesNoUnknown(step.kerbRampAtEnd, 'yes', 'no', 'unknown')}`;
      const turn = step.turn !== null && step.turn.direction !== 'straight' ? `${TURN_WORDS[step.turn.direction]}${clock} and cross` : 'Cross';
      return `${turn}${street ? ` at ${street}` : ''}, ${distance}: ${signals}; ${ramps}`;
    }
    case 'steps': {
      const count = step.stepCount === null ? 'steps' : `${step.stepCount} steps`;
      const direction = step.direction === null ? '' : ` ${step.direction}`;
      return `Take the ${count}${direction}${street ? ` (${street})` : ''}; handrail: ${yesNoUnknown(step.handrail, 'yes', 'no', 'unknown')}`;
    }
    case 'elevator':
      return `Take the elevator${street ? ` (${street})` : ''}`;
    case 'ramp': {
      const slope = step.inclinePercent === null ? 'slope unknown' : `${Math.abs(step.inclinePercent).toFixed(1)} % slope`;
      return `Take the ramp${step.direction === null ? '' : ` ${step.direction}`}${street ? ` (${street})` : ''}, ${distance}, ${slope}`;
    }
    case 'arrive':
      return step.destinationClock === null ? 'Arrive at your destination'
        : `Arrive: your destination is ${distanceText(step.destinationDistanceMeters)} away at ${step.destinationClock} o'clock`;
  }
}

const LIMIT_WORDS: Readonly<Record<BlockingLimit, string>> = {
  avoidSteps: 'steps', maxKerbHeight: 'kerbs higher than the profile allows', maxIncline: 'slopes steeper than the profile allows',
  minWidth: 'paths narrower than the profile allows', unknown: 'segments whose accessibility data is unknown', closedFacility: 'facilities that are out of service or reported closed',
};
const RELAX_WORDS: Readonly<Record<RelaxableLimit, string>> = {
  avoidSteps: 'allow steps', maxKerbHeight: 'allow higher kerbs', maxIncline: 'allow steeper slopes', minWidth: 'allow narrower paths',
  unknown: 'allow unknown data (run without --avoid-unknown)',
};

export function noRouteText(reason: NoRouteReason, profile: string): string {
  switch (reason.kind) {
    case 'invalid_request': return `the request cannot be routed: ${reason.problems.join('; ')}`;
    case 'origin_off_network': return `no walkable path within ${reason.maxSnapDistanceMeters} m of the start`;
    case 'destination_off_network': return `no walkable path within ${reason.maxSnapDistanceMeters} m of the destination`;
    case 'disconnected': return 'the start and the destination are on parts of the network that do not connect';
    case 'not_explained': return `no ${profile} route`;
    case 'origin_enclosed':
    case 'destination_enclosed': {
      const end = reason.kind === 'origin_enclosed' ? 'every way out of the start' : 'every way in to the destination';
      const counts = Object.entries(reason.blockedArcs).map(([limit, count]) => `${count} by ${LIMIT_WORDS[limit as BlockingLimit]}`).join(', ');
      const relax = reason.relax === null ? 'relaxing a single limit does not help' : `to get a route, ${RELAX_WORDS[reason.relax]} (limit: ${reason.relax})`;
      return `no ${profile} route: ${end} is blocked by ${LIMIT_WORDS[reason.blockingLimit]} (blocked ways: ${counts}); ${relax}`;
    }
  }
}

// ---------------------------------------------------------------------------------------------

const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** A step in the CLI's output: the domain step in snake_case, distances rounded to 10 cm, and its English text. */
function instruction(step: RouteStep): Record<string, unknown> {
  const entries = Object.entries(step).map(([key, value]): [string, unknown] => {
    if (key === 'coordinate') return ['coordinate', (value as LngLat).map((degrees) => round(degrees, 7))];
    if (key === 'distanceMeters') return ['distance_m', round(value as number, 1)];
    if (key === 'destinationDistanceMeters') return ['destination_distance_m', round(value as number, 1)];
    if (key === 'bearingDegrees') return ['bearing_deg', round(value as number, 0)];
    if (key === 'street') return ['street', value === null ? null : { zh: (value as StreetName).nameZh, en: (value as StreetName).nameEn }];
    if (key === 'turn' && value !== null) {
      const turn = value as NonNullable<RouteStep['turn']>;
      return ['turn', { direction: turn.direction, angle_deg: round(turn.angleDegrees, 0), clock: turn.clock }];
    }
    return [snakeCase(key), value];
  });
  return { ...Object.fromEntries(entries), text: stepText(step) };
}

export function routeFeature(route: RouteFound): Record<string, unknown> {
  return {
    type: 'Feature',
    properties: {
      profile: route.profile.name,
      length_m: round(route.lengthMeters, 1),
      duration_s: Math.round(route.durationSeconds),
      uses: route.uses,
      unknown_segments: route.unknownSegments,
      unknown_attributes: Object.fromEntries(Object.entries(route.unknownAttributes).map(([attribute, count]) => [snakeCase(attribute), count])),
      avoided: route.avoided.map((item) => ({ facility_id: item.facilityId, kind: item.kind, reason: item.reason, on_best_path: item.onBestPath })),
      tactile_paving_m: round(route.tactilePavingMeters, 1),
      origin_snap_m: round(route.origin.distanceMeters, 1),
      destination_snap_m: round(route.destination.distanceMeters, 1),
      instructions: route.directions.map(instruction),
    },
    geometry: { type: 'LineString', coordinates: route.coordinates.map(([longitude, latitude]) => [round(longitude, 7), round(latitude, 7)]) },
  };
}

export const routeCommand: Command = {
  name: 'route',
  summary: 'find an accessible route through a district folder and print it as GeoJSON',
  usage: USAGE,
  async run(argumentsGiven, output) {
    const badInput = (message: string): number => {
      output.error(`bfmap route: ${message}`);
      output.error('Run "bfmap route --help" for usage.');
      return 1;
    };
    const parsed = parseArguments(argumentsGiven, [
      { name: 'data', takesValue: true }, { name: 'from', takesValue: true }, { name: 'to', takesValue: true },
      { name: 'profile', takesValue: true }, { name: 'avoid-unknown', takesValue: false }, { name: 'closed', takesValue: true },
    ]);
    if (!parsed.ok) return badInput(parsed.error);
    if (parsed.positionals.length > 0) return badInput(`unexpected argument ${JSON.stringify(parsed.positionals[0])}`);
    const data = parsed.options.get('data');
    if (typeof data !== 'string') return badInput('--data <district folder> is required');
    const profileName = parsed.options.get('profile');
    if (typeof profileName !== 'string') return badInput(`--profile is required: ${PROFILE_NAMES.join(', ')}`);
    if (!isProfileName(profileName)) return badInput(`--profile must be one of ${PROFILE_NAMES.join(', ')}, not ${JSON.stringify(profileName)}`);
    const points: LngLat[] = [];
    for (const option of ['from', 'to'] as const) {
      const text = parsed.options.get(option);
      if (typeof text !== 'string') return badInput(`--${option} <longitude,latitude> is required`);
      const point = parsePoint(text);
      if (point === null) return badInput(`--${option} must be <longitude,latitude> in degrees, e.g. 121.47,31.23, not ${JSON.stringify(text)}`);
      points.push(point);
    }
    const [origin, destination] = points as [LngLat, LngLat];
    const closedText = parsed.options.get('closed');
    const closedFacilityIds = typeof closedText === 'string' ? closedText.split(',').map((id) => id.trim()).filter((id) => id !== '') : [];

    const directory = resolve(data);
    let routing;
    try {
      routing = loadDistrictRoutingData(directory);
    } catch (error) {
      if (error instanceof RoutingDataError) {
        output.error(`bfmap route: ${error.message}`);
        return 1;
      }
      throw error;
    }
    for (const [option, point] of [['from', origin], ['to', destination]] as const) {
      if (!insideDistrict(directory, point)) return badInput(`--${option} ${point.join(',')} is outside the district ${data}`);
    }
    const leftOut = routing.problems.filter((problem) => problem.severity === 'error').length;
    if (leftOut > 0) output.error(`bfmap route: ${leftOut} data problems in ${data}; the features concerned are left out`);

    const profile = routingProfile(profileName, parsed.options.has('avoid-unknown') ? { unknown: 'avoid' } : {});
    const result = findRoute(routing.graph, { origin, destination, profile, closedFacilityIds });
    if (result.status === 'no_route') {
      output.error(`bfmap route: ${noRouteText(result.reason, profileName)}`);
      if (result.avoided.length > 0) output.error(`bfmap route: out of service or closed on the way: ${result.avoided.map((item) => item.facilityId).join(', ')}`);
      return 2;
    }
    output.out(JSON.stringify(routeFeature(result), null, 2));
    return 0;
  },
};
