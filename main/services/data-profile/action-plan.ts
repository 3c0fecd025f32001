import { groupBy } from '../../../shared/collections';
import type { TableImportResult } from '../../../shared/data-profile/contract';
import { referenceCode } from '../../../shared/evidence/domain';
import { ACTION_STATUSES, effectiveStatus, type ActionItem, type ActionPlan, type ActionPriority, type ActionStatus } from '../../../shared/data-profile/domain';
import { invalid, notFound } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { actionKey, parseDue, parsePriority, parseStatus } from '../../../shared/data-profile/action-cells';
import { findReview } from '../reviews/reviews-table';
import { setDeleted, stampOf, syncValues, updateRow, type SyncColumns } from '../../store/rows';
import type { Stamp, Store } from '../../store/store';
import { cellsOf, checkedWhole, csvText, locateColumns, readCsvTable, readXlsxTable, tableKind, type Table } from '../../infra/table-file';

interface ActionRow extends SyncColumns {
  id: string;
  ref_number: number;
  theme_item_id: string;
  priority: ActionPriority;
  action: string;
  owner_ids: string;
  due: string | null;
  status: ActionStatus;
}
interface ProgressRow extends SyncColumns {
  id: string;
  action_id: string;
  note_date: string;
  text: string;
  evidence_ids: string;
}

const actionRef = (n: number) => `A${String(n).padStart(3, '0')}`;
const ids = (json: string): string[] => {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
};

/** Local calendar date: what "overdue" is judged against. */
export function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * The themes an action can belong to: the framework's themes (a progress review's action plan
 * themes), or, for frameworks without themes, its top-level items (stages, key questions).
 */
export function actionThemes(store: Store, reviewId: string): Array<{ id: string; code: string; title: string }> {
  const themes = store
    .prepare("SELECT id, code, title FROM framework_items WHERE review_id = ? AND kind = 'theme' AND retired = 0 AND deleted = 0 ORDER BY position")
    .all(reviewId) as Array<{ id: string; code: string; title: string }>;
  if (themes.length > 0) return themes;
  return store
    .prepare(
      "SELECT id, code, title FROM framework_items WHERE review_id = ? AND parent_id IS NULL AND kind NOT IN ('priority_group', 'evidence_category') AND retired = 0 AND deleted = 0 ORDER BY position",
    )
    .all(reviewId) as Array<{ id: string; code: string; title: string }>;
}

export function actionPlan(store: Store, reviewId: string, today = localToday()): ActionPlan {
  if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
  const themes = actionThemes(store, reviewId);
  const themeTitle = new Map(
    (store.prepare('SELECT id, title FROM framework_items WHERE review_id = ?').all(reviewId) as Array<{ id: string; title: string }>).map((t) => [t.id, t.title]),
  );
  const orgName = new Map(
    (store.prepare('SELECT id, short_name FROM organisations WHERE review_id = ?').all(reviewId) as Array<{ id: string; short_name: string }>).map((o) => [o.id, o.short_name]),
  );
  const evidence = new Map(
    (store.prepare('SELECT id, ref_number, title FROM evidence WHERE review_id = ?').all(reviewId) as Array<{ id: string; ref_number: number; title: string }>).map((e) => [
      e.id,
      { id: e.id, code: referenceCode(e.ref_number), title: e.title },
    ]),
  );
  const progress = groupBy(
    store.prepare('SELECT * FROM action_progress WHERE review_id = ? AND deleted = 0 ORDER BY note_date, hlc').all(reviewId) as ProgressRow[],
    (row) => row.action_id,
  );
  const items: ActionItem[] = (store.prepare('SELECT * FROM action_items WHERE review_id = ? AND deleted = 0 ORDER BY ref_number').all(reviewId) as ActionRow[]).map((row) => {
    const stamp = stampOf(store, row);
    return {
      id: row.id,
      ref: actionRef(row.ref_number),
      themeId: row.theme_item_id,
      theme: themeTitle.get(row.theme_item_id) ?? '?',
      priority: row.priority,
      action: row.action,
      owners: ids(row.owner_ids).map((id) => ({ id, shortName: orgName.get(id) ?? '?' })),
      due: row.due,
      status: row.status,
      effectiveStatus: effectiveStatus(row.status, row.due, today),
      progress: (progress.get(row.id) ?? []).map((p) => ({
        id: p.id,
        date: p.note_date,
        text: p.text,
        evidence: ids(p.evidence_ids).flatMap((id) => evidence.get(id) ?? []),
        updatedBy: stampOf(store, p).updatedBy,
      })),
      updatedAt: stamp.updatedAt,
      updatedBy: stamp.updatedBy,
    };
  });
  const zero = () => Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>;
  const totals = zero();
  const byTheme = new Map(themes.map((t) => [t.id, zero()]));
  for (const item of items) {
    totals[item.effectiveStatus] += 1;
    const counts = byTheme.get(item.themeId);
    if (counts) counts[item.effectiveStatus] += 1;
  }
  return { items, themes: themes.map((t) => ({ ...t, counts: byTheme.get(t.id) ?? zero() })), totals, today };
}

