import type { ReviewSummary } from '../../../shared/reviews/contract';
import type { Review, ReviewKind } from '../../../shared/reviews/domain';
import type { Stamp, Store } from '../../store/store';
import { stampTime } from '../../store/store';
import { stampOf, syncValues, type SyncColumns } from '../../store/rows';

interface ReviewRow extends SyncColumns {
  id: string;
  title: string;
  kind: ReviewKind;
  area: string;
  visit_start: string | null;
  visit_end: string | null;
  background: string;
  framework_id: string;
  framework_name: string;
  archived: number;
  retention_until: string | null;
}

export interface NewReview {
  id: string;
  title: string;
  kind: ReviewKind;
  area: string;
  visitStart: string | null;
  visitEnd: string | null;
  background: string;
  frameworkId: string;
  frameworkName: string;
}

export function insertReview(store: Store, stamp: Stamp, review: NewReview): void {
  store.attributeToReview(review.id);
  store
    .prepare(
      `INSERT INTO reviews (id, title, kind, area, visit_start, visit_end, background, framework_id, framework_name, hlc, updated_by, updated_device)
       VALUES (@id, @title, @kind, @area, @visit_start, @visit_end, @background, @framework_id, @framework_name, @hlc, @updated_by, @updated_device)`,
    )
    .run({
      id: review.id,
      title: review.title,
      kind: review.kind,
      area: review.area,
      visit_start: review.visitStart,
      visit_end: review.visitEnd,
      background: review.background,
      framework_id: review.frameworkId,
      framework_name: review.frameworkName,
      ...syncValues(stamp),
    });
}

export function findReview(store: Store, id: string): Review | null {
  const row = store.prepare('SELECT * FROM reviews WHERE id = ? AND deleted = 0').get(id) as ReviewRow | undefined;
  return row ? toReview(store, row) : null;
}

/** Titles in use (case-insensitive), to warn about two reviews that would look the same. */
export function reviewTitleTaken(store: Store, title: string, exceptId: string | null): boolean {
  return store.prepare('SELECT 1 FROM reviews WHERE deleted = 0 AND title = ? COLLATE NOCASE AND id IS NOT ?').get(title, exceptId) !== undefined;
}

interface SummaryRow {
  id: string;
  title: string;
  kind: ReviewKind;
  area: string;
  visit_start: string | null;
  visit_end: string | null;
  archived: number;
  retention_until: string | null;
  hlc: string;
  organisations: string | null;
  team_count: number;
  framework_item_count: number;
}

/** One query for the whole list: counts and organisation names come from correlated subqueries. */
export function listReviewSummaries(store: Store, includeArchived: boolean): ReviewSummary[] {
  const rows = store
    .prepare(
      `SELECT r.id, r.title, r.kind, r.area, r.visit_start, r.visit_end, r.archived, r.retention_until, r.hlc,
         (SELECT json_group_array(short_name) FROM (SELECT short_name FROM organisations o
            WHERE o.review_id = r.id AND o.deleted = 0 ORDER BY short_name COLLATE NOCASE)) AS organisations,
         (SELECT count(*) FROM team_members t WHERE t.review_id = r.id AND t.deleted = 0) AS team_count,
         (SELECT count(*) FROM framework_items f WHERE f.review_id = r.id AND f.deleted = 0) AS framework_item_count
       FROM reviews r
       WHERE r.deleted = 0 AND (? OR r.archived = 0)
       ORDER BY r.hlc DESC`,
    )
    .all(includeArchived ? 1 : 0) as SummaryRow[];
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    kind: row.kind,
    area: row.area,
    visitStart: row.visit_start,
    visitEnd: row.visit_end,
    archived: row.archived === 1,
    retentionUntil: row.retention_until,
    organisations: JSON.parse(row.organisations ?? '[]') as string[],
    teamCount: row.team_count,
    frameworkItemCount: row.framework_item_count,
    updatedAt: stampTime(row.hlc),
  }));
}

function toReview(store: Store, row: ReviewRow): Review {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    area: row.area,
    visitStart: row.visit_start,
    visitEnd: row.visit_end,
    background: row.background,
    frameworkId: row.framework_id,
    frameworkName: row.framework_name,
    archived: row.archived === 1,
    retentionUntil: row.retention_until ?? null,
    ...stampOf(store, row),
  };
}
