import { useEffect } from 'react';
import type { Tag } from '../../../shared/sessions/domain';

const sheet = typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype ? new CSSStyleSheet() : null;

/**
 * Colours each tagged passage by its stance. Uses a constructed style sheet (allowed under our
 * CSP, unlike inline <style>), rebuilt when the tags change.
 */
export function useTagStyles(tags: Tag[]): void {
  useEffect(() => {
    if (!sheet) return;
    if (!document.adoptedStyleSheets.includes(sheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const rules = tags
      .filter((tag) => !tag.orphaned && /^[0-9a-f-]+$/.test(tag.id))
      .map((tag) => `.notes-editor [data-tag-id="${tag.id}"] { --tag-colour: var(--stance-${tag.stance}); }`);
    sheet.replaceSync(rules.join('\n'));
  }, [tags]);
}
