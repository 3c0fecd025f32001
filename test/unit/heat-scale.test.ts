import { describe, expect, it } from 'vitest';
import { heatMapSvg } from '../../main/infra/charts';
import type { AuditSummary } from '../../shared/relational-audit/contract';
import { contrast, HEAT_CLASSES, heatClass } from '../../shared/relational-audit/heat-scale';

/** The heat map's diverging scale: 2.7 and 3.3 must not look alike, and every value must read. */
describe('the heat map scale', () => {
  it('puts means either side of 3 in colours of different hue: red below, blue above', () => {
    const [below, above] = [heatClass(2.7), heatClass(3.3)];
    expect(below.background).not.toBe(above.background);
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
    const [r1, , b1] = rgb(below.background);
    const [r2, , b2] = rgb(above.background);
    expect(r1).toBeGreaterThan(b1); // reddish
    expect(b2).toBeGreaterThan(r2); // bluish
    expect(heatClass(2.99).background).toBe(below.background);
    expect(heatClass(3).background).toBe(above.background);
  });

  it('covers 1 to 5 in eight half-point classes, darker towards both ends', () => {
    expect(HEAT_CLASSES.map((c) => c.label)).toEqual(['1.0–1.5', '1.5–2.0', '2.0–2.5', '2.5–3.0', '3.0–3.5', '3.5–4.0', '4.0–4.5', '4.5–5.0']);
    expect(heatClass(1)).toBe(HEAT_CLASSES[0]);
    expect(heatClass(5)).toBe(HEAT_CLASSES[7]);
    expect(heatClass(0.2)).toBe(HEAT_CLASSES[0]);
    expect(heatClass(7)).toBe(HEAT_CLASSES[7]);
    const white = (hex: string) => contrast(hex, '#ffffff');
    const strength = HEAT_CLASSES.map((c) => white(c.background));
    for (let i = 0; i < 3; i += 1) expect(strength[i]).toBeGreaterThan(strength[i + 1]!);
    for (let i = 4; i < 7; i += 1) expect(strength[i]).toBeLessThan(strength[i + 1]!);
  });

  it('writes every value in a colour that reads on its class at 4.5:1 or better', () => {
    for (const c of HEAT_CLASSES) expect(contrast(c.text, c.background), c.label).toBeGreaterThanOrEqual(4.5);
  });

  it("colours the report's chart with the same classes and draws their legend", () => {
    const summary = {
      minRespondents: 3,
      matrix: [
        { from: 'OCC', to: 'OUHFT', domain: 'all', mean: 2.7, n: 40, respondents: 8, suppressed: false },
        { from: 'OUHFT', to: 'OCC', domain: 'all', mean: 3.3, n: 40, respondents: 8, suppressed: false },
      ],
    } as unknown as AuditSummary;
    const svg = heatMapSvg(summary, ['OCC', 'OUHFT'], 'all').toLowerCase();
    expect(svg).toContain(heatClass(2.7).background);
    expect(svg).toContain(heatClass(3.3).background);
    for (const c of HEAT_CLASSES) expect(svg).toContain(c.label);
  });
});
