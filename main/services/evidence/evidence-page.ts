import type { z } from 'zod';
import type { EvidencePage, EvidenceQuery, EvidenceSort } from '../../../shared/evidence/contract';
import { notFound } from '../../../shared/errors';
import { findReview } from '../reviews/reviews-table';
import { ftsQuery } from '../search/search';
import type { Store } from '../../store/store';
import type { Handlers } from '../../platform/context';
import { loadEvidence } from './evidence';

type Query = z.output<typeof EvidenceQuery>;

/** Each order ends on the reference number, so equal titles or dates keep one stable order. */
const ORDER: Record<EvidenceSort, (direction: string) => string> = {
  code: (d) => `e.ref_number ${d}`,
  title: (d) => `e.title COLLATE NOCASE ${d}, e.ref_number ${d}`,
  kind: (d) => `e.kind ${d}, e.ref_number ${d}`,
  source: (d) => `o.short_name IS NULL, o.short_name COLLATE NOCASE ${d}, e.ref_number ${d}`,
  // Undated items go last whichever way the dates run.
  date: (d) => `e.evidence_date IS NULL, e.evidence_date ${d}, e.ref_number ${d}`,
};

/** A code such as E012 or e12: the reference number it names. */
function codeNumber(text: string): number | null {
  const match = /^e0*(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : null;
}

/**
 * The WHERE clause and its parameters for a query's filters. Words search the evidence index
 * (title, summary, attachments' text) as the search screen does; a typed code finds its item.
 */
function filters(query: Query): { where: string; params: Record<string, unknown> } {
  const clauses = ['e.deleted = 0', 'e.review_id = @review'];
  const params: Record<string, unknown> = { review: query.reviewId };
  if (query.kind) {
    clauses.push('e.kind = @kind');
    params.kind = query.kind;
  }
  if (query.sourceOrganisationId) {
    clauses.push('e.source_organisation_id = @source');
    params.source = query.sourceOrganisationId;
  }
  if (query.kloeId) {
    clauses.push('EXISTS (SELECT 1 FROM evidence_links l WHERE l.evidence_id = e.id AND l.deleted = 0 AND l.kloe_id = @kloe)');
    params.kloe = query.kloeId;
  }
  if (query.codes) {
    clauses.push('e.ref_number IN (SELECT value FROM json_each(@codes))');
    params.codes = JSON.stringify(query.codes.map(codeNumber).filter((n) => n !== null));
  }
  if (query.text) {
    const number = codeNumber(query.text);
    const match = ftsQuery(query.text);
    const either: string[] = [];
    if (number !== null) {
      either.push('e.ref_number = @number');
      params.number = number;
    }
    if (match) {
      either.push(
        `e.id IN (SELECT x.evidence_id FROM evidence_search_fts JOIN evidence_search x ON x.rowid = evidence_search_fts.rowid
                  WHERE evidence_search_fts MATCH @match AND x.review_id = @review)`,
      );
      params.match = match;
    }
    // Text with no words and no code (punctuation only) matches nothing rather than everything.
    clauses.push(either.length > 0 ? `(${either.join(' OR ')})` : '0');
  }
  return { where: clauses.join(' AND '), params };
}

export function listEvidencePage(store: Store, query: Query): z.output<typeof EvidencePage> {
  if (!findReview(store, query.reviewId)) throw notFound('That review does not exist on this laptop.');
  const { where, params } = filters(query);
  const order = ORDER[query.sort](query.descending ? 'DESC' : 'ASC');
  const from = 'FROM evidence e LEFT JOIN organisations o ON o.id = e.source_organisation_id';
  const total = (store.prepare(`SELECT count(*) FROM evidence e WHERE ${where}`).pluck().get(params) as number) ?? 0;
  const ids = store
    .prepare(`SELECT e.id ${from} WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...params, limit: query.limit, offset: query.offset }) as string[];
  const loaded = new Map(loadEvidence(store, query.reviewId, ids).map((item) => [item.id, item]));
  let focusIndex: number | null = null;
  if (query.focusId) {
    const row = store
      .prepare(`SELECT n FROM (SELECT e.id, row_number() OVER (ORDER BY ${order}) - 1 AS n ${from} WHERE ${where}) WHERE id = @focus`)
      .pluck()
      .get({ ...params, focus: query.focusId }) as number | undefined;
    focusIndex = row ?? null;
  }
  return { total, offset: query.offset, items: ids.flatMap((id) => loaded.get(id) ?? []), focusIndex };
}

export const evidencePageHandlers: Handlers<'listEvidencePage'> = {
  listEvidencePage: (query, { store }) => listEvidencePage(store, query),
};