export interface ActionFields {
  themeId: string;
  priority: ActionPriority;
  action: string;
  ownerIds: string[];
  due: string | null;
  status: ActionStatus;
}

function nextRef(store: Store, reviewId: string): number {
  return (store.prepare('SELECT coalesce(max(ref_number), 0) + 1 AS next FROM action_items WHERE review_id = ?').get(reviewId) as { next: number }).next;
}

function insertAction(store: Store, stamp: Stamp, reviewId: string, fields: ActionFields, refNumber: number): string {
  const id = newId();
  const sync = syncValues(stamp);
  store
    .prepare(
      'INSERT INTO action_items (id, review_id, ref_number, theme_item_id, priority, action, owner_ids, due, status, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      id,
      reviewId,
      refNumber,
      fields.themeId,
      fields.priority,
      fields.action,
      JSON.stringify(fields.ownerIds),
      fields.due,
      fields.status,
      sync.hlc,
      sync.updated_by,
      sync.updated_device,
    );
  return id;
}

const columnsOf = (fields: ActionFields) => ({
  theme_item_id: fields.themeId,
  priority: fields.priority,
  action: fields.action,
  owner_ids: JSON.stringify(fields.ownerIds),
  due: fields.due,
  status: fields.status,
});

/** Checks that the theme and owners belong to the review (the schema checked their shape). */
function assertBelongs(store: Store, reviewId: string, fields: ActionFields): void {
  if (!actionThemes(store, reviewId).some((t) => t.id === fields.themeId))
    throw invalid('Choose one of the review’s themes.', [{ field: 'themeId', message: 'Not a theme of this review' }]);
  const orgs = new Set((store.prepare('SELECT id FROM organisations WHERE review_id = ? AND deleted = 0').all(reviewId) as Array<{ id: string }>).map((o) => o.id));
  fields.ownerIds.forEach((id, index) => {
    if (!orgs.has(id)) throw invalid('An owner is not one of the review’s organisations.', [{ field: `ownerIds.${index}`, message: 'Not an organisation of this review' }]);
  });
}

export function saveAction(store: Store, reviewId: string, actionId: string | undefined, fields: ActionFields): string {
  if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
  assertBelongs(store, reviewId, fields);
  let id = actionId ?? '';
  store.write((stamp) => {
    if (actionId) {
      const owner = store.prepare('SELECT review_id FROM action_items WHERE id = ? AND deleted = 0').get(actionId) as { review_id: string } | undefined;
      if (owner?.review_id !== reviewId) throw notFound('That action no longer exists.');
      updateRow(store, 'action_items', actionId, columnsOf(fields), stamp);
    } else id = insertAction(store, stamp, reviewId, fields, nextRef(store, reviewId));
  });
  return id;
}

export function reviewOfAction(store: Store, actionId: string): string {
  const row = store.prepare('SELECT review_id FROM action_items WHERE id = ?').get(actionId) as { review_id: string } | undefined;
  if (!row) throw notFound('That action no longer exists.');
  return row.review_id;
}

export function removeAction(store: Store, actionId: string, removed: boolean): string {
  const reviewId = reviewOfAction(store, actionId);
  store.write((stamp) => setDeleted(store, 'action_items', actionId, removed, stamp));
  return reviewId;
}

