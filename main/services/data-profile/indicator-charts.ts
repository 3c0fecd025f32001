import type * as echarts from 'echarts';
import type { Indicator } from '../../../shared/data-profile/domain';
import { periodCaption } from '../../../shared/data-profile/period';
import { render } from '../../infra/charts';

/**
 * The data profile's figures as the report shows them (seed 003, Figures 1–6): the area against
 * England and the comparator group over time, with significantly better or worse periods marked.
 */
/**
 * Charts drawn in this process, by the data they show (plain values, so JSON is the whole input;
 * the drawing code cannot change while the process runs). ECharts takes ~15 ms a figure: the
 * data profile tab and each export asked for all of them again.
 */
const drawn = new Map<string, string>();
const KEEP = 200;
function remembered(inputs: unknown, draw: () => string): string {
  const key = JSON.stringify(inputs);
  const svg = drawn.get(key) ?? draw();
  drawn.delete(key);
  drawn.set(key, svg);
  if (drawn.size > KEEP) drawn.delete(drawn.keys().next().value ?? '');
  return svg;
}

const COLOURS = { area: '#00615e', england: '#4b5563', comparator: '#7c3aed', better: '#15803d', worse: '#b91c1c' };

function seriesFor(indicator: Indicator, axis: number): echarts.SeriesOption[] {
  const values = indicator.values;
  const flagged = (flag: 'better' | 'worse') => values.map((v) => (v.flag === flag ? v.area : null));
  const line = (name: string, data: Array<number | null>, colour: string, type: 'solid' | 'dashed' | 'dotted', width: number): echarts.SeriesOption => ({
    name,
    type: 'line',
    xAxisIndex: axis,
    yAxisIndex: axis,
    data,
    connectNulls: true,
    symbol: 'circle',
    symbolSize: 5,
    lineStyle: { color: colour, type, width },
    itemStyle: { color: colour },
  });
  const series: echarts.SeriesOption[] = [
    line(
      'Area',
      values.map((v) => v.area),
      COLOURS.area,
      'solid',
      2.5,
    ),
  ];
  if (values.some((v) => v.england !== null))
    series.push(
      line(
        'England',
        values.map((v) => v.england),
        COLOURS.england,
        'dashed',
        1.5,
      ),
    );
  if (values.some((v) => v.comparator !== null))
    series.push(
      line(
        'Comparator areas',
        values.map((v) => v.comparator),
        COLOURS.comparator,
        'dotted',
        1.5,
      ),
    );
  for (const flag of ['better', 'worse'] as const) {
    if (!values.some((v) => v.flag === flag)) continue;
    series.push({
      name: flag === 'better' ? 'Significantly better' : 'Significantly worse',
      type: 'scatter',
      xAxisIndex: axis,
      yAxisIndex: axis,
      data: flagged(flag),
      symbol: flag === 'better' ? 'triangle' : 'diamond',
      symbolSize: 11,
      itemStyle: { color: COLOURS[flag] },
      z: 5,
    });
  }
  return series;
}

const axisLabel = { fontSize: 10, hideOverlap: true };

/** One indicator: area vs England vs comparator over time, flags marked. */
export function indicatorChartSvg(indicator: Indicator, figure?: number): string {
  return remembered(['figure', indicator, figure ?? null], () => drawIndicator(indicator, figure));
}

function drawIndicator(indicator: Indicator, figure?: number): string {
  const title = `${figure ? `Figure ${figure}: ` : ''}${indicator.name}`;
  return render(
    {
      title: {
        text: title,
        subtext: `${indicator.unit}${indicator.unit ? ' · ' : ''}${indicator.lowerIsBetter ? 'lower is better' : 'higher is better'}`,
        left: 'center',
        textStyle: { fontSize: 14 },
        subtextStyle: { fontSize: 11 },
      },
      legend: { bottom: 0, itemGap: 22, textStyle: { fontSize: 11 } },
      grid: { top: 62, left: 56, right: 24, bottom: 64 },
      xAxis: { type: 'category', data: indicator.values.map((v) => periodCaption(v.period)), axisLabel: { ...axisLabel, rotate: indicator.values.length > 8 ? 35 : 0 } },
      yAxis: { type: 'value', axisLabel },
      series: seriesFor(indicator, 0),
    },
    720,
    360,
  );
}

/** All indicators on one page: small multiples, two per row; one without figures says so. */
export function profileSvg(indicators: Indicator[], area: string): string {
  return remembered(['profile', indicators, area], () => drawProfile(indicators, area));
}

function drawProfile(indicators: Indicator[], area: string): string {
  const columns = 2;
  const width = 1000;
  const cellHeight = 300;
  const top = 60;
  const rows = Math.max(1, Math.ceil(indicators.length / columns));
  const cellWidth = width / columns;
  const place = (i: number) => ({ x: (i % columns) * cellWidth, y: top + Math.floor(i / columns) * cellHeight });
  const series = indicators.flatMap((indicator, i) => seriesFor(indicator, i));
  const names = ['Area', 'England', 'Comparator areas', 'Significantly better', 'Significantly worse'].filter((name) => series.some((s) => s.name === name));
  return render(
    {
      title: [
        { text: `Data profile: ${area}`, left: 'center', top: 8, textStyle: { fontSize: 16 } },
        ...indicators.map((indicator, i) => ({
          text: indicator.name,
          subtext: indicator.values.length === 0 ? 'No figures yet' : indicator.unit,
          left: place(i).x + cellWidth / 2,
          top: place(i).y,
          textAlign: 'center' as const,
          textStyle: { fontSize: 12 },
          subtextStyle: { fontSize: 10 },
        })),
      ],
      legend: { bottom: 4, itemGap: 22, data: names, textStyle: { fontSize: 11 } },
      grid: indicators.map((_, i) => ({ left: place(i).x + 52, top: place(i).y + 48, width: cellWidth - 80, height: cellHeight - 110 })),
      xAxis: indicators.map((indicator, i) => ({ type: 'category' as const, gridIndex: i, data: indicator.values.map((v) => periodCaption(v.period)), axisLabel })),
      yAxis: indicators.map((_, i) => ({ type: 'value' as const, gridIndex: i, axisLabel })),
      series,
    },
    width,
    top + rows * cellHeight + 30,
  );
}
