import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { NoteNode } from '../../../../shared/sessions/notes-doc';
import { BlockIds, TagMark } from './extensions';
import { timestamp } from './tagging';

export interface EditorKeys {
  /** Alt+1…9: tag the selection with the pinned KLOE of that number. */
  quickTag: (digit: number) => void;
  /** Alt+T: open the tag dialog for the selection. */
  openTagDialog: () => void;
  /** Alt+S / Alt+C / Alt+N: stance of the last tag; Alt+Q: its quote flag. */
  lastTagStance: (stance: 'strength' | 'concern' | 'neutral') => void;
  toggleLastQuote: () => void;
  /** Alt+P: who said the last tag's words: the next participant, then "not recorded". */
  cycleLastSpeaker: () => void;
}

/**
 * The notes editor (TipTap on ProseMirror): headings, lists, bold and italic, block ids and tag
 * marks. It does not re-render React on every keystroke; changes are reported to `onChange`.
 */
export function NotesEditor({ initialDoc, onReady, onChange, keys }: { initialDoc: NoteNode; onReady: (editor: Editor) => void; onChange: () => void; keys: EditorKeys }) {
  const keysRef = useRef(keys);
  const onChangeRef = useRef(onChange);
  // Before paint, not after: a shortcut pressed once a new tag shows must see that tag (Alt+S
  // straight after Alt+2 went to the previous tag list when this ran after paint; CI lost it).
  useLayoutEffect(() => {
    keysRef.current = keys;
    onChangeRef.current = onChange;
  }, [keys, onChange]);

  const editor = useEditor({
    extensions: [StarterKit.configure({ codeBlock: false, code: false, link: false, heading: { levels: [2, 3] } }), BlockIds, TagMark],
    content: initialDoc,
    immediatelyRender: true,
    // TipTap would inject a <style> element, which our CSP forbids; styles.css carries its rules.
    injectCSS: false,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: { class: 'notes-editor', 'aria-label': 'Notes', role: 'textbox', 'aria-multiline': 'true', spellcheck: 'true' },
      handleKeyDown: (view, event) => {
        const k = keysRef.current;
        if (event.key === 'F8') {
          view.dispatch(view.state.tr.insertText(timestamp()));
          return true;
        }
        if (!event.altKey || event.ctrlKey || event.metaKey) return false;
        const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
        if (digit) {
          k.quickTag(Number(digit));
          return true;
        }
        const action: Record<string, () => void> = {
          KeyT: k.openTagDialog,
          KeyS: () => k.lastTagStance('strength'),
          KeyC: () => k.lastTagStance('concern'),
          KeyN: () => k.lastTagStance('neutral'),
          KeyQ: k.toggleLastQuote,
          KeyP: k.cycleLastSpeaker,
        };
        const run = action[event.code];
        if (!run) return false;
        run();
        return true;
      },
    },
    onUpdate: ({ transaction }) => {
      if (transaction.docChanged) onChangeRef.current();
    },
  });

  useEffect(() => {
    if (editor) onReady(editor);
  }, [editor, onReady]);

  if (!editor) return null;
  return (
    <div className="editor-frame">
      <Toolbar editor={editor} onTag={() => keysRef.current.openTagDialog()} />
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({ editor, onTag }: { editor: Editor; onTag: () => void }) {
  const button = (label: string, title: string, run: () => void) => (
    <button type="button" className="small" title={title} onMouseDown={(event) => event.preventDefault()} onClick={run}>
      {label}
    </button>
  );
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Formatting">
      {button('H2', 'Heading', () => editor.chain().focus().toggleHeading({ level: 2 }).run())}
      {button('H3', 'Subheading', () => editor.chain().focus().toggleHeading({ level: 3 }).run())}
      {button('B', 'Bold (Ctrl+B)', () => editor.chain().focus().toggleBold().run())}
      {button('I', 'Italic (Ctrl+I)', () => editor.chain().focus().toggleItalic().run())}
      {button('• List', 'Bulleted list (Ctrl+Shift+8)', () => editor.chain().focus().toggleBulletList().run())}
      {button('1. List', 'Numbered list (Ctrl+Shift+7)', () => editor.chain().focus().toggleOrderedList().run())}
      {button('Time', 'Insert the time (F8)', () => editor.chain().focus().insertContent(timestamp()).run())}
      <span className="toolbar-gap" />
      {button('Tag…', 'Tag the selected words (Alt+T; Alt+1…9 for pinned KLOEs)', onTag)}
    </div>
  );
}