export function addProgress(store: Store, input: { actionId: string; date: string; text: string; evidenceIds: string[] }): string {
  const reviewId = reviewOfAction(store, input.actionId);
  const known = new Set((store.prepare('SELECT id FROM evidence WHERE review_id = ? AND deleted = 0').all(reviewId) as Array<{ id: string }>).map((e) => e.id));
  input.evidenceIds.forEach((id, index) => {
    if (!known.has(id)) throw invalid('A cited evidence item is not in this review (it may have been removed).', [{ field: `evidenceIds.${index}`, message: 'Unknown evidence' }]);
  });
  store.write((stamp) => {
    const sync = syncValues(stamp);
    store
      .prepare('INSERT INTO action_progress (id, review_id, action_id, note_date, text, evidence_ids, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(newId(), reviewId, input.actionId, input.date, input.text, JSON.stringify([...new Set(input.evidenceIds)]), sync.hlc, sync.updated_by, sync.updated_device);
  });
  return reviewId;
}

export function removeProgress(store: Store, progressId: string, removed: boolean): string {
  const row = store.prepare('SELECT review_id FROM action_progress WHERE id = ?').get(progressId) as { review_id: string } | undefined;
  if (!row) throw notFound('That progress note no longer exists.');
  store.write((stamp) => setDeleted(store, 'action_progress', progressId, removed, stamp));
  return row.review_id;
}

// --- import ------------------------------------------------------------------------------------

const HEADERS = ['ref', 'theme', 'priority', 'action', 'owner', 'due', 'status'] as const;
interface CheckedAction {
  line: number;
  ref: number | null;
  fields: ActionFields;
}

/** "OCC; OUHFT", "OCC, OCCG", "OCC and SCAS", "All partners": owners by short or full name. */
function ownersFrom(raw: string, orgByName: Map<string, string>, all: string[]): string[] | { error: string } {
  const text = raw.trim();
  // Only separators (";", ", ,") name nobody: as blank as an empty cell.
  if (!/[\p{L}\p{N}]/u.test(text)) return { error: 'missing owner' };
  if (/^all( partners| organisations)?$/i.test(text)) return all;
  const whole = orgByName.get(text.toLowerCase());
  if (whole) return [whole];
  const parts = text.split(/\s*(?:[;,/|&\n]|\band\b)\s*/i).filter(Boolean);
  const unknown = parts.filter((part) => !orgByName.has(part.toLowerCase()));
  if (unknown.length > 0) return { error: unknown.map((u) => `unknown owner "${u}"`).join('; ') };
  return [...new Set(parts.map((part) => orgByName.get(part.toLowerCase()) ?? ''))];
}

export function checkActionTable(store: Store, reviewId: string, table: Table): { rows: CheckedAction[]; invalid: Array<{ line: number; reason: string }>; total: number } {
  const index = locateColumns(table, HEADERS, ['theme', 'priority', 'action', 'owner']);
  const themes = actionThemes(store, reviewId);
  const dash = (s: string) => s.trim().toLowerCase().replace(/[–—]/g, '-').replace(/\s+/g, ' ');
  const themeByName = new Map<string, string>();
  for (const theme of themes) {
    themeByName.set(dash(theme.title), theme.id);
    themeByName.set(theme.code.toLowerCase(), theme.id);
  }
  const orgs = store.prepare('SELECT id, name, short_name FROM organisations WHERE review_id = ? AND deleted = 0').all(reviewId) as Array<{
    id: string;
    name: string;
    short_name: string;
  }>;
  const orgByName = new Map<string, string>();
  for (const org of orgs) {
    orgByName.set(org.short_name.trim().toLowerCase(), org.id);
    orgByName.set(org.name.trim().toLowerCase(), org.id);
  }
  const rows: CheckedAction[] = [];
  const invalidRows: Array<{ line: number; reason: string }> = [...table.refused];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const cell = cellsOf(index, row);
    const reasons: string[] = [];
    let ref: number | null = null;
    if (cell('ref')) {
      const m = /^A?0*(\d+)$/i.exec(cell('ref'));
      if (m) ref = Number(m[1]);
      else reasons.push(`ref "${cell('ref')}" is not an action reference like A012`);
    }
    const themeId = themeByName.get(dash(cell('theme')));
    if (!themeId) reasons.push(cell('theme') ? `unknown theme "${cell('theme')}"` : 'missing theme');
    const priority = parsePriority(cell('priority'));
    if (typeof priority !== 'string') reasons.push(priority.error);
    const action = cell('action').replace(/\s+/g, ' ');
    if (!action) reasons.push('missing action');
    else if (action.length > 2000) reasons.push('action is longer than 2,000 characters');
    const owners = ownersFrom(
      cell('owner'),
      orgByName,
      orgs.map((o) => o.id),
    );
    if (!Array.isArray(owners)) reasons.push(owners.error);
    const due = parseDue(cell('due'));
    if (due !== null && typeof due !== 'string') reasons.push(due.error);
    const status = parseStatus(cell('status'));
    if (typeof status !== 'string') reasons.push(status.error);
    if (themeId && action) {
      const key = ref !== null ? `ref|${ref}` : actionKey(themeId, action);
      const earlier = seen.get(key);
      if (earlier !== undefined) reasons.push(`repeats the action on line ${earlier}`);
      else seen.set(key, row.line);
    }
    if (reasons.length > 0) invalidRows.push({ line: row.line, reason: reasons.join('; ') });
    else if (themeId && typeof priority === 'string' && Array.isArray(owners) && (due === null || typeof due === 'string') && typeof status === 'string') {
      rows.push({ line: row.line, ref, fields: { themeId, priority, action, ownerIds: owners, due, status } });
    }
  }
  return checkedWhole(table, rows, invalidRows);
}

