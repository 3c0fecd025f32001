import { groupBy } from '../../../shared/collections';
import type { Indicator, IndicatorFlag } from '../../../shared/data-profile/domain';
import { invalid, notFound } from '../../../shared/errors';
import { newId, stableId } from '../../../shared/ids';
import { flagConflict } from '../../../shared/data-profile/flags';
import { parsePeriod, type Period } from '../../../shared/data-profile/period';
import { loadDefaultIndicators } from '../../resources';
import { findReview } from '../reviews/reviews-table';
import { setDeleted, syncValues, updateRow } from '../../store/rows';
import type { Stamp, Store } from '../../store/store';
import { cellsOf, checkedWhole, locateColumns, readCsvTable } from '../../infra/table-file';
import type { TableImportResult } from '../../../shared/data-profile/contract';

interface IndicatorRow {
  id: string;
  code: string;
  name: string;
  unit: string;
  lower_is_better: number;
  built_in: number;
}
interface ValueRow {
  id: string;
  indicator_id: string;
  period: string;
  period_start: string;
  area: number;
  england: number | null;
  comparator: number | null;
  flag: IndicatorFlag | null;
  demo: number;
  note: string;
}

/**
 * The review's indicators. The defaults are copied in the first time the data profile is opened,
 * with ids derived from the review and the code (see stableId), so two laptops that both open it
 * make the same rows.
 */
export function ensureIndicators(store: Store, reviewId: string): void {
  if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
  const count = (store.prepare('SELECT count(*) AS n FROM indicators WHERE review_id = ?').get(reviewId) as { n: number }).n;
  if (count > 0) return;
  const source = loadDefaultIndicators();
  store.write((stamp) => {
    const sync = syncValues(stamp);
    const insert = store.prepare(
      'INSERT INTO indicators (id, review_id, code, name, unit, lower_is_better, built_in, position, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)',
    );
    source.indicators.forEach((indicator, index) =>
      insert.run(
        stableId(`${reviewId}/indicator/${indicator.code}`),
        reviewId,
        indicator.code,
        indicator.name,
        indicator.unit,
        indicator.lowerIsBetter ? 1 : 0,
        index + 1,
        sync.hlc,
        sync.updated_by,
        sync.updated_device,
      ),
    );
  });
}

export function listIndicators(store: Store, reviewId: string): Indicator[] {
  ensureIndicators(store, reviewId);
  const indicators = store
    .prepare('SELECT id, code, name, unit, lower_is_better, built_in FROM indicators WHERE review_id = ? AND deleted = 0 ORDER BY position, code')
    .all(reviewId) as IndicatorRow[];
  const values = store
    .prepare(
      'SELECT id, indicator_id, period, period_start, area, england, comparator, flag, demo, note FROM indicator_values WHERE review_id = ? AND deleted = 0 ORDER BY indicator_id, period_start, period_months, period',
    )
    .all(reviewId) as ValueRow[];
  const byIndicator = groupBy(values, (value) => value.indicator_id);
  return indicators.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    unit: row.unit,
    lowerIsBetter: row.lower_is_better === 1,
    builtIn: row.built_in === 1,
    // In time order from SQL: by first month, then quarters after the month they start with.
    values: (byIndicator.get(row.id) ?? []).map((v) => ({
      id: v.id,
      period: v.period,
      periodStart: v.period_start,
      area: v.area,
      england: v.england,
      comparator: v.comparator,
      flag: v.flag,
      demo: v.demo === 1,
      note: v.note,
    })),
  }));
}

/** Adds a user's own indicator or edits one (code, name, unit, direction). */
export function saveIndicator(store: Store, input: { reviewId: string; indicatorId?: string | undefined; code: string; name: string; unit: string; lowerIsBetter: boolean }): void {
  ensureIndicators(store, input.reviewId);
  const clash = store.prepare('SELECT id FROM indicators WHERE review_id = ? AND code = ? COLLATE NOCASE AND deleted = 0').get(input.reviewId, input.code) as
    { id: string } | undefined;
  if (clash && clash.id !== input.indicatorId) throw invalid(`The code ${input.code} is already used by another indicator.`, [{ field: 'code', message: 'Already used' }]);
  store.write((stamp) => {
    if (input.indicatorId) {
      const owner = store.prepare('SELECT review_id FROM indicators WHERE id = ? AND deleted = 0').get(input.indicatorId) as { review_id: string } | undefined;
      if (owner?.review_id !== input.reviewId) throw notFound('That indicator no longer exists.');
      updateRow(store, 'indicators', input.indicatorId, { code: input.code, name: input.name, unit: input.unit, lower_is_better: input.lowerIsBetter ? 1 : 0 }, stamp);
      return;
    }
    const position = (store.prepare('SELECT coalesce(max(position), 0) + 1 AS next FROM indicators WHERE review_id = ?').get(input.reviewId) as { next: number }).next;
    const sync = syncValues(stamp);
    store
      .prepare(
        'INSERT INTO indicators (id, review_id, code, name, unit, lower_is_better, built_in, position, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)',
      )
      .run(newId(), input.reviewId, input.code, input.name, input.unit, input.lowerIsBetter ? 1 : 0, position, sync.hlc, sync.updated_by, sync.updated_device);
  });
}

