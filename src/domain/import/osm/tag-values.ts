// Readers of OpenStreetMap tag values with units. Each returns the value in the unit its name says,
// null for a value that is understood but carries no number ("up", "unknown"), and undefined for a
// value that is not understood, so the caller can warn about it.

/** Feet and inches to metres: 1 ft = 0.3048 m exactly (international foot, 1959). */
const METERS_PER_FOOT = 0.3048;
const METERS_PER_INCH = 0.0254;

const LENGTH_UNITS: Readonly<Record<string, number>> = { '': 1, m: 1, cm: 0.01, mm: 0.001, km: 1000 };

/** A decimal number as mappers write it: "1.5", "1,5" (decimal comma), ".5". */
function readDecimal(text: string): number | undefined {
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(text)) return undefined;
  return Number(text.replace(',', '.'));
}

/**
 * A length in metres. OSM lengths are metres unless a unit follows (Key:width, "Units" on
 * https://wiki.openstreetmap.org/wiki/Map_features/Units): "1.5", "1.5 m", "150 cm", "1500 mm",
 * and feet and inches as 4' or 3'6".
 */
export function readLengthMeters(raw: string): number | null | undefined {
  const text = raw.trim().toLowerCase();
  if (text === '' || text === 'unknown') return null;
  const feet = /^(\d+(?:\.\d+)?)\s*'\s*(?:(\d+(?:\.\d+)?)\s*")?$/.exec(text);
  if (feet) return Number(feet[1]) * METERS_PER_FOOT + Number(feet[2] ?? 0) * METERS_PER_INCH;
  const inches = /^(\d+(?:\.\d+)?)\s*"$/.exec(text);
  if (inches) return Number(inches[1]) * METERS_PER_INCH;
  const match = /^([^\sa-z]+)\s*(m|cm|mm|km)?$/.exec(text);
  if (!match) return undefined;
  const number = readDecimal(match[1] as string);
  const scale = LENGTH_UNITS[match[2] ?? ''];
  if (number === undefined || scale === undefined) return undefined;
  return number * scale;
}

/** A positive length in metres; zero or negative is not understood. */
export function readPositiveLengthMeters(raw: string): number | null | undefined {
  const meters = readLengthMeters(raw);
  if (meters === null || meters === undefined) return meters;
  return meters > 0 ? meters : undefined;
}

/**
 * A kerb height in millimetres (Key:kerb:height: metres by default, "2 cm", "20 mm", "0.02").
 * Kerbs are centimetres tall; anything over half a metre is a typo rather than a kerb.
 */
export function readKerbHeightMillimeters(raw: string): number | null | undefined {
  const meters = readLengthMeters(raw);
  if (meters === null || meters === undefined) return meters;
  if (meters < 0 || meters > 0.5) return undefined;
  return Math.round(meters * 1000 * 10) / 10;
}

/**
 * A signed incline in percent along the way (Key:incline): "5%", "-3 %", "10°" (converted as
 * tan(angle) × 100), "0". "up" and "down" say the direction but no number, so they are null.
 */
export function readInclinePercent(raw: string): number | null | undefined {
  const text = raw.trim().toLowerCase();
  if (text === 'up' || text === 'down' || text === 'yes' || text === 'unknown') return null;
  const percent = /^([+-]?\d+(?:[.,]\d+)?)\s*%$/.exec(text);
  if (percent) return readDecimal(percent[1] as string);
  const degrees = /^([+-]?\d+(?:[.,]\d+)?)\s*(°|deg|degrees?)$/.exec(text);
  if (degrees) {
    const angle = readDecimal(degrees[1] as string);
    if (angle === undefined || Math.abs(angle) >= 90) return undefined;
    return Math.round(Math.tan((angle * Math.PI) / 180) * 100 * 100) / 100;
  }
  if (text === '0') return 0;
  return undefined;
}

/** A whole number of at least 1 (step_count). */
export function readCount(raw: string): number | null | undefined {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 ? value : undefined;
}

/** yes/no as OSM writes them; "true"/"false"/"1"/"0" are tolerated. */
export function readYesNo(raw: string): boolean | null | undefined {
  const text = raw.trim().toLowerCase();
  if (text === 'yes' || text === 'true' || text === '1') return true;
  if (text === 'no' || text === 'false' || text === '0') return false;
  if (text === 'unknown') return null;
  return undefined;
}

/** A value looked up in a vocabulary; absent values are not understood (undefined). */
export function readFrom<Value>(vocabulary: Readonly<Record<string, Value>>): (raw: string) => Value | undefined {
  return (raw) => {
    const text = raw.trim();
    return Object.hasOwn(vocabulary, text) ? vocabulary[text] : undefined;
  };
}

/** Any non-empty text, trimmed. */
export function readText(raw: string): string | null {
  const text = raw.trim();
  return text === '' ? null : text;
}
