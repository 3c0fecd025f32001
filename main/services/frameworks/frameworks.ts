import { CHILD_KINDS, FRAMEWORK_ITEM_KIND_LABELS, type FrameworkItemKind, type FrameworkSource, type FrameworkSourceItem } from '../../../shared/frameworks/domain';
import { REVIEW_KIND_LABELS, type ReviewKind } from '../../../shared/reviews/domain';
import { conflict, invalid, notFound } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { loadFrameworks } from '../../resources';
import { allFrameworks, findFramework, frameworkByKey, importFramework, importFrameworkSheet, summaryOf, unknownFramework } from './catalogue';
import { frameworkFileText } from './framework-files';
import { codeTaken, findFrameworkItem, insertFrameworkItems, siblingsOf, type NewFrameworkItem } from './framework-table';
import { findReview } from '../reviews/reviews-table';
import { updateRow } from '../../store/rows';
import type { Stamp, Store } from '../../store/store';
import type { Handlers } from '../../platform/context';
import { reviewDetail } from '../reviews/reviews';

/** The framework a new review starts from: the one asked for ("id" or "id@version"), or the default for its kind. */
export function frameworkFor(kind: ReviewKind, frameworkId?: string, store?: Store): FrameworkSource {
  if (frameworkId) return findFramework(store, frameworkId) ?? unknownFramework(store, frameworkId);
  const byKind = loadFrameworks().find((framework) => framework.reviewKinds.includes(kind));
  if (!byKind) throw invalid(`No framework is shipped for ${REVIEW_KIND_LABELS[kind]}.`);
  return byKind;
}

/** Copies a shipped framework into a review; from then on the review's copy is its own. */
export function copyFrameworkInto(store: Store, stamp: Stamp, reviewId: string, framework: FrameworkSource): void {
  const rows: NewFrameworkItem[] = [];
  const walk = (items: readonly FrameworkSourceItem[], parentId: string | null) => {
    items.forEach((item, index) => {
      const id = newId();
      rows.push({
        id,
        reviewId,
        parentId,
        kind: item.kind,
        code: item.code,
        title: item.title,
        description: item.description ?? '',
        position: index + 1,
        ours: item.ours,
        sourceCode: item.code,
        characteristics: item.ratingCharacteristics ? JSON.stringify(item.ratingCharacteristics) : '',
      });
      walk(item.children ?? [], id);
    });
  };
  walk(framework.items, null);
  insertFrameworkItems(store, stamp, rows);
}

const CODE_PREFIX: Record<FrameworkItemKind, string> = {
  journey_stage: 'JS',
  key_question: 'KQ',
  theme: 'T',
  kloe: 'K',
  quality_statement: 'QS',
  prompt: 'P',
  evidence_category: 'EC',
  priority_group: 'PG',
};

function nextCode(store: Store, reviewId: string, parentCode: string | null, kind: FrameworkItemKind): string {
  const prefix = parentCode ? `${parentCode}.${CODE_PREFIX[kind]}` : `${CODE_PREFIX[kind]}`;
  for (let n = 1; ; n += 1) {
    const code = `${prefix}${n}`;
    if (!codeTaken(store, reviewId, code, null)) return code;
  }
}

function liveItem(store: Store, itemId: string) {
  const item = findFrameworkItem(store, itemId);
  if (!item) throw notFound('That framework item does not exist (it may have been removed).');
  return item;
}

export const frameworkHandlers: Handlers<
  'listFrameworks' | 'importFramework' | 'importFrameworkSheet' | 'exportFramework' | 'addFrameworkItem' | 'updateFrameworkItem' | 'moveFrameworkItem' | 'setFrameworkItemRetired'
