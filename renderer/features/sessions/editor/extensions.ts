import { Extension, Mark, mergeAttributes } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { newId } from '../../../../shared/ids';

const TEXT_BLOCKS = ['paragraph', 'heading'];

/**
 * Gives every paragraph and heading a stable id (search hits and tag anchors refer to it).
 * Only the ranges a transaction changed are scanned, so typing stays cheap in long notes; a
 * split paragraph's second half gets a new id. Ids are never taken from pasted HTML.
 */
export const BlockIds = Extension.create({
  name: 'blockIds',
  addGlobalAttributes() {
    return [
      {
        types: TEXT_BLOCKS,
        attributes: {
          id: { default: null, parseHTML: () => null, renderHTML: (attributes) => (attributes.id ? { 'data-block-id': attributes.id as string } : {}) },
        },
      },
    ];
  },
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('blockIds'),
        appendTransaction: (transactions, _oldState, newState) => {
          if (!transactions.some((tr) => tr.docChanged)) return null;
          const ranges: Array<[number, number]> = [];
          for (const tr of transactions) {
            tr.mapping.maps.forEach((map, index) => {
              map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
                // Map the range through the later steps so it lands in the final document.
                const rest = tr.mapping.slice(index + 1);
                ranges.push([rest.map(newStart, -1), rest.map(newEnd, 1)]);
              });
            });
          }
          const fix = newState.tr;
          const seen = new Set<string>();
          const size = newState.doc.content.size;
          for (const [from, to] of ranges) {
            newState.doc.nodesBetween(Math.max(0, from - 1), Math.min(size, to + 1), (node, pos) => {
              if (!TEXT_BLOCKS.includes(node.type.name)) return true;
              const id = node.attrs.id as string | null;
              if (!id || seen.has(id)) fix.setNodeMarkup(pos, undefined, { ...node.attrs, id: newId() });
              else seen.add(id);
              return false;
            });
          }
          return fix.docChanged ? fix.setMeta('addToHistory', false) : null;
        },
      }),
    ];
  },
});

/**
 * A tagged passage. Several tags may overlap (excludes nothing); text typed at either edge is not
 * pulled in (not inclusive), but text typed inside is. Tags are never recreated from pasted HTML,
 * so copying tagged words does not duplicate the tag.
 */
export const TagMark = Mark.create({
  name: 'tag',
  inclusive: false,
  excludes: '',
  addAttributes() {
    return { tagId: { default: null, parseHTML: (element) => element.getAttribute('data-tag-id'), renderHTML: (attributes) => ({ 'data-tag-id': attributes.tagId as string }) } };
  },
  parseHTML() {
    return [{ tag: 'span[data-tag-id]', getAttrs: () => false }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { class: 'tagged' }), 0];
  },
});
