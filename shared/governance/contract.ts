import { z } from 'zod';
import { IsoDate } from '../reviews/domain';
import { call, id } from '../api/call';

/** Records management: the audit trail, retention and real deletion of a review. */

const TrailEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  personId: z.string(),
  personName: z.string(),
  device: z.string(),
  action: z.enum(['create', 'edit', 'delete', 'export', 'import', 'merge', 'unlock', 'restore']),
  method: z.string(),
  reviewId: z.string().nullable(),
  target: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

export const governanceCalls = {
  getAuditTrail: call(
    z.object({ reviewId: id('Review').nullable().default(null) }),
    z.object({
      entries: z.array(TrailEntry),
      verification: z.object({ ok: z.boolean(), entries: z.number().int(), problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })) }),
    }),
    "Who did what, when and where (one review's entries, or all), with the hash chain checked",
  ),
  setRetention: call(
    z.object({ reviewId: id('Review'), retentionUntil: IsoDate.nullable() }),
    z.object({ retentionUntil: z.string().nullable() }),
    "Set the date a review's retention ends",
  ),
  deleteReview: call(
    z.object({ reviewId: id('Review'), confirmTitle: z.string(), purgeBackups: z.boolean().default(false) }),
    z.object({ title: z.string(), rows: z.number().int(), files: z.number().int(), backupsRemoved: z.number().int(), backupsHolding: z.number().int(), message: z.string() }),
    'Delete a review for real: its records, attachments and search entries (type its title to confirm)',
  ),
} as const;