> = {
  listFrameworks: (_request, { store }) => allFrameworks(store).map(summaryOf),
  importFramework: ({ fileName, text }, { store }) => importFramework(store, fileName, text),
  importFrameworkSheet: ({ fileName, dataBase64, meta }, { store }) => importFrameworkSheet(store, fileName, Buffer.from(dataBase64, 'base64'), meta),
  exportFramework: ({ frameworkId }, { store }) => {
    const framework = frameworkByKey(store, frameworkId);
    return { fileName: `${framework.id}-v${framework.version}.json`, text: frameworkFileText(framework) };
  },

  addFrameworkItem: ({ reviewId, parentId, kind, title, code, description }, { store }) => {
    store.write((stamp) => {
      if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
      const parent = parentId ? liveItem(store, parentId) : null;
      if (parent && parent.reviewId !== reviewId) throw invalid('That parent item belongs to another review.');
      const allowed = CHILD_KINDS[parent?.kind ?? 'root'];
      if (!allowed.includes(kind)) {
        const where = parent ? `under a ${FRAMEWORK_ITEM_KIND_LABELS[parent.kind].toLowerCase()}` : 'at the top level';
        throw invalid(
          `A ${FRAMEWORK_ITEM_KIND_LABELS[kind].toLowerCase()} cannot go ${where}. Allowed there: ${allowed.map((k) => FRAMEWORK_ITEM_KIND_LABELS[k].toLowerCase()).join(', ') || 'nothing'}.`,
          [{ field: 'kind', message: 'Not allowed here' }],
        );
      }
      if (code && codeTaken(store, reviewId, code, null)) throw conflict(`The code ${code} is already used in this framework.`, [{ field: 'code', message: 'Already used' }]);
      const siblings = siblingsOf(store, reviewId, parentId);
      insertFrameworkItems(store, stamp, [
        {
          id: newId(),
          reviewId,
          parentId,
          kind,
          code: code || nextCode(store, reviewId, parent?.code ?? null, kind),
          title,
          description,
          position: (siblings.at(-1)?.position ?? 0) + 1,
          ours: false,
          sourceCode: null,
        },
      ]);
    });
    return reviewDetail(store, reviewId);
  },

  updateFrameworkItem: ({ itemId, ...changes }, { store }) => {
    const reviewId = store.write((stamp) => {
      const item = liveItem(store, itemId);
      if (changes.code !== undefined && codeTaken(store, item.reviewId, changes.code, itemId)) {
        throw conflict(`The code ${changes.code} is already used in this framework.`, [{ field: 'code', message: 'Already used' }]);
      }
      const columns: Record<string, string | number> = {};
      if (changes.title !== undefined) columns.title = changes.title;
      if (changes.code !== undefined) columns.code = changes.code;
      if (changes.description !== undefined) columns.description = changes.description;
      if (Object.keys(columns).length === 0) throw invalid('Nothing to change: give a title, code or description.');
      updateRow(store, 'framework_items', itemId, columns, stamp);
      return item.reviewId;
    });
    return reviewDetail(store, reviewId);
  },

  moveFrameworkItem: ({ itemId, direction }, { store }) => {
    const reviewId = store.write((stamp) => {
      const item = liveItem(store, itemId);
      const siblings = siblingsOf(store, item.reviewId, item.parentId);
      const index = siblings.findIndex((sibling) => sibling.id === itemId);
      const neighbour = siblings[direction === 'up' ? index - 1 : index + 1];
      if (!neighbour) return item.reviewId; // already first/last: nothing to do
      updateRow(store, 'framework_items', itemId, { position: neighbour.position }, stamp);
      updateRow(store, 'framework_items', neighbour.id, { position: item.position }, stamp);
      return item.reviewId;
    });
    return reviewDetail(store, reviewId);
  },

  setFrameworkItemRetired: ({ itemId, retired }, { store }) => {
    const reviewId = store.write((stamp) => {
      const item = liveItem(store, itemId);
      updateRow(store, 'framework_items', itemId, { retired: retired ? 1 : 0 }, stamp);
      return item.reviewId;
    });
    return reviewDetail(store, reviewId);
  },
};
