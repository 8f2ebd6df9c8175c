// Pretty-prints district files: 2-space indent and a trailing newline like JSON.stringify(value,
// null, 2), except that arrays of plain numbers (coordinate pairs, bbox) stay on one line, which
// keeps the GeoJSON files about half as long and their diffs readable.
import { roundCoordinate } from './local-projection.ts';

export function formatJsonFile(value: unknown): string {
  return `${formatValue(roundCoordinatesIn(value, false), '')}\n`;
}

/** Rounds every number below a "coordinates" key to 7 decimals (about 1 cm); returns a new value. */
function roundCoordinatesIn(value: unknown, insideCoordinates: boolean): unknown {
  if (typeof value === 'number') return insideCoordinates ? roundCoordinate(value) : value;
  if (Array.isArray(value)) return value.map((item) => roundCoordinatesIn(item, insideCoordinates));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, roundCoordinatesIn(item, insideCoordinates || key === 'coordinates')]),
    );
  }
  return value;
}

function formatValue(value: unknown, indent: string): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    // JSON.stringify would silently write null, hiding a bug in the generator.
    throw new Error(`cannot write the non-finite number ${value} to JSON`);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((item) => typeof item === 'number')) return `[${value.map((item) => formatValue(item, '')).join(', ')}]`;
    const innerIndent = `${indent}  `;
    return `[\n${value.map((item) => innerIndent + formatValue(item, innerIndent)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{}';
    const innerIndent = `${indent}  `;
    const lines = entries.map(([key, item]) => `${innerIndent}${JSON.stringify(key)}: ${formatValue(item, innerIndent)}`);
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
