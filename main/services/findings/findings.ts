import { groupBy } from '../../../shared/collections';
import { referenceCode } from '../../../shared/evidence/domain';
import { FINDING_ITEM_KINDS, PROGRESS_KINDS, type Citation, type Finding, type FindingKind, type FindingStatus, type FindingsItem } from '../../../shared/findings/domain';
import type { ActionPriority } from '../../../shared/data-profile/domain';
import { invalid, notFound } from '../../../shared/errors';
import { CitationAttrs, citationsOf, EMPTY_FINDING, plainText, type FindingNode } from '../../../shared/findings/doc';
import type { ParticipantGroup, SessionKind } from '../../../shared/sessions/domain';
import { passageLabel, speakerName } from '../../../shared/report/labels';
import { newId, stableId } from '../../../shared/ids';
import { listFramework } from '../frameworks/framework-table';
import { findReview } from '../reviews/reviews-table';
import { setDeleted, stampOf, syncValues, updateRow, type SyncColumns } from '../../store/rows';
import { stampTime, type Stamp, type Store } from '../../store/store';

interface FindingRow extends SyncColumns {
  id: string;
  review_id: string;
  item_id: string;
  kind: FindingKind;
  priority: ActionPriority | null;
  body: string;
  body_text: string;
  status: FindingStatus;
  status_by: string;
  status_at: string;
  reopened: number;
  position: number;
}

/** The review's kind decides whether progress findings are allowed. */
function reviewKind(store: Store, reviewId: string): string {
  const review = findReview(store, reviewId);
  if (!review) throw notFound('That review does not exist on this laptop.');
  return review.kind;
}

function findingRow(store: Store, findingId: string): FindingRow {
  const row = store.prepare('SELECT * FROM findings WHERE id = ? AND deleted = 0').get(findingId) as FindingRow | undefined;
  if (!row) throw notFound('That finding no longer exists (it may have been removed).');
  return row;
}

/**
 * Refuses citations of evidence or passages that are not in this review, and new citations of a
 * passage whose words were deleted from the notes (it is no longer evidence). Citations the
 * finding already had (`before`) are let through, so an autosave never loses the writer's words;
 * the finding shows a warning for them and the report export stops until they are resolved.
 */
function checkCitations(store: Store, reviewId: string, doc: FindingNode, before: FindingNode | null = null): void {
  const had = new Set(before ? citationsOf(before).map((c) => c.targetId) : []);
  for (const citation of citationsOf(doc)) {
    const table = citation.kind === 'evidence' ? 'evidence' : 'tags';
    const row = store.prepare(`SELECT review_id${table === 'tags' ? ', orphaned' : ', 0 AS orphaned'} FROM ${table} WHERE id = ? AND deleted = 0`).get(citation.targetId) as
      { review_id: string; orphaned: number } | undefined;
    if (row?.review_id !== reviewId)
      throw invalid(
        `The citation ${citation.label} points at ${citation.kind === 'evidence' ? 'an evidence item' : 'a passage'} that is not in this review (it may have been removed).`,
        [{ field: 'doc', message: 'Unknown citation' }],
      );
    if (row.orphaned === 1 && !had.has(citation.targetId)) {
      throw invalid(`The passage ${citation.label} cannot be cited: its words were deleted from the notes. Re-place its tag on the words in the session, or cite something else.`, [
        { field: 'doc', message: 'Passage words deleted' },
      ]);
    }
  }
}

/** The document a summary or report section holds now (null: none yet). */
function storedDoc(store: Store, table: 'item_summaries' | 'report_texts', id: string): FindingNode | null {
  const row = store.prepare(`SELECT body FROM ${table} WHERE id = ?`).get(id) as { body: string } | undefined;
  return row ? (JSON.parse(row.body) as FindingNode) : null;
}

