import { mergeAttributes, Node } from '@tiptap/core';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef } from 'react';
import type { CitationAttrs, FindingNode } from '../../../shared/findings/doc';

/**
 * A citation inside a finding: an atom (it moves and deletes as one piece) showing its label.
 * The hover card and the click-to-open are handled by the editor's container, which knows the
 * cited sources.
 */
export const CitationNode = Node.create({
  name: 'citation',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return { kind: { default: 'evidence' }, targetId: { default: '' }, label: { default: '' } };
  },
  parseHTML() {
    return [{ tag: 'span[data-citation]', getAttrs: (el) => ({ kind: el.getAttribute('data-kind'), targetId: el.getAttribute('data-target'), label: el.textContent }) }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      'span',
      mergeAttributes(HTMLAttributes, {
        'data-citation': '',
        'data-kind': node.attrs.kind as string,
        'data-target': node.attrs.targetId as string,
        class: `citation ${node.attrs.kind as string}`,
      }),
      node.attrs.label as string,
    ];
  },
  renderText({ node }) {
    return `[${node.attrs.label as string}]`;
  },
});

/**
 * The rich-text editor for a finding or a summary: paragraphs, lists, bold, italic and citations.
 * Ctrl+K asks for a citation at the cursor. Changes are reported (debounced by the caller).
 */
export function FindingEditor({
  initialDoc,
  label,
  onChange,
  onCite,
  onReady,
}: {
  initialDoc: FindingNode;
  label: string;
  onChange: (doc: FindingNode) => void;
  onCite: () => void;
  onReady?: (editor: Editor) => void;
}) {
  const callbacks = useRef({ onChange, onCite });
  useEffect(() => {
    callbacks.current = { onChange, onCite };
  }, [onChange, onCite]);
  const editor = useEditor({
    extensions: [
      StarterKit.configure({ codeBlock: false, code: false, link: false, heading: false, blockquote: false, horizontalRule: false, strike: false, underline: false }),
      CitationNode,
    ],
    content: initialDoc,
    immediatelyRender: true,
    injectCSS: false,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: { class: 'finding-editor', 'aria-label': label, role: 'textbox', 'aria-multiline': 'true', spellcheck: 'true' },
      handleKeyDown: (_view, event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
          callbacks.current.onCite();
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: e }) => callbacks.current.onChange(e.getJSON() as FindingNode),
  });
  useEffect(() => {
    if (editor && onReady) onReady(editor);
  }, [editor, onReady]);
  return <EditorContent editor={editor} />;
}

export function insertCitation(editor: Editor, citation: CitationAttrs): void {
  editor
    .chain()
    .focus()
    .insertContent([
      { type: 'citation', attrs: citation },
      { type: 'text', text: ' ' },
    ])
    .run();
  // Tiptap's focus() waits for the next animation frame; words typed straight after the dialog
  // closed went nowhere in that frame (CI lost "and "). Focus now, as the key that follows needs.
  editor.view.focus();
}
