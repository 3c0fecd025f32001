import { z } from 'zod';
import { call, id } from '../api/call';

const Bytes = z.object({ fileName: z.string().min(1).max(255), dataBase64: z.string().max(1_400_000_000, 'The bundle is over 1 GB') });
/** One teammate's bundle or several at once (the report writer's evening import): one merge either way. */
const Bundles = z.object({ files: z.array(Bytes).min(1, 'Pick at least one bundle').max(20, 'Import at most 20 bundles at once') });

export const MergeSummary = z.object({
  reviewId: z.string(),
  reviewTitle: z.string(),
  newReview: z.boolean(),
  /** The bundles merged, one entry each, in the order given. */
  from: z.array(z.object({ fileName: z.string(), person: z.string(), device: z.string(), createdAt: z.string(), sincePeer: z.string().nullable() })),
  totals: z.object({ added: z.number().int(), updated: z.number().int(), deleted: z.number().int(), unchanged: z.number().int(), conflicts: z.number().int() }),
  byType: z.array(z.object({ type: z.string(), added: z.number().int(), updated: z.number().int(), deleted: z.number().int(), conflicts: z.number().int() })),
  /** New record versions in the bundle, by the teammate who made them. */
  byTeammate: z.record(z.string(), z.number().int()),
  attachments: z.object({ added: z.number().int(), alreadyHere: z.number().int() }),
  liveBefore: z.number().int(),
  deletionShare: z.number(),
  needsConfirmation: z.boolean(),
  committed: z.boolean(),
  backup: z.string().nullable(),
});
export type MergeSummary = z.infer<typeof MergeSummary>;

const Value = z.union([z.string(), z.number(), z.null()]);

export const ConflictView = z.object({
  table: z.string(),
  rowId: z.string(),
  /** "finding", "session"… */
  type: z.string(),
  /** What the record is called (its title or opening words). */
  name: z.string(),
  fields: z.array(
    z.object({
      field: z.string(),
      kind: z.enum(['text', 'doc', 'value', 'derived']),
      base: Value,
      options: z.array(z.object({ value: Value, text: z.string(), vid: z.string(), by: z.string(), device: z.string(), at: z.string() })),
      shown: Value,
    }),
  ),
});
export type ConflictView = z.infer<typeof ConflictView>;

export const Provenance = z.object({
  createdBy: z.string(),
  createdDevice: z.string(),
  createdAt: z.string(),
  changedBy: z.string(),
  changedDevice: z.string(),
  changedAt: z.string(),
  versions: z.number().int(),
});
export type Provenance = z.infer<typeof Provenance>;

export const TeamView = z.object({
  thisLaptop: z.object({ person: z.string(), device: z.string() }),
  members: z.array(
    z.object({
      person: z.string(),
      /** Records they made. */
      created: z.number().int(),
      /** Changes they made to records (theirs or others'), exchanged or not yet. */
      edits: z.number().int(),
      /** Records whose latest change is theirs. */
      lastChanged: z.number().int(),
      lastChangeAt: z.string().nullable(),
      devices: z.array(z.string()),
    }),
  ),
  peers: z.array(z.object({ person: z.string(), device: z.string(), lastReceivedAt: z.string().nullable(), lastSentAt: z.string().nullable() })),
  conflicts: z.number().int(),
  unsent: z.number().int(),
});
export type TeamView = z.infer<typeof TeamView>;

/** Team merge: bundles between laptops, conflicts, provenance. */
export const exchangeCalls = {
  exportBundle: call(
    z.object({ reviewId: id('Review'), sincePeer: z.string().trim().max(200).nullable().default(null) }),
    z.object({ fileName: z.string(), dataBase64: z.string(), versions: z.number().int(), attachments: z.number().int(), bytes: z.number().int() }),
    'Write the review (or what changed since the last bundle sent to a teammate) as one bundle file',
  ),
  previewBundle: call(Bundles, MergeSummary, 'What importing bundles would add, change, delete and leave in conflict; changes nothing'),
  mergeBundle: call(Bundles.extend({ confirmDeletions: z.boolean().default(false) }), MergeSummary, "Import teammates' bundles in one transaction, after one backup"),
  listConflicts: call(z.object({ reviewId: id('Review') }), z.object({ conflicts: z.array(ConflictView) }), 'Records changed differently on two laptops, with every side'),
  resolveConflict: call(
    z.object({ table: z.string().max(60), rowId: z.string().max(200), choices: z.record(z.string().regex(/^[a-z_0-9]+$/), z.number().int().min(0)) }),
    z.object({ resolved: z.literal(true), remaining: z.number().int() }),
    'Keep one side of each conflicting field (by option index); the record is then one version again',
  ),
  getProvenance: call(z.object({ table: z.string().max(60), rowId: z.string().max(200) }), Provenance, 'Who made a record and who last changed it, on which laptops'),
  getExchangeSummary: call(z.object({ reviewId: id('Review') }), TeamView, 'What each team member contributed and when their work was last merged'),
} as const;
