import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
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
  return svg;
}

export function svgToPng(svg: string, width: number): Buffer {
  const fonts = path.join(resourcesDir(), 'fonts');
  const fontFiles = [path.join(fonts, 'DejaVuSans.ttf'), path.join(fonts, 'DejaVuSans-Bold.ttf')];
  // resvg draws no text at all without its fonts: a chart with no labels must not pass as drawn.
  const missing = fontFiles.find((file) => !fs.existsSync(file));
  if (missing) throw missingResource(missing);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: FONT_FAMILY },
  });
  return resvg.render().asPng();
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
      title: { text: `How each organisation rates the others: ${title}`, left: 'center', textStyle: { fontSize: 14 } },
      grid: { top: 50, left: 90, right: 20, bottom: 95 },
      xAxis: { type: 'category', data: organisations, name: 'Rated', nameLocation: 'middle', nameGap: 28, splitArea: { show: true } },
      yAxis: { type: 'category', data: organisations, name: 'Rater', nameLocation: 'middle', nameGap: 70, inverse: true, splitArea: { show: true } },
      visualMap: {
        min: 1,
        max: 5,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 200,
        text: ['5 strongly agree', '1 strongly disagree'],
        inRange: { color: ['#d9534f', '#f0ad4e', '#f7e08a', '#8fd19e', '#3c9d5d'] },
      },
      series: [
        {
          type: 'heatmap',
          data,
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
    115 + organisations.length * 48,
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
