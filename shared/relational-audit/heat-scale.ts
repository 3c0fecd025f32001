/**
 * The heat map's colours: a diverging scale around 3 ("neither agree nor disagree") on the 1–5
 * agreement scale, in eight classes of half a point, red below 3 and blue above (ColorBrewer's
 * RdBu, which stays distinct for the common kinds of colour blindness). Classes, not a smooth
 * ramp, so a mean of 2.7 (pale red) and one of 3.3 (pale blue) never look alike, and a legend can
 * name what each colour means. The same classes colour the screen and the report's chart.
 */
export interface HeatClass {
  /** The class holds means from `from` up to, not including, `to` (the top class includes 5). */
  from: number;
  to: number;
  background: string;
  /** Dark or white, whichever reads better on the background (at least 4.5:1). */
  text: string;
  label: string;
}

const INK = '#1d2433';
// RdBu's second red is lightened a little (#d6604d to #e0735f) so that dark text reads on it at 4.5:1.
const COLOURS = ['#b2182b', '#e0735f', '#f4a582', '#fddbc7', '#d1e5f0', '#92c5de', '#4393c3', '#2166ac'];

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

export const HEAT_CLASSES: readonly HeatClass[] = COLOURS.map((background, i) => {
  const from = 1 + i / 2;
  const to = from + 0.5;
  return {
    from,
    to,
    background,
    text: contrast(INK, background) >= contrast('#ffffff', background) ? INK : '#ffffff',
    label: `${from.toFixed(1)}–${to.toFixed(1)}`,
  };
});

/** The class a mean falls in (means outside 1–5 are held to the ends). */
export function heatClass(mean: number): HeatClass {
  const index = Math.min(HEAT_CLASSES.length - 1, Math.max(0, Math.floor((mean - 1) * 2)));
  return HEAT_CLASSES[index] as HeatClass;
}