/** Rebuilds the derived citation rows of one finding from its document. */
export function indexCitations(store: Store, findingId: string, reviewId: string, doc: FindingNode): void {
  store.prepare('DELETE FROM finding_citations WHERE finding_id = ?').run(findingId);
  const insert = store.prepare('INSERT INTO finding_citations (finding_id, review_id, kind, target_id, position) VALUES (?, ?, ?, ?, ?)');
  citationsOf(doc).forEach((c, position) => insert.run(findingId, reviewId, c.kind, c.targetId, position));
}

function recordEvent(store: Store, stamp: Stamp, row: { id: string; review_id: string }, status: FindingStatus, reason: string): void {
  const sync = syncValues(stamp);
  store
    .prepare('INSERT INTO finding_events (id, review_id, finding_id, status, reason, person_id, at, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(newId(), row.review_id, row.id, status, reason, stamp.updatedBy, stampTime(stamp.hlc), sync.hlc, sync.updated_by, sync.updated_device);
}

/** What each citation points at, looked up fresh (titles and quotes change after citing). */
function citationSources(store: Store, reviewId: string): (kind: 'evidence' | 'passage', id: string) => Citation['source'] {
  const evidence = new Map(
    (
      store
        .prepare('SELECT DISTINCT e.id, e.ref_number, e.title, e.summary FROM evidence e JOIN finding_citations c ON c.target_id = e.id WHERE c.review_id = ? AND e.deleted = 0')
        .all(reviewId) as Array<{ id: string; ref_number: number; title: string; summary: string }>
    ).map((e) => [e.id, { title: `${referenceCode(e.ref_number)} ${e.title}`, text: e.summary, sessionId: null, orphaned: false, label: referenceCode(e.ref_number) }]),
  );
  const organisations = new Map(
    (store.prepare('SELECT id, short_name FROM organisations WHERE review_id = ?').all(reviewId) as Array<{ id: string; short_name: string }>).map((o) => [o.id, o.short_name]),
  );
  const rows = store
    .prepare(
      `SELECT DISTINCT t.id, t.quote, t.session_id, t.orphaned, s.title, s.kind, s.held_at, p.designation, p.participant_group, p.organisation_id, p.id AS speaker,
         (SELECT count(*) FROM participants x WHERE x.session_id = s.id AND x.deleted = 0) AS present
       FROM tags t JOIN sessions s ON s.id = t.session_id JOIN finding_citations c ON c.target_id = t.id
       LEFT JOIN participants p ON p.id = t.speaker_id AND p.deleted = 0
       WHERE c.review_id = ? AND t.deleted = 0`,
    )
    .all(reviewId) as Array<{
    id: string;
    quote: string;
    session_id: string;
    orphaned: number;
    title: string;
    kind: SessionKind;
    held_at: string | null;
    designation: string | null;
    participant_group: ParticipantGroup | null;
    organisation_id: string | null;
    speaker: string | null;
    present: number;
  }>;
  const passages = new Map(
    rows.map((t) => {
      const speaker = t.speaker && t.designation && t.participant_group ? { designation: t.designation, group: t.participant_group, organisationId: t.organisation_id } : null;
      const label = passageLabel(speakerName(speaker, { kind: t.kind, participants: t.present }, organisations), t.held_at);
      return [t.id, { title: t.title, text: t.quote, sessionId: t.session_id, orphaned: t.orphaned === 1, label }];
    }),
  );
  return (kind, id) => (kind === 'evidence' ? evidence.get(id) : passages.get(id)) ?? null;
}

/**
 * A document with each citation's label as it is now (the speaker or an evidence code may have
 * changed since it was cited); the stored text takes the new labels at its next save.
 */
function withCurrentLabels(doc: FindingNode, source: ReturnType<typeof citationSources>): FindingNode {
  if (doc.type === 'citation') {
    const parsed = CitationAttrs.safeParse(doc.attrs);
    const label = parsed.success ? source(parsed.data.kind, parsed.data.targetId)?.label : undefined;
    return label ? { ...doc, attrs: { ...doc.attrs, label } } : doc;
  }
  return doc.content ? { ...doc, content: doc.content.map((child) => withCurrentLabels(child, source)) } : doc;
}

function toFinding(store: Store, row: FindingRow, source: ReturnType<typeof citationSources>, history: Map<string, Finding['history']>): Finding {
  const doc = withCurrentLabels(JSON.parse(row.body) as FindingNode, source);
  const stamp = stampOf(store, row);
  return {
    id: row.id,
    itemId: row.item_id,
    kind: row.kind,
    priority: row.priority,
    doc,
    text: plainText(doc),
    status: row.status,
    statusBy: store.personName(row.status_by),
    statusAt: row.status_at,
    reopened: row.reopened === 1,
    citations: citationsOf(doc).map((c) => ({ ...c, source: source(c.kind, c.targetId) })),
    history: history.get(row.id) ?? [],
    updatedAt: stamp.updatedAt,
    updatedBy: stamp.updatedBy,
  };
}

/** Every KLOE, theme and quality statement of the review, with its summary and findings. */
export function listFindings(store: Store, reviewId: string): FindingsItem[] {
  reviewKind(store, reviewId);
  const items = listFramework(store, reviewId).filter((item) => !item.retired && (FINDING_ITEM_KINDS as readonly string[]).includes(item.kind));
  const rows = store.prepare('SELECT * FROM findings WHERE review_id = ? AND deleted = 0 ORDER BY position, hlc').all(reviewId) as FindingRow[];
  const source = citationSources(store, reviewId);
  const summaries = new Map(
    (
      store.prepare('SELECT item_id, body, body_text FROM item_summaries WHERE review_id = ? AND deleted = 0').all(reviewId) as Array<{
        item_id: string;
        body: string;
        body_text: string;
      }>
    ).map((s) => {
      const doc = withCurrentLabels(JSON.parse(s.body) as FindingNode, source);
      return [s.item_id, { doc: doc as unknown, text: plainText(doc) }];
    }),
  );
  const events = store.prepare('SELECT finding_id, status, reason, person_id, at FROM finding_events WHERE review_id = ? AND deleted = 0 ORDER BY at, hlc').all(reviewId) as Array<{
    finding_id: string;
    status: FindingStatus;
    reason: string;
    person_id: string;
    at: string;
  }>;
  const history = new Map(
    [...groupBy(events, (e) => e.finding_id)].map(([id, list]) => [id, list.map((e) => ({ status: e.status, reason: e.reason, by: store.personName(e.person_id), at: e.at }))]),
  );
  const byItem = groupBy(
    rows.map((row) => toFinding(store, row, source, history)),
    (finding) => finding.itemId,
  );
  return items.map((item) => ({
    itemId: item.id,
    code: item.code,
    title: item.title,
    kind: item.kind,
    summary: summaries.get(item.id) ?? null,
    findings: byItem.get(item.id) ?? [],
  }));
}

export function reviewOfFinding(store: Store, findingId: string): string {
  const row = store.prepare('SELECT review_id FROM findings WHERE id = ?').get(findingId) as { review_id: string } | undefined;
  if (!row) throw notFound('That finding no longer exists.');
  return row.review_id;
}

function checkKind(store: Store, reviewId: string, kind: FindingKind): void {
  if (PROGRESS_KINDS.includes(kind) && reviewKind(store, reviewId) !== 'progress_review')
    throw invalid('"Progress made" and "still needed" findings belong to progress reviews.', [{ field: 'kind', message: 'Only in progress reviews' }]);
}

export function addFinding(store: Store, input: { reviewId: string; itemId: string; kind: FindingKind; priority: ActionPriority | null; doc?: FindingNode | undefined }): string {
  checkKind(store, input.reviewId, input.kind);
  const item = store.prepare('SELECT review_id, kind FROM framework_items WHERE id = ? AND deleted = 0').get(input.itemId) as { review_id: string; kind: string } | undefined;
  if (item?.review_id !== input.reviewId || !(FINDING_ITEM_KINDS as readonly string[]).includes(item.kind))
    throw invalid('Findings are written against a KLOE, theme or quality statement of this review.', [
      { field: 'itemId', message: 'Not a KLOE, theme or statement of this review' },
    ]);
  const doc = input.doc ?? EMPTY_FINDING;
  checkCitations(store, input.reviewId, doc);
  // "Add strength" pressed again (or a space typed on the button) while the last one is still
  // empty gives back that one: an empty draft is a place to write, and one per kind is enough.
  if (plainText(doc).trim() === '') {
    const empty = store.prepare(`${EMPTY_DRAFTS} AND kind = ? ORDER BY position LIMIT 1`).get(input.reviewId, input.itemId, input.kind) as { id: string } | undefined;
    if (empty) return input.reviewId;
  }
  const id = newId();
  store.write((stamp) => {
    const position = (
      store.prepare('SELECT coalesce(max(position), 0) + 1 AS next FROM findings WHERE review_id = ? AND item_id = ?').get(input.reviewId, input.itemId) as { next: number }
    ).next;
    const sync = syncValues(stamp);
    store
      .prepare(
        'INSERT INTO findings (id, review_id, item_id, kind, priority, body, body_text, status, status_by, status_at, position, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        id,
        input.reviewId,
        input.itemId,
        input.kind,
        input.priority,
        JSON.stringify(doc),
        plainText(doc),
        'draft',
        stamp.updatedBy,
        stampTime(stamp.hlc),
        position,
        sync.hlc,
        sync.updated_by,
        sync.updated_device,
      );
    indexCitations(store, id, input.reviewId, doc);
    recordEvent(store, stamp, { id, review_id: input.reviewId }, 'draft', 'written');
  });
  return input.reviewId;
}

/**
 * Saves a finding's text, kind or priority. An agreed finding that changes goes back to "ready
 * for review", marked as edited after it was agreed, so nobody signs off words they never saw.
 */
export function saveFinding(
  store: Store,
  input: { findingId: string; doc?: FindingNode | undefined; kind?: FindingKind | undefined; priority?: ActionPriority | null | undefined },
): string {
  const row = findingRow(store, input.findingId);
  if (input.kind) checkKind(store, row.review_id, input.kind);
  if (input.doc) checkCitations(store, row.review_id, input.doc, JSON.parse(row.body) as FindingNode);
  const body = input.doc ? JSON.stringify(input.doc) : row.body;
  const kind = input.kind ?? row.kind;
  const priority = input.priority === undefined ? row.priority : input.priority;
  if (body === row.body && kind === row.kind && priority === row.priority) return row.review_id;
  store.write((stamp) => {
    const columns: Record<string, string | number | null> = { body, body_text: input.doc ? plainText(input.doc) : row.body_text, kind, priority };
    if (row.status === 'agreed') Object.assign(columns, { status: 'ready', status_by: stamp.updatedBy, status_at: stampTime(stamp.hlc), reopened: 1 });
    updateRow(store, 'findings', row.id, columns, stamp);
    if (input.doc) indexCitations(store, row.id, row.review_id, input.doc);
    if (row.status === 'agreed') recordEvent(store, stamp, row, 'ready', 'edited after it was agreed');
  });
  return row.review_id;
}

export function setFindingStatus(store: Store, findingId: string, status: FindingStatus): string {
  const row = findingRow(store, findingId);
  if (row.status === status) return row.review_id;
  store.write((stamp) => {
    updateRow(store, 'findings', row.id, { status, status_by: stamp.updatedBy, status_at: stampTime(stamp.hlc), reopened: 0 }, stamp);
    recordEvent(store, stamp, row, status, '');
  });
  return row.review_id;
}

const EMPTY_DRAFTS = `SELECT id FROM findings f WHERE review_id = ? AND item_id = ? AND deleted = 0 AND status = 'draft' AND trim(body_text) = ''
   AND NOT EXISTS (SELECT 1 FROM finding_citations c WHERE c.finding_id = f.id)`;

/**
 * Leaving a KLOE drops the drafts under it that were started and never written in (no words, no
 * citation): an empty finding is a place to write, not a finding. Anything with a word stays.
 */
export function removeEmptyFindings(store: Store, reviewId: string, itemId: string): string {
  if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
  const empty = store.prepare(EMPTY_DRAFTS).pluck().all(reviewId, itemId) as string[];
  if (empty.length > 0) store.write((stamp) => empty.forEach((id) => setDeleted(store, 'findings', id, true, stamp)));
  return reviewId;
}

export function removeFinding(store: Store, findingId: string, removed: boolean): string {
  const reviewId = reviewOfFinding(store, findingId);
  store.write((stamp) => setDeleted(store, 'findings', findingId, removed, stamp));
  return reviewId;
}

/** One summary per item; its id is derived from the item, so two laptops write the same row. */
export function saveSummary(store: Store, reviewId: string, itemId: string, doc: FindingNode): void {
  const item = store.prepare('SELECT review_id FROM framework_items WHERE id = ? AND deleted = 0').get(itemId) as { review_id: string } | undefined;
  if (item?.review_id !== reviewId) throw notFound('That KLOE or theme is not in this review.');
  const id = stableId(`${reviewId}/summary/${itemId}`);
  checkCitations(store, reviewId, doc, storedDoc(store, 'item_summaries', id));
  store.write((stamp) => {
    const existing = store.prepare('SELECT id FROM item_summaries WHERE id = ?').get(id) as { id: string } | undefined;
    if (existing) {
      store
        .prepare('UPDATE item_summaries SET body = ?, body_text = ?, deleted = 0, hlc = ?, updated_by = ?, updated_device = ? WHERE id = ?')
        .run(JSON.stringify(doc), plainText(doc), stamp.hlc, stamp.updatedBy, stamp.device, id);
      return;
    }
    const sync = syncValues(stamp);
    store
      .prepare('INSERT INTO item_summaries (id, review_id, item_id, body, body_text, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, reviewId, itemId, JSON.stringify(doc), plainText(doc), sync.hlc, sync.updated_by, sync.updated_device);
  });
}

/** The review-wide report sections (the reflections of system leaders). */
export function reportTexts(store: Store, reviewId: string): { reflections: { doc: unknown; text: string } | null } {
  const row = store.prepare("SELECT body, body_text FROM report_texts WHERE review_id = ? AND section = 'reflections' AND deleted = 0").get(reviewId) as
    { body: string; body_text: string } | undefined;
  return { reflections: row ? { doc: JSON.parse(row.body) as unknown, text: row.body_text } : null };
}

export function saveReportText(store: Store, reviewId: string, section: 'reflections', doc: FindingNode): void {
  reviewKind(store, reviewId);
  const id = stableId(`${reviewId}/report/${section}`);
  checkCitations(store, reviewId, doc, storedDoc(store, 'report_texts', id));
  store.write((stamp) => {
    const sync = syncValues(stamp);
    store
      .prepare(
        'INSERT INTO report_texts (id, review_id, section, body, body_text, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body, body_text = excluded.body_text, deleted = 0, hlc = excluded.hlc, updated_by = excluded.updated_by, updated_device = excluded.updated_device',
      )
      .run(id, reviewId, section, JSON.stringify(doc), plainText(doc), sync.hlc, sync.updated_by, sync.updated_device);
  });
}

/** Adds a citation at the end of a finding's text (citing from the evidence matrix). */
export function appendCitation(store: Store, findingId: string, citation: { kind: 'evidence' | 'passage'; targetId: string; label: string }): string {
  const row = findingRow(store, findingId);
  // Even one the finding already cites: citing it again is a new citation of it.
  checkCitations(store, row.review_id, { type: 'doc', content: [{ type: 'citation', attrs: citation }] });
  const doc = JSON.parse(row.body) as FindingNode;
  const blocks = doc.content ?? [];
  const last = blocks.at(-1);
  const node: FindingNode = { type: 'citation', attrs: citation };
  if (last?.type === 'paragraph') last.content = [...(last.content ?? []), ...(last.content?.length ? [{ type: 'text' as const, text: ' ' }] : []), node];
  else blocks.push({ type: 'paragraph', content: [node] });
  return saveFinding(store, { findingId, doc: { ...doc, content: blocks } });
}
