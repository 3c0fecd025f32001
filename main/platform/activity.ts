import type { Activity, TrailAction } from '../store/audit-trail';
import type { Store } from '../store/store';

/**
 * What a call does, for the audit trail: the kind of action (from the method's name), the review
 * it touches and the record it names. Only calls that write leave an entry (the store adds it in
 * the write's own transaction); reads leave none.
 */
const ID_FIELDS: Array<[field: string, table: string]> = [
  ['sessionId', 'sessions'],
  ['evidenceId', 'evidence'],
  ['findingId', 'findings'],
  ['tagId', 'tags'],
  ['indicatorId', 'indicators'],
  ['valueId', 'indicator_values'],
  ['actionId', 'action_items'],
  ['progressId', 'action_progress'],
  ['memberId', 'team_members'],
  ['organisationId', 'organisations'],
  ['itemId', 'framework_items'],
  ['statementId', 'audit_statements'],
];

function actionOf(method: string, request: Record<string, unknown>): TrailAction {
  if (/^(create|add|generate)/.test(method)) return 'create';
  if (/^import/.test(method)) return 'import';
  if (/^restoreBackup/.test(method)) return 'restore';
  if (/^(startReportExport|exportBundle)/.test(method)) return 'export';
  if (/^mergeBundle/.test(method)) return 'merge';
  // removeX with removed: false is an Undo, which edits the record back.
  if (/^(remove|delete)/.test(method)) return request.removed === false ? 'edit' : 'delete';
  // Reads that write (the first opening of the questionnaire or data profile) create defaults.
  if (/^(list|get)/.test(method)) return 'create';
  return 'edit';
}

export function activityFor(store: Store, method: string, request: unknown): Activity {
  const fields = (request && typeof request === 'object' ? request : {}) as Record<string, unknown>;
  let reviewId = typeof fields.reviewId === 'string' ? fields.reviewId : null;
  let target: string | null = null;
  for (const [field, table] of ID_FIELDS) {
    const value = fields[field];
    if (typeof value !== 'string') continue;
    target = `${table}:${value}`;
    if (!reviewId) {
      try {
        reviewId = (store.prepare(`SELECT review_id FROM ${table} WHERE id = ?`).get(value) as { review_id: string } | undefined)?.review_id ?? null;
      } catch {
        reviewId = null; // a table without review_id: the entry still names the target
      }
    }
    break;
  }
  return { action: actionOf(method, fields), method, reviewId, target };
}
