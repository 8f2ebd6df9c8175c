// Colour contrast as WCAG defines it, so the palette can be checked by tests rather than by eye.

/** Parses "#RRGGBB" (or "#RGB") into 0–255 channels. */
export function parseHexColor(hexColor: string): [red: number, green: number, blue: number] {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hexColor);
  if (!match?.[1]) throw new Error(`Not a hex colour: ${hexColor}`);
  const digits = match[1].length === 3 ? [...match[1]].map((digit) => digit + digit).join('') : match[1];
  return [0, 2, 4].map((start) => Number.parseInt(digits.slice(start, start + 2), 16)) as [number, number, number];
}

/**
 * Relative luminance of an sRGB colour: 0 for black, 1 for white.
 * WCAG 2.2, Definitions, "relative luminance": L = 0.2126 R + 0.7152 G + 0.0722 B, where each
 * channel c = C/255 is linearised as c/12.92 when c <= 0.04045, else ((c + 0.055)/1.055)^2.4.
 */
export function relativeLuminance(hexColor: string): number {
  const [red, green, blue] = parseHexColor(hexColor).map((channel) => {
    const fraction = channel / 255;
    return fraction <= 0.04045 ? fraction / 12.92 : ((fraction + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/**
 * Contrast ratio between two colours, from 1 (same) to 21 (black on white).
 * WCAG 2.2, Definitions, "contrast ratio": (L1 + 0.05) / (L2 + 0.05), L1 the lighter colour.
 * Success criterion 1.4.11 (Non-text Contrast) asks for at least 3:1 for graphical objects.
 */
export function contrastRatio(firstColor: string, secondColor: string): number {
  const first = relativeLuminance(firstColor);
  const second = relativeLuminance(secondColor);
  return (Math.max(first, second) + 0.05) / (Math.min(first, second) + 0.05);
}

/** WCAG 2.2 SC 1.4.11: graphical objects need 3:1 against adjacent colours. */
export const NON_TEXT_CONTRAST_MINIMUM = 3;
