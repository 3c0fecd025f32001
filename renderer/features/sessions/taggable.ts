import type { FrameworkItem } from '../../../shared/frameworks/domain';

/** The framework items passages can be tagged to: KLOEs, quality statements and themes. */
export function taggableItems(framework: FrameworkItem[]): FrameworkItem[] {
  return framework.filter((item) => !item.retired && (item.kind === 'kloe' || item.kind === 'quality_statement' || item.kind === 'theme'));
}

export function shortLabel(item: FrameworkItem): string {
  return `${item.code} ${item.title}`;
}
