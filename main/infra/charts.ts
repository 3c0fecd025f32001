import fs from 'node:fs';
import { HEAT_CLASSES, heatClass } from '../../shared/relational-audit/heat-scale';
import path from 'node:path';
import { Resvg, renderAsync } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { AuditSummary } from '../../shared/relational-audit/contract';
import { AUDIT_DOMAIN_LABELS, type AuditDomain } from '../../shared/relational-audit/domain';
import { missingResource, resourcesDir } from '../resources';

/**
 * Charts drawn without a browser: ECharts renders SVG on the server, resvg turns it into PNG with
 * the font we ship (so the report looks the same on every laptop). The screen shows the same SVG.
 */
const FONT_FAMILY = 'DejaVu Sans';

export function render(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: FONT_FAMILY }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return stableIds(svg);
}

/**
 * ZRender names its classes and clip paths from counters that run across charts ("zr3-cls-12"),
 * so the same chart drawn twice differed. Renamed in order of appearance, the same data always
 * gives the same SVG: what lets a drawn chart be kept by the hash of its SVG.
 */
export function stableIds(svg: string): string {
  const names = new Map<string, string>();
  return svg.replace(/\bzr\d+-[A-Za-z]+-?\d+\b/g, (id) => {
    let name = names.get(id);
    if (!name) names.set(id, (name = `fb-${names.size}`));
    return name;
  });
}

function resvgOptions(width: number) {
  const fonts = path.join(resourcesDir(), 'fonts');
  const fontFiles = [path.join(fonts, 'DejaVuSans.ttf'), path.join(fonts, 'DejaVuSans-Bold.ttf')];
  // resvg draws no text at all without its fonts: a chart with no labels must not pass as drawn.
  const missing = fontFiles.find((file) => !fs.existsSync(file));
  if (missing) throw missingResource(missing);
  return { fitTo: { mode: 'width' as const, value: width }, font: { loadSystemFonts: false, fontFiles, defaultFontFamily: FONT_FAMILY } };
}

export function svgToPng(svg: string, width: number): Buffer {
  return new Resvg(svg, resvgOptions(width)).render().asPng();
}

/** The same drawing on libuv's worker threads: several charts at once, the main thread free. */
export async function svgToPngAsync(svg: string, width: number): Promise<Buffer> {
  return (await renderAsync(svg, resvgOptions(width))).asPng();
}

/** Rater (rows) × rated (columns) means for one domain or all; suppressed cells shown as such. */
export function heatMapSvg(summary: AuditSummary, organisations: string[], domain: AuditDomain | 'all'): string {
  const cells = summary.matrix.filter((m) => m.domain === domain);
  const data = cells.map((m) => [organisations.indexOf(m.to), organisations.indexOf(m.from), m.suppressed ? '-' : (m.mean ?? '-')]);
  const suppressed = cells
    .filter((m) => m.suppressed)
    .map((m) => ({ value: [organisations.indexOf(m.to), organisations.indexOf(m.from), 0], itemStyle: { color: '#e5e7eb' }, label: { formatter: 'n<' + summary.minRespondents } }));
  const title = domain === 'all' ? 'All domains' : AUDIT_DOMAIN_LABELS[domain];
  return render(
    {
      title: {
        text: `How each organisation rates the others: ${title}`,
        subtext: 'Mean rating: 1 strongly disagree, 3 neither agree nor disagree, 5 strongly agree',
        left: 'center',
        textStyle: { fontSize: 14 },
        subtextStyle: { fontSize: 11, color: '#5b6577' },
      },
      grid: { top: 64, left: 90, right: 20, bottom: 95 },
      xAxis: { type: 'category', data: organisations, name: 'Rated', nameLocation: 'middle', nameGap: 28, splitArea: { show: true } },
      yAxis: { type: 'category', data: organisations, name: 'Rater', nameLocation: 'middle', nameGap: 70, inverse: true, splitArea: { show: true } },
      // The screen's classes (shared/relational-audit/heat-scale.ts), with their legend.
      visualMap: {
        type: 'piecewise',
        // Suppressed cells are drawn with 0, outside every class: grey.
        outOfRange: { color: '#e5e7eb' },
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemGap: 6,
        itemWidth: 14,
        // Each class named by its range: 1 strongly disagree, 3 neither, 5 strongly agree.
        pieces: HEAT_CLASSES.map((c, i) => ({ gte: c.from, ...(i === HEAT_CLASSES.length - 1 ? { lte: c.to } : { lt: c.to }), color: c.background, label: c.label })),
      },
      series: [
        {
          type: 'heatmap',
          // Each value in the colour that reads on its class (dark or white).
          data: data.map((value) => ({ value, label: { color: typeof value[2] === 'number' ? heatClass(value[2]).text : '#1d2433' } })),
          label: {
            show: true,
            formatter: (p: { value: unknown }) => {
              const v = (p.value as unknown[])[2];
              return typeof v === 'number' ? v.toFixed(2) : '';
            },
          },
        },
        { type: 'heatmap', data: suppressed, label: { show: true, color: '#6b7280' } },
      ],
    } as echarts.EChartsOption,
    640,
    129 + organisations.length * 48,
  );
}

export function domainBarsSvg(summary: AuditSummary): string {
  return render(
    {
      title: { text: 'Mean score by domain (1–5)', left: 'center', textStyle: { fontSize: 14 } },
      grid: { top: 40, left: 110, right: 40, bottom: 30 },
      xAxis: { type: 'value', min: 1, max: 5 },
      yAxis: { type: 'category', data: summary.domains.map((d) => AUDIT_DOMAIN_LABELS[d.domain]), inverse: true },
      series: [
        {
          type: 'bar',
          data: summary.domains.map((d) => d.mean ?? 0),
          itemStyle: { color: '#00615e' },
          label: {
            show: true,
            position: 'right',
            textBorderWidth: 0,
            color: '#1d2433',
            formatter: (p: { value: unknown }) => (typeof p.value === 'number' && p.value > 0 ? p.value.toFixed(2) : '—'),
          },
        },
      ],
    } as echarts.EChartsOption,
    560,
    260,
  );
}
