import { z } from 'zod';
import { ParticipantGroup, SessionKind, SessionStatus, SessionSummary, Stance, Tag } from './domain';
import { NoteDocSchema, type NoteNode } from './notes-doc';
import { call, id, optionalText, requiredText } from '../api/call';

/** Calls for sessions (interviews, focus groups, observations…), their notes and tags. */

export const HeldAt = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Use a date and time like 2018-11-06T10:30')
  .nullable();

export const ParticipantInput = z.object({
  id: z.uuid().optional(),
  designation: requiredText('Designation', 200),
  organisationId: z.uuid('Choose an organisation of the review').nullable().default(null),
  group: ParticipantGroup,
  realName: optionalText(200).nullable().default(null),
});

const sessionFields = {
  kind: SessionKind,
  title: requiredText('Title'),
  heldAt: HeldAt,
  location: optionalText(200),
  interviewerIds: z.array(z.uuid()).max(20),
  kloeIds: z.array(z.uuid()).max(100),
  consentNoted: z.boolean(),
  status: SessionStatus,
};

export const SessionDetail = z.object({
  session: SessionSummary,
  doc: z.custom<NoteNode>(),
  tags: z.array(Tag),
});
export type SessionDetail = z.infer<typeof SessionDetail>;

export const NotesSaved = z.object({ wordCount: z.number().int(), savedAt: z.string(), tags: z.array(Tag) });
export type NotesSaved = z.infer<typeof NotesSaved>;

export const TagInput = z.object({
  id: z.uuid(),
  kloeIds: z.array(z.uuid()).min(1, 'Choose at least one KLOE').max(20),
  stance: Stance.default('neutral'),
  isQuote: z.boolean().default(false),
  comment: optionalText(2000).default(''),
  /** Who said it: a participant of the session, or null for "several / not recorded". Left out: the session's only participant. */
  speakerId: z.uuid().nullable().optional(),
});

const PassagePerson = z.object({ designation: z.string(), group: ParticipantGroup, organisationId: z.string().nullable() });

export const Passage = z.object({
  tag: Tag,
  session: z.object({ id: z.string(), title: z.string(), kind: SessionKind, heldAt: z.string().nullable(), interviewerIds: z.array(z.string()) }),
  /** Everyone in the session (designations only). */
  participants: z.array(PassagePerson),
  /** Who said it; null when not recorded. */
  speaker: PassagePerson.nullable(),
  /** How it is cited: "Social worker (OCC), 6 Nov". */
  label: z.string(),
});
export type Passage = z.infer<typeof Passage>;

export const PassageFilters = z.object({
  stance: Stance.optional(),
  group: ParticipantGroup.optional(),
  organisationId: z.uuid().optional(),
  sessionKind: SessionKind.optional(),
  interviewerId: z.uuid().optional(),
});
export type PassageFilters = z.infer<typeof PassageFilters>;

export const KloePassages = z.object({
  passages: z.array(Passage),
  /** Tags to this KLOE whose words were deleted from the notes: not evidence, never counted. */
  orphaned: z.array(Passage),
  counts: z.object({ total: z.number().int(), strength: z.number().int(), concern: z.number().int(), neutral: z.number().int(), sessions: z.number().int() }),
});
export type KloePassages = z.infer<typeof KloePassages>;

export const sessionsCalls = {
  listSessions: call(z.object({ reviewId: id('Review') }), z.array(SessionSummary), "A review's sessions, in the order they were held"),
  getSession: call(z.object({ sessionId: id('Session') }), SessionDetail, 'One session with its notes and tags'),
  createSession: call(
    z.object({
      reviewId: id('Review'),
      ...sessionFields,
      heldAt: sessionFields.heldAt.default(null),
      location: sessionFields.location.default(''),
      interviewerIds: sessionFields.interviewerIds.default([]),
      kloeIds: sessionFields.kloeIds.default([]),
      consentNoted: sessionFields.consentNoted.default(false),
      status: sessionFields.status.default('draft'),
      participants: z.array(ParticipantInput).max(200).default([]),
    }),
    SessionDetail,
    'Record an interview, focus group, observation, case tracking or telephone call',
  ),
  updateSession: call(
    z
      .object({ sessionId: id('Session'), ...sessionFields })
      .partial()
      .required({ sessionId: true }),
    SessionSummary,
    "Change a session's details",
  ),
  saveParticipants: call(
    z.object({ sessionId: id('Session'), participants: z.array(ParticipantInput).max(200) }),
    SessionSummary,
    "Replace a session's participants (by designation; real names are kept apart and never reach a report)",
  ),
  saveNotes: call(z.object({ sessionId: id('Session'), doc: NoteDocSchema }), NotesSaved, 'Autosave the notes of a session'),
  createTag: call(
    z.object({ sessionId: id('Session'), doc: NoteDocSchema, tag: TagInput }),
    NotesSaved,
    'Tag a passage: saves the notes holding the new tag mark and the tag in one go',
  ),
  updateTag: call(
    z.object({
      tagId: id('Tag'),
      kloeIds: TagInput.shape.kloeIds.optional(),
      stance: Stance.optional(),
      isQuote: z.boolean().optional(),
      comment: optionalText(2000).optional(),
      speakerId: z.uuid().nullable().optional(),
    }),
    Tag,
    "Change a tag's KLOEs, stance, quote flag, comment or speaker",
  ),
  deleteTag: call(z.object({ tagId: id('Tag') }), z.object({ deleted: z.literal(true) }), 'Remove a tag (its words stay in the notes)'),
  listKloePassages: call(
    z
      .object({ reviewId: id('Review'), kloeId: id('KLOE'), limit: z.number().int().min(1).max(1000).default(200), offset: z.number().int().min(0).default(0) })
      .extend(PassageFilters.shape),
    KloePassages,
    'Passages tagged to a KLOE across all sessions, a page at a time, with filters and counts over all of them',
  ),
  searchPassages: call(
    z.object({
      reviewId: id('Review'),
      /** Every word must appear in the tagged words or the tag's comment; empty: all passages. */
      text: z.string().trim().max(200, 'Keep the search under 200 characters').default(''),
      /** Passages tagged to this KLOE come first (the rest of the review follows). */
      kloeId: z.uuid().nullable().default(null),
      limit: z.number().int().min(1).max(200).default(30),
    }),
    z.object({ passages: z.array(Passage), total: z.number().int() }),
    "Tagged passages across the whole review, matching the words typed, the given KLOE's first (for citing)",
  ),
  importNotes: call(
    z.object({
      reviewId: id('Review'),
      files: z
        .array(z.object({ name: z.string().min(1).max(255), dataBase64: z.string().max(28_000_000, 'A file is over 20 MB') }))
        .min(1, 'Choose at least one file')
        .max(100, 'Import at most 100 files at a time'),
    }),
    z.array(z.object({ name: z.string(), sessionId: z.string().nullable(), error: z.string().nullable() })),
    'Import notes from .txt, .md or .docx files, one session per file; each file is imported whole or not at all',
  ),
  getPins: call(z.object({ reviewId: id('Review') }), z.array(z.string()), 'KLOEs pinned to the digit shortcuts on this laptop'),
  setPins: call(z.object({ reviewId: id('Review'), kloeIds: z.array(z.uuid()).max(9, 'Pin at most 9 KLOEs') }), z.array(z.string()), 'Pin up to 9 KLOEs to Alt+1…9'),
} as const;