/** Reads an action plan file: .xlsx by its content, otherwise UTF-8 CSV. */
export async function readActionFile(bytes: Buffer, fileName: string): Promise<Table> {
  return tableKind(bytes) === 'xlsx' ? readXlsxTable(bytes, fileName) : readCsvTable(csvText(bytes, fileName), fileName);
}

/**
 * Imports an action plan: the whole file is checked first. A row matches a stored action by its
 * ref (A012) when the file has one, otherwise by theme and wording; a match is updated, so
 * importing the same plan again changes nothing and an updated plan updates statuses.
 */
export function importActionTable(store: Store, reviewId: string, table: Table, skipInvalid: boolean): TableImportResult {
  if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
  const { rows, invalid: invalidRows, total } = checkActionTable(store, reviewId, table);
  const result: TableImportResult = { imported: false, rows: total, added: 0, updated: 0, unchanged: 0, invalid: invalidRows, warnings: [] };
  if (invalidRows.length > 0 && !skipInvalid) return result;
  store.write((stamp) => {
    const existing = store.prepare('SELECT * FROM action_items WHERE review_id = ? AND deleted = 0').all(reviewId) as ActionRow[];
    const byRef = new Map(existing.map((row) => [row.ref_number, row]));
    const byKey = new Map(existing.map((row) => [actionKey(row.theme_item_id, row.action), row]));
    // Removed actions keep their numbers (a reference is never reused).
    const taken = new Set((store.prepare('SELECT ref_number FROM action_items WHERE review_id = ?').all(reviewId) as Array<{ ref_number: number }>).map((r) => r.ref_number));
    let next = nextRef(store, reviewId);
    for (const { ref, fields } of rows) {
      const match = ref !== null ? byRef.get(ref) : byKey.get(actionKey(fields.themeId, fields.action));
      if (!match) {
        // A ref the review has not used yet is kept, so the plan's own numbering carries over.
        const number = ref !== null && !taken.has(ref) ? ref : next;
        insertAction(store, stamp, reviewId, fields, number);
        taken.add(number);
        next = Math.max(next, number + 1);
        result.added += 1;
        continue;
      }
      const columns = columnsOf(fields);
      const same =
        match.theme_item_id === columns.theme_item_id &&
        match.priority === columns.priority &&
        match.action === columns.action &&
        match.owner_ids === columns.owner_ids &&
        match.due === columns.due &&
        match.status === columns.status;
      if (same) result.unchanged += 1;
      else {
        updateRow(store, 'action_items', match.id, columns, stamp);
        result.updated += 1;
      }
    }
  });
  result.imported = true;
  return result;
}