/** Removes an indicator and its values (tombstones, so Undo and merges see it). */
export function removeIndicator(store: Store, indicatorId: string, removed: boolean): string {
  const row = store.prepare('SELECT review_id FROM indicators WHERE id = ?').get(indicatorId) as { review_id: string } | undefined;
  if (!row) throw notFound('That indicator no longer exists.');
  if (!removed) {
    const clash = store
      .prepare('SELECT i.code FROM indicators i JOIN indicators r ON r.id = ? WHERE i.review_id = r.review_id AND i.code = r.code COLLATE NOCASE AND i.deleted = 0')
      .get(indicatorId) as { code: string } | undefined;
    if (clash) throw invalid(`Another indicator now uses the code ${clash.code}: change its code first.`);
  }
  store.write((stamp) => {
    // Values removed with the indicator carry its removal stamp: Undo brings back just those.
    const removedAt = (store.prepare('SELECT hlc FROM indicators WHERE id = ?').get(indicatorId) as { hlc: string }).hlc;
    setDeleted(store, 'indicators', indicatorId, removed, stamp);
    const values = 'UPDATE indicator_values SET deleted = ?, hlc = ?, updated_by = ?, updated_device = ? WHERE indicator_id = ? AND deleted = ?';
    if (removed) store.prepare(values).run(1, stamp.hlc, stamp.updatedBy, stamp.device, indicatorId, 0);
    else store.prepare(`${values} AND hlc = ?`).run(0, stamp.hlc, stamp.updatedBy, stamp.device, indicatorId, 1, removedAt);
  });
  return row.review_id;
}

export interface ValueInput {
  period: Period;
  area: number;
  england: number | null;
  comparator: number | null;
  flag: IndicatorFlag | null;
  note?: string;
  demo?: boolean;
}

/**
 * Writes one value (by indicator and period) inside the caller's transaction: a new period is
 * added, a changed one updated, an identical one left alone. Returns which it was.
 */
export function upsertValue(store: Store, stamp: Stamp, reviewId: string, indicatorId: string, value: ValueInput): 'added' | 'updated' | 'unchanged' {
  const existing = store
    .prepare('SELECT id, area, england, comparator, flag, note, demo FROM indicator_values WHERE indicator_id = ? AND period = ? AND deleted = 0')
    .get(indicatorId, value.period.label) as
    { id: string; area: number; england: number | null; comparator: number | null; flag: IndicatorFlag | null; note: string; demo: number } | undefined;
  const note = value.note ?? existing?.note ?? '';
  const demo = value.demo ? 1 : 0;
  if (!existing) {
    const sync = syncValues(stamp);
    store
      .prepare(
        'INSERT INTO indicator_values (id, review_id, indicator_id, period, period_start, period_months, area, england, comparator, flag, demo, note, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        newId(),
        reviewId,
        indicatorId,
        value.period.label,
        value.period.start,
        value.period.months,
        value.area,
        value.england,
        value.comparator,
        value.flag,
        demo,
        note,
        sync.hlc,
        sync.updated_by,
        sync.updated_device,
      );
    return 'added';
  }
  if (
    existing.area === value.area &&
    existing.england === value.england &&
    existing.comparator === value.comparator &&
    existing.flag === value.flag &&
    existing.note === note &&
    existing.demo === demo
  )
    return 'unchanged';
  updateRow(store, 'indicator_values', existing.id, { area: value.area, england: value.england, comparator: value.comparator, flag: value.flag, note, demo }, stamp);
  return 'updated';
}

// --- parsing the cells of an indicator file ----------------------------------------------------

/** "12.5", "12.5%", "1,234.5": a decimal point, optional thousands commas, optional trailing %. */
export function parseNumber(raw: string, field: string): number | string {
  const text = raw.trim();
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*%?$/.test(text) && !/^-?\.\d+\s*%?$/.test(text)) return `${field} "${raw.trim()}" is not a number`;
  return Number(text.replace(/[,%\s]/g, ''));
}

