import type { CitationProblem } from '../../../shared/report/contract';
import { referenceCode } from '../../../shared/evidence/domain';
import type { ParticipantGroup, SessionKind } from '../../../shared/sessions/domain';
import { coarseName, passageLabel, sameKind, speakerName, type Speaker } from '../../../shared/report/labels';
import { citationsOf, paragraphsOf, type CitationAttrs, type FindingNode } from '../../../shared/findings/doc';
import type { Store } from '../../store/store';

/**
 * A citation the report cannot stand behind (see CitationProblem in the contract): `where` is
 * "T3 Winter planning, area for improvement", `quote` the cited words as last seen.
 */
export type { CitationProblem };

interface Target {
  orphaned: boolean;
  quote: string;
  /** Evidence: its code now (numbers can change when two laptops' items are renumbered). */
  code: string | null;
  /** Passages: who said it, as the report names them, and when. */
  who?: string;
  heldAt?: string | null;
  /** Set when `who` is a coarser label than the exact one, which would single out one person. */
  exact?: string;
}

/** A label made coarser because it would single out one person the review spoke with. */
export interface CoarsenedLabel {
  exact: string;
  coarse: string;
}

interface PersonRow {
  id: string;
  real_name: string | null;
  designation: string;
  participant_group: ParticipantGroup;
  organisation_id: string | null;
}

/**
 * How the report shows citations. Each label is worked out from what the citation points at now,
 * not the label frozen in the text when it was cited, and every citation of a removed item or of
 * a passage whose words were deleted is collected as a problem the writer must resolve.
 */
export class ReportCitations {
  readonly problems: CitationProblem[] = [];
  private readonly coarsened = new Map<string, CoarsenedLabel>();
  private readonly targets = new Map<string, Target>();

  /** `allowLabels`: exact labels (lower-cased) the writer lets through, or 'all'. */
  constructor(store: Store, reviewId: string, allowLabels: readonly string[] | 'all' = []) {
    const evidence = store.prepare('SELECT id, ref_number, title FROM evidence WHERE review_id = ? AND deleted = 0').all(reviewId) as Array<{
      id: string;
      ref_number: number;
      title: string;
    }>;
    for (const e of evidence) this.targets.set(e.id, { orphaned: false, quote: e.title, code: referenceCode(e.ref_number) });
    const organisations = new Map(
      (store.prepare('SELECT id, short_name FROM organisations WHERE review_id = ?').all(reviewId) as Array<{ id: string; short_name: string }>).map((o) => [o.id, o.short_name]),
    );
    // Everyone the review spoke with; one person seen in two sessions (same recorded name) counts once.
    const people = store
      .prepare(
        'SELECT p.id, i.real_name, p.designation, p.participant_group, p.organisation_id FROM participants p JOIN sessions s ON s.id = p.session_id AND s.deleted = 0 LEFT JOIN participant_identities i ON i.participant_id = p.id AND i.deleted = 0 WHERE s.review_id = ? AND p.deleted = 0',
      )
      .all(reviewId) as PersonRow[];
    const person = (p: PersonRow) => (p.real_name?.trim() ? `name:${p.real_name.trim().toLowerCase()}` : `id:${p.id}`);
    const distinct = (match: (p: PersonRow) => boolean) => new Set(people.filter(match).map(person)).size;
    const allowed = allowLabels === 'all' ? null : new Set(allowLabels.map((l) => l.trim().toLowerCase()));
    const byId = new Map(people.map((p) => [p.id, p]));
    const tags = store
      .prepare(
        'SELECT t.id, t.quote, t.orphaned, t.speaker_id, s.kind, s.held_at, (SELECT count(*) FROM participants p WHERE p.session_id = s.id AND p.deleted = 0) AS present FROM tags t JOIN sessions s ON s.id = t.session_id AND s.deleted = 0 WHERE t.review_id = ? AND t.deleted = 0 AND t.id IN (SELECT target_id FROM finding_citations WHERE review_id = ?)',
      )
      .all(reviewId, reviewId) as Array<{ id: string; quote: string; orphaned: number; speaker_id: string | null; kind: SessionKind; held_at: string | null; present: number }>;
    for (const t of tags) {
      const found = t.speaker_id ? byId.get(t.speaker_id) : undefined;
      const speaker: Speaker | null = found ? { designation: found.designation, group: found.participant_group, organisationId: found.organisation_id } : null;
      const who = speakerName(speaker, { kind: t.kind, participants: t.present }, organisations);
      // A role at an organisation held by one person the review spoke with names that person.
      if (found && speaker && allowed && !allowed.has(who.toLowerCase())) {
        const role = found.designation.trim().toLowerCase();
        const sharing = distinct((p) => p.designation.trim().toLowerCase() === role && p.organisation_id === found.organisation_id);
        if (sharing < 2) {
          const peers = found.organisation_id ? distinct((p) => p.organisation_id === found.organisation_id && sameKind(p.participant_group, found.participant_group)) : 0;
          this.targets.set(t.id, { orphaned: t.orphaned === 1, quote: t.quote, code: null, who: coarseName(speaker, peers, organisations), exact: who, heldAt: t.held_at });
          continue;
        }
      }
      this.targets.set(t.id, { orphaned: t.orphaned === 1, quote: t.quote, code: null, who, heldAt: t.held_at });
    }
  }

  /** Labels made coarser so they do not single anyone out (the writer may allow the exact ones). */
  get labels(): CoarsenedLabel[] {
    return [...this.coarsened.values()];
  }

  /** The label a citation shows in the report. */
  label = (attrs: CitationAttrs): string => {
    const target = this.targets.get(attrs.targetId);
    if (attrs.kind === 'evidence') return target?.code ?? attrs.label;
    if (target?.who === undefined) return attrs.label;
    // Listed only for labels the report actually shows.
    if (target.exact) this.coarsened.set(target.exact, { exact: target.exact, coarse: target.who });
    // The report is read long after the visit: its passages carry the year.
    return passageLabel(target.who, target.heldAt ?? null, true);
  };

  /** Paragraphs of a text with its citations labelled for the report; records its problems. */
  paragraphs(doc: FindingNode | null | undefined, where: string): string[] {
    if (!doc) return [];
    for (const citation of citationsOf(doc)) {
      const target = this.targets.get(citation.targetId);
      if (!target) this.problems.push({ where, label: citation.label, quote: '', reason: 'removed' });
      else if (target.orphaned) this.problems.push({ where, label: citation.label, quote: target.quote, reason: 'words_deleted' });
    }
    return paragraphsOf(doc, this.label);
  }
}
