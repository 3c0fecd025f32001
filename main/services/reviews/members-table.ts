import type { TeamMember, TeamRole } from '../../../shared/reviews/domain';
import type { Stamp, Store } from '../../store/store';
import { stampOf, syncValues, type SyncColumns } from '../../store/rows';

interface TeamRow extends SyncColumns {
  id: string;
  review_id: string;
  name: string;
  role: TeamRole;
  background: string;
}

export function insertTeamMember(store: Store, stamp: Stamp, member: { id: string; reviewId: string; name: string; role: TeamRole; background: string }): void {
  store
    .prepare(
      `INSERT INTO team_members (id, review_id, name, role, background, hlc, updated_by, updated_device)
       VALUES (@id, @review_id, @name, @role, @background, @hlc, @updated_by, @updated_device)`,
    )
    .run({ id: member.id, review_id: member.reviewId, name: member.name, role: member.role, background: member.background, ...syncValues(stamp) });
}

export function listTeam(store: Store, reviewId: string): TeamMember[] {
  const rows = store.prepare('SELECT * FROM team_members WHERE review_id = ? AND deleted = 0 ORDER BY id').all(reviewId) as TeamRow[];
  return rows.map((row) => toMember(store, row));
}

/** The review a member belongs to, including removed members (so removal can be undone). */
export function teamMemberReview(store: Store, id: string): { reviewId: string; deleted: boolean } | null {
  const row = store.prepare('SELECT review_id, deleted FROM team_members WHERE id = ?').get(id) as { review_id: string; deleted: number } | undefined;
  return row ? { reviewId: row.review_id, deleted: row.deleted === 1 } : null;
}

function toMember(store: Store, row: TeamRow): TeamMember {
  return { id: row.id, reviewId: row.review_id, name: row.name, role: row.role, background: row.background, ...stampOf(store, row) };
}