/** "significantly worse", "worse", "similar", "significantly_better"…; blank is no flag. */
export function parseFlag(raw: string): { flag: IndicatorFlag | null } | { error: string } {
  const text = raw.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
  if (!text) return { flag: null };
  if (/^(significantly |sig\.? )?better( than england)?$/.test(text)) return { flag: 'better' };
  if (/^(significantly |sig\.? )?worse( than england)?$/.test(text)) return { flag: 'worse' };
  if (/^(similar|no significant difference|not significant|same)$/.test(text)) return { flag: 'similar' };
  return { error: `flag "${raw.trim()}" is not one of significantly better, similar, significantly worse (or blank)` };
}

const HEADERS = ['indicator', 'period', 'area', 'england', 'comparator', 'flag'] as const;

interface CheckedValue {
  line: number;
  indicatorId: string;
  value: ValueInput;
  warning: string | null;
}

/** Checks a whole indicator CSV: every row's problems, by line, before anything is written. */
export function checkIndicatorCsv(
  store: Store,
  reviewId: string,
  text: string,
  fileName: string,
): { rows: CheckedValue[]; invalid: Array<{ line: number; reason: string }>; total: number } {
  ensureIndicators(store, reviewId);
  const table = readCsvTable(text, fileName);
  const index = locateColumns(table, HEADERS, ['indicator', 'period', 'area', 'england']);
  const indicators = store.prepare('SELECT id, code, name, lower_is_better FROM indicators WHERE review_id = ? AND deleted = 0').all(reviewId) as Array<{
    id: string;
    code: string;
    name: string;
    lower_is_better: number;
  }>;
  const byId = new Map(indicators.map((i) => [i.id, { code: i.code, lowerIsBetter: i.lower_is_better === 1 }]));
  const byName = new Map<string, string>();
  for (const indicator of indicators) {
    byName.set(indicator.code.toLowerCase(), indicator.id);
    byName.set(indicator.name.trim().toLowerCase(), indicator.id);
  }
  const rows: CheckedValue[] = [];
  const invalidRows: Array<{ line: number; reason: string }> = [...table.refused];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const cell = cellsOf(index, row);
    const reasons: string[] = [];
    const indicatorId = byName.get(cell('indicator').toLowerCase());
    if (!indicatorId) reasons.push(cell('indicator') ? `unknown indicator "${cell('indicator')}"` : 'missing indicator');
    const period = parsePeriod(cell('period'));
    if (typeof period === 'string') reasons.push(period);
    const number = (field: 'area' | 'england' | 'comparator', required: boolean): number | null => {
      if (!cell(field)) {
        if (required) reasons.push(`missing ${field}`);
        return null;
      }
      const parsed = parseNumber(cell(field), field);
      if (typeof parsed === 'string') reasons.push(parsed);
      return typeof parsed === 'number' ? parsed : null;
    };
    const area = number('area', true);
    const england = number('england', true);
    const comparator = number('comparator', false);
    const flag = parseFlag(cell('flag'));
    if ('error' in flag) reasons.push(flag.error);
    if (indicatorId && typeof period !== 'string') {
      const key = `${indicatorId}|${period.label}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) reasons.push(`repeats ${cell('indicator')} ${period.label} from line ${earlier}`);
      else seen.set(key, row.line);
    }
    if (reasons.length > 0) invalidRows.push({ line: row.line, reason: reasons.join('; ') });
    else if (indicatorId && typeof period !== 'string' && area !== null) {
      const value = { period, area, england, comparator, flag: 'flag' in flag ? flag.flag : null };
      const indicator = byId.get(indicatorId);
      rows.push({ line: row.line, indicatorId, value, warning: indicator ? flagConflict(indicator, value) : null });
    }
  }
  return checkedWhole(table, rows, invalidRows);
}

/** Imports an indicator CSV: nothing unless every row is valid, or skipInvalid; re-import updates. */
export function importIndicators(store: Store, reviewId: string, text: string, skipInvalid: boolean, fileName = 'indicators.csv'): TableImportResult {
  const { rows, invalid: invalidRows, total } = checkIndicatorCsv(store, reviewId, text, fileName);
  const warnings = rows.flatMap((row) => (row.warning ? [{ line: row.line, message: row.warning }] : []));
  const result: TableImportResult = { imported: false, rows: total, added: 0, updated: 0, unchanged: 0, invalid: invalidRows, warnings };
  if (invalidRows.length > 0 && !skipInvalid) return result;
  store.write((stamp) => {
    for (const row of rows) result[upsertValue(store, stamp, reviewId, row.indicatorId, row.value)] += 1;
  });
  result.imported = true;
  return result;
}
