import { z } from 'zod';
import { call, id } from '../api/call';

const Bytes = z.object({ fileName: z.string().min(1).max(255), dataBase64: z.string().max(1_400_000_000, 'The bundle is over 1 GB') });
/** The field message when a bundle's review has no team key on this laptop yet (asked, not failed). */
export const TEAM_KEY_NEEDED = 'Type the team key';

/** The team key as typed: its code (FBT-…) or the passphrase the team agreed. Never stored by the caller. */
const TypedTeamKey = z.string().max(1000, 'A team key or passphrase is at most 1,000 characters');
/** A signer's fingerprint as read out by phone: three groups of four letters and digits. */
const Fingerprint = z.string().regex(/^[A-Za-z2-9 ]{12,20}$/, 'Not a fingerprint (three groups of four letters and digits)');

/** One teammate's bundle or several at once (the report writer's evening import): one merge either way. */
const Bundles = z.object({
  files: z.array(Bytes).min(1, 'Pick at least one bundle').max(20, 'Import at most 20 bundles at once'),
  /** Needed once per review on this laptop: afterwards the review's stored key opens its bundles. */
  teamKey: TypedTeamKey.optional(),
  /** Signers not pinned yet (or changed) whose fingerprints the person compared and accepts. */
  trustSigners: z.array(Fingerprint).max(20).default([]),
  /** An old-format bundle is neither encrypted nor signed: merged only when the person says it came straight from the teammate. */
  acceptUnprotected: z.boolean().default(false),
});

/**
 * What this laptop knows of a bundle's signer: its own key; the key pinned for that teammate's
 * laptop; a laptop not seen before; a laptop signing with another key than the pinned one; or a
 * bundle of the old format, which nobody signed.
 */
export const SignerStatus = z.enum(['this laptop', 'pinned', 'new', 'changed', 'unprotected']);
export type SignerStatus = z.infer<typeof SignerStatus>;

export const MergeSummary = z.object({
  reviewId: z.string(),
  reviewTitle: z.string(),
  newReview: z.boolean(),
  /** The bundles merged, one entry each, in the order given. */
  from: z.array(
    z.object({
      fileName: z.string(),
      person: z.string(),
      device: z.string(),
      createdAt: z.string(),
      sincePeer: z.string().nullable(),
      /** The signer's fingerprint; null for an old-format (unprotected) bundle. */
      fingerprint: z.string().nullable(),
      signer: SignerStatus,
    }),
  ),
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

export const TeamKeyView = z.object({
  /** The code of the key that seals this review's bundles; null until one is made or typed. */
  code: z.string().nullable(),
  /** How many older keys (from before a rotation) still open old bundles here. */
  olderKeys: z.number().int(),
  thisLaptop: z.object({ fingerprint: z.string() }),
  /** Teammates' laptops pinned by the key their bundles are signed with. */
  signers: z.array(z.object({ person: z.string(), device: z.string(), fingerprint: z.string() })),
});
export type TeamKeyView = z.infer<typeof TeamKeyView>;

export const BundleInspection = z.object({
  fileName: z.string(),
  formatVersion: z.number().int(),
  sealed: z.boolean(),
  reviewId: z.string().nullable(),
  /** Whether the contents could be read (a sealed bundle needs the review's team key). */
  opened: z.boolean(),
  manifest: z
    .object({
      reviewTitle: z.string(),
      person: z.string(),
      device: z.string(),
      createdAt: z.string(),
      sincePeer: z.string().nullable(),
      counts: z.object({ versions: z.number().int(), people: z.number().int(), attachments: z.number().int() }),
      sizes: z.object({ records: z.number().int(), attachments: z.number().int() }).nullable(),
    })
    .nullable(),
  signer: z.object({ fingerprint: z.string().nullable(), status: SignerStatus }).nullable(),
  /** Why the contents could not be read, when they could not. */
  problem: z.string().nullable(),
});
export type BundleInspection = z.infer<typeof BundleInspection>;

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
    z.object({
      fileName: z.string(),
      dataBase64: z.string(),
      versions: z.number().int(),
      attachments: z.number().int(),
      bytes: z.number().int(),
      /** Set when this export made the review's team key: its code, to pass on to the team out of band. */
      newTeamCode: z.string().nullable(),
    }),
    "Write the review (or what changed since the last bundle sent to a teammate) as one bundle file, sealed with the review's team key and signed by this laptop",
  ),
  inspectBundle: call(
    z.object({ file: Bytes, teamKey: TypedTeamKey.optional() }),
    BundleInspection,
    'What a bundle says about itself (format, review, author, laptop, time, sizes, signer) without importing it',
  ),
  getTeamKey: call(z.object({ reviewId: id('Review') }), TeamKeyView, "The review's team key (as a code to read out), this laptop's fingerprint and the pinned teammates"),
  setTeamKey: call(
    z.object({ reviewId: id('Review'), teamKey: TypedTeamKey }),
    TeamKeyView,
    "Use a team key a teammate passed on (its code) or a passphrase the team agreed, for this review's bundles from now on",
  ),
  rotateTeamKey: call(z.object({ reviewId: id('Review') }), TeamKeyView, 'Make a new team key for the review (older keys still open older bundles)'),
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
