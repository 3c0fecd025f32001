import { FINDING_ITEM_KINDS } from '../../../shared/findings/domain';
import { findingFromText, plainText, type FindingNode } from '../../../shared/findings/doc';
import { referenceCode } from '../../../shared/evidence/domain';
import type { Store } from '../../store/store';
import { stampTime } from '../../store/store';

/**
 * The generated review's findings: on each KLOE a summary and a few findings, together citing
 * every evidence item once, so the report's evidence index has every item in it (5,000 at L).
 */
export function generateFindings(store: Store, reviewId: string, random: () => number, id: () => string): number {
  const items = (
    store
      .prepare(`SELECT id FROM framework_items WHERE review_id = ? AND kind IN (${FINDING_ITEM_KINDS.map(() => '?').join(', ')}) AND deleted = 0 ORDER BY position`)
      .all(reviewId, ...FINDING_ITEM_KINDS) as Array<{ id: string }>
  ).map((r) => r.id);
  const evidence = store.prepare('SELECT id, ref_number FROM evidence WHERE review_id = ? AND deleted = 0 ORDER BY ref_number').all(reviewId) as Array<{
    id: string;
    ref_number: number;
  }>;
  if (items.length === 0) return 0;
  const perFinding = 25;
  const findings = Math.ceil(evidence.length / perFinding);
  const kinds = ['strength', 'improvement'] as const;
  const priorities = ['strategic', 'operational', 'engagement'] as const;
  store.write((stamp) => {
    const sync = [stamp.hlc, stamp.updatedBy, stamp.device] as const;
    const at = stampTime(stamp.hlc);
    const addFinding = store.prepare(
      'INSERT INTO findings (id, review_id, item_id, kind, priority, body, body_text, status, status_by, status_at, position, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const addCitation = store.prepare("INSERT INTO finding_citations (finding_id, review_id, kind, target_id, position) VALUES (?, ?, 'evidence', ?, ?)");
    const addSummary = store.prepare('INSERT INTO item_summaries (id, review_id, item_id, body, body_text, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const itemId of items) {
      const summary = findingFromText('Partners described how this part of the system had changed over the year, with examples from each locality.');
      addSummary.run(id(), reviewId, itemId, JSON.stringify(summary), plainText(summary), ...sync);
    }
    for (let f = 0; f < findings; f += 1) {
      const cited = evidence.slice(f * perFinding, (f + 1) * perFinding);
      const kind = kinds[f % 2] ?? 'strength';
      const doc: FindingNode = {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              {
                type: 'text',
                text:
                  kind === 'strength'
                    ? 'Staff across organisations described working well together on discharge, supported by '
                    : 'Delays persisted where packages of care were not ready, as shown in ',
              },
              ...cited.flatMap((e): FindingNode[] => [
                { type: 'citation', attrs: { kind: 'evidence', targetId: e.id, label: referenceCode(e.ref_number) } },
                { type: 'text', text: ' ' },
              ]),
            ],
          },
        ],
      };
      const findingId = id();
      addFinding.run(
        findingId,
        reviewId,
        items[f % items.length] ?? '',
        kind,
        kind === 'improvement' ? (priorities[Math.floor(random() * 3)] ?? 'strategic') : null,
        JSON.stringify(doc),
        plainText(doc),
        f % 3 === 0 ? 'agreed' : 'ready',
        stamp.updatedBy,
        at,
        f + 1,
        ...sync,
      );
      cited.forEach((e, position) => addCitation.run(findingId, reviewId, e.id, position));
    }
  });
  return findings;
}
