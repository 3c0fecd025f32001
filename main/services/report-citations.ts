import type { CitationProblem } from '../../shared/api/findings-contract';
import { referenceCode } from '../../shared/domain/evidence';
import { citationsOf, paragraphsOf, type CitationAttrs, type FindingNode } from '../../shared/findings/doc';
import type { Store } from '../store/store';

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
}

/**
 * How the report shows citations. Each label is worked out from what the citation points at now,
 * not the label frozen in the text when it was cited, and every citation of a removed item or of
 * a passage whose words were deleted is collected as a problem the writer must resolve.
 */
export class ReportCitations {
  readonly problems: CitationProblem[] = [];
  private readonly targets = new Map<string, Target>();

  constructor(store: Store, reviewId: string) {
    const evidence = store.prepare('SELECT id, ref_number, title FROM evidence WHERE review_id = ? AND deleted = 0').all(reviewId) as Array<{ id: string; ref_number: number; title: string }>;
    for (const e of evidence) this.targets.set(e.id, { orphaned: false, quote: e.title, code: referenceCode(e.ref_number) });
    const tags = store.prepare('SELECT t.id, t.quote, t.orphaned FROM tags t JOIN sessions s ON s.id = t.session_id AND s.deleted = 0 WHERE t.review_id = ? AND t.deleted = 0 AND t.id IN (SELECT target_id FROM finding_citations WHERE review_id = ?)').all(reviewId, reviewId) as Array<{ id: string; quote: string; orphaned: number }>;
    for (const t of tags) this.targets.set(t.id, { orphaned: t.orphaned === 1, quote: t.quote, code: null });
  }

  /** The label a citation shows in the report. */
  label = (attrs: CitationAttrs): string => {
    const target = this.targets.get(attrs.targetId);
    if (attrs.kind === 'evidence') return target?.code ?? attrs.label;
    return attrs.label;
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
