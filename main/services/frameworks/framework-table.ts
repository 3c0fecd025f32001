import { characteristicsFromText, type FrameworkItem, type FrameworkItemKind } from '../../../shared/frameworks/domain';
import type { Stamp, Store } from '../../store/store';
import { stampOf, syncValues, type SyncColumns } from '../../store/rows';

interface FrameworkRow extends SyncColumns {
  id: string;
  review_id: string;
  parent_id: string | null;
  kind: FrameworkItemKind;
  code: string;
  title: string;
  description: string;
  position: number;
  retired: number;
  ours: number;
  characteristics: string;
}

export interface NewFrameworkItem {
  id: string;
  reviewId: string;
  parentId: string | null;
  kind: FrameworkItemKind;
  code: string;
  title: string;
  description: string;
  position: number;
  ours: boolean;
  sourceCode: string | null;
  /** JSON of the item's rating characteristics, or '' (characteristicsFromText reads it). */
  characteristics?: string;
}

export function insertFrameworkItems(store: Store, stamp: Stamp, items: NewFrameworkItem[]): void {
  const insert = store.prepare(
    `INSERT INTO framework_items (id, review_id, parent_id, kind, code, title, description, position, ours, source_code, characteristics, hlc, updated_by, updated_device)
     VALUES (@id, @review_id, @parent_id, @kind, @code, @title, @description, @position, @ours, @source_code, @characteristics, @hlc, @updated_by, @updated_device)`,
  );
  const sync = syncValues(stamp);
  for (const item of items) {
    insert.run({
      id: item.id,
      review_id: item.reviewId,
      parent_id: item.parentId,
      kind: item.kind,
      code: item.code,
      title: item.title,
      description: item.description,
      position: item.position,
      ours: item.ours ? 1 : 0,
      source_code: item.sourceCode,
      characteristics: item.characteristics ?? '',
      ...sync,
    });
  }
}

/** The review's framework in tree order: parents before children, siblings by position. */
export function listFramework(store: Store, reviewId: string): FrameworkItem[] {
  const rows = store.prepare('SELECT * FROM framework_items WHERE review_id = ? AND deleted = 0 ORDER BY position').all(reviewId) as FrameworkRow[];
  const byParent = new Map<string | null, FrameworkRow[]>();
  for (const row of rows) {
    const siblings = byParent.get(row.parent_id) ?? [];
    siblings.push(row);
    byParent.set(row.parent_id, siblings);
  }
  const ordered: FrameworkItem[] = [];
  const visit = (parentId: string | null) => {
    for (const row of byParent.get(parentId) ?? []) {
      ordered.push(toItem(store, row));
      visit(row.id);
    }
  };
  visit(null);
  return ordered;
}

export function findFrameworkItem(store: Store, id: string): FrameworkItem | null {
  const row = store.prepare('SELECT * FROM framework_items WHERE id = ? AND deleted = 0').get(id) as FrameworkRow | undefined;
  return row ? toItem(store, row) : null;
}

export function siblingsOf(store: Store, reviewId: string, parentId: string | null): Array<{ id: string; position: number; code: string }> {
  return store.prepare('SELECT id, position, code FROM framework_items WHERE review_id = ? AND parent_id IS ? AND deleted = 0 ORDER BY position').all(reviewId, parentId) as Array<{
    id: string;
    position: number;
    code: string;
  }>;
}

export function codeTaken(store: Store, reviewId: string, code: string, exceptId: string | null): boolean {
  return store.prepare('SELECT 1 FROM framework_items WHERE review_id = ? AND deleted = 0 AND code = ? COLLATE NOCASE AND id IS NOT ?').get(reviewId, code, exceptId) !== undefined;
}

function toItem(store: Store, row: FrameworkRow): FrameworkItem {
  return {
    id: row.id,
    reviewId: row.review_id,
    parentId: row.parent_id,
    kind: row.kind,
    code: row.code,
    title: row.title,
    description: row.description,
    position: row.position,
    retired: row.retired === 1,
    ours: row.ours === 1,
    ratingCharacteristics: characteristicsFromText(row.characteristics),
    ...stampOf(store, row),
  };
}
