import { invalid, type FieldIssue } from '../../../shared/errors';
import type { Store } from '../../store/store';

const TABLES = {
  team_members: 'team member',
  organisations: 'organisation',
  framework_items: 'framework item',
} as const;

/**
 * Checks that every id names a live row of the review, so a session can never point at another
 * review's team or framework. Reports the first stranger by field.
 */
export function assertInReview(store: Store, table: keyof typeof TABLES, ids: readonly string[], reviewId: string, field: string): void {
  if (ids.length === 0) return;
  const statement = store.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND review_id = ? AND deleted = 0`);
  const issues: FieldIssue[] = [];
  ids.forEach((id, index) => {
    if (!statement.get(id, reviewId)) issues.push({ field: `${field}.${index}`, message: `No such ${TABLES[table]} in this review` });
  });
  if (issues.length > 0)
    throw invalid(
      `${issues.length === 1 ? 'One' : issues.length} of the chosen ${TABLES[table]}s ${issues.length === 1 ? 'is' : 'are'} not part of this review (perhaps removed meanwhile). Choose again.`,
      issues,
    );
}
