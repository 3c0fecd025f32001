import type { Editor } from '@tiptap/react';
import { formatDateTime } from '../../../shared/dates';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionDetail } from '../../../shared/sessions/contract';
import { SESSION_KIND_LABELS, type Tag } from '../../../shared/sessions/domain';
import { newId } from '../../../shared/ids';
import type { NoteNode } from '../../../shared/sessions/notes-doc';
import { api, messageOf } from '../../api/client';
import { useRouter } from '../../app/router';

import { notify, notifyError, reportError } from '../../ui/toasts';
import { takeHeldTyping, typeInto } from '../../ui/typeahead';
import { useWorkspace } from '../reviews';
import { useAutosave, type SaveState } from './editor/autosave';
import { NotesEditor, type EditorKeys } from './editor/NotesEditor';
import { markSelection, revealBlock, revealRange, tagRanges, unmarkTag } from './editor/tagging';
import { SessionDetails } from './SessionDetails';
import { SidePanel } from './SidePanel';
import { defaultSpeaker, speakerOption, TagDialog, type TagChoice } from './TagDialog';
import { taggableItems } from './taggable';
import { useTagStyles } from './useTagStyles';

/** Keyed by session id in App, so each session starts from a clean load. */
export function SessionPage({ reviewId, sessionId, focus }: { reviewId: string; sessionId: string; focus?: string | undefined }) {
  const { detail: review, open } = useWorkspace();
  const [session, setSession] = useState<SessionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void open(reviewId);
    api.getSession({ sessionId }).then(setSession, (failure: unknown) => setError(messageOf(failure)));
  }, [open, reviewId, sessionId]);

  if (error)
    return (
      <main className="page">
        <p className="error-banner">{error}</p>
      </main>
    );
  if (!session || !review || review.review.id !== reviewId)
    return (
      <main className="page">
        <p className="hint">Opening session…</p>
      </main>
    );
  return <LoadedSession key={sessionId} review={review} initial={session} focus={focus} />;
}

function LoadedSession({
  review,
  initial,
  focus,
}: {
  review: NonNullable<ReturnType<typeof useWorkspace.getState>['detail']>;
  initial: SessionDetail;
  focus?: string | undefined;
}) {
  const go = useRouter((state) => state.go);
  const [session, setSession] = useState(initial.session);
  const [tags, setTags] = useState<Tag[]>(initial.tags);
  const [wordCount, setWordCount] = useState(initial.session.wordCount);
  const [pins, setPins] = useState<string[]>([]);
  const [dialog, setDialog] = useState<{ quote: string; tag?: Tag } | null>(null);
  const [showDetails, setShowDetails] = useState(initial.session.wordCount === 0);
  const editorRef = useRef<Editor | null>(null);
  // The last tag made here, as the reviewer last set it, and its saves in order: a shortcut
  // pressed while the tag is still being created (Alt+S straight after Alt+2) waits for it.
  const lastTag = useRef<{ id: string; choice: TagChoice; saved: Promise<boolean> } | null>(null);
  const sessionId = session.id;
  const taggable = useMemo(() => taggableItems(review.framework), [review.framework]);
  const organisations = useMemo(() => new Map(review.organisations.map((o) => [o.id, o.shortName])), [review.organisations]);
  useTagStyles(tags);

  useEffect(() => {
    api.getPins({ reviewId: review.review.id }).then(setPins, () => setPins([]));
  }, [review.review.id]);

  const save = useCallback(async () => {
    const editor = editorRef.current;
    if (!editor) return null;
    const saved = await api.saveNotes({ sessionId, doc: editor.getJSON() as NoteNode });
    setTags(saved.tags);
    setWordCount(saved.wordCount);
    return saved.savedAt;
  }, [sessionId]);
  const autosave = useAutosave(save);

  const createTag = (choice: TagChoice) => {
    const editor = editorRef.current;
    if (!editor) return;
    const tagId = newId();
    if (!markSelection(editor, tagId)) {
      notifyError('Select the words to tag first.');
      return;
    }
    const created = autosave
      .exclusive(() => api.createTag({ sessionId, doc: editor.getJSON() as NoteNode, tag: { id: tagId, ...choice } }))
      .then(
        (saved) => {
          setTags(saved.tags);
          setWordCount(saved.wordCount);
          autosave.savedElsewhere(saved.savedAt);
          return true;
        },
        (failure: unknown) => {
          unmarkTag(editor, tagId);
          if (lastTag.current?.id === tagId) lastTag.current = null;
          reportError(failure);
          return false;
        },
      );
    lastTag.current = { id: tagId, choice, saved: created };
  };

  /** Changes a tag; the last tag's changes queue behind its creation and each other, in order. */
  const updateTag = (tag: Pick<Tag, 'id'>, changes: Partial<TagChoice>): Promise<void> => {
    const send = () => api.updateTag({ tagId: tag.id, ...changes }).then((updated) => setTags((current) => current.map((t) => (t.id === updated.id ? updated : t))), reportError);
    const last = lastTag.current;
    if (last?.id !== tag.id) return send();
    last.choice = { ...last.choice, ...changes };
    const done = last.saved.then(async (exists) => {
      if (exists) await send();
      return exists;
    });
    last.saved = done;
    return done.then(() => undefined);
  };

  const keys: EditorKeys = {
    quickTag: (digit) => {
      const kloeId = pins[digit - 1];
      if (!kloeId) return notifyError(`Nothing is pinned to Alt+${digit}. Pin KLOEs in the side panel.`);
      createTag({ kloeIds: [kloeId], stance: 'neutral', isQuote: false, comment: '', speakerId: defaultSpeaker(session.participants) });
    },
    openTagDialog: () => {
      const editor = editorRef.current;
      if (!editor || editor.state.selection.empty) return notifyError('Select the words to tag first.');
      const { from, to } = editor.state.selection;
      setDialog({ quote: editor.state.doc.textBetween(from, to, ' ') });
    },
    lastTagStance: (stance) => {
      if (lastTag.current) void updateTag(lastTag.current, { stance });
    },
    toggleLastQuote: () => {
      if (lastTag.current) void updateTag(lastTag.current, { isQuote: !lastTag.current.choice.isQuote });
    },
    cycleLastSpeaker: () => {
      const tag = lastTag.current;
      const people = session.participants;
      if (!tag) return notifyError('Tag some words first: Alt+P then sets who said them.');
      if (people.length < 2) return notifyError('This session has one participant or none: nobody else could have said it.');
      const order: Array<string | null> = [...people.map((p) => p.id), null];
      const next = order[(order.indexOf(tag.choice.speakerId) + 1) % order.length] ?? null;
      const who = people.find((p) => p.id === next);
      void updateTag(tag, { speakerId: next }).then(() => notify(`Said by: ${who ? speakerOption(who, organisations) : 'several, or not recorded'}`));
    },
  };

  const onReady = useCallback(
    (editor: Editor) => {
      editorRef.current = editor;
      // The notes are where the next words go: at their end, with any typed while they opened.
      const held = takeHeldTyping();
      if (!focus || held) {
        editor.commands.focus('end');
        editor.view.focus();
        typeInto(editor, held);
        return;
      }
      const [kind, id] = focus.split(':');
      if (kind === 'block' && id) revealBlock(editor, id);
      if (kind === 'tag' && id) {
        const range = tagRanges(editor, id)[0];
        if (range) revealRange(editor, range.from, range.to);
      }
    },
    [focus],
  );

  return (
    <main className="page session-page">
      <header className="review-header">
        <div>
          <button className="link back" onClick={() => go({ name: 'review', reviewId: review.review.id, tab: 'sessions' })}>
            ← {review.review.title}
          </button>
          <h1>{session.title}</h1>
          <p className="subtitle">
            {SESSION_KIND_LABELS[session.kind]}
            {session.heldAt ? ` · ${formatDateTime(session.heldAt)}` : ''}
            {session.location ? ` · ${session.location}` : ''} · {session.participants.map((p) => p.designation).join(', ') || 'no participants recorded'} ·{' '}
            {session.status === 'final' ? 'Final' : 'Draft'}
          </p>
        </div>
        <div className="actions">
          <SaveIndicator state={autosave.state} wordCount={wordCount} />
          <button onClick={() => setShowDetails(!showDetails)} aria-expanded={showDetails}>
            Details
          </button>
        </div>
      </header>
      {showDetails && <SessionDetails review={review} session={session} onSaved={setSession} />}
      <div className="session-layout">
        <NotesEditor initialDoc={initial.doc} onReady={onReady} onChange={autosave.changed} keys={keys} />
        <SidePanel
          framework={review.framework}
          sessionKloeIds={session.kloeIds}
          taggable={taggable}
          tags={tags}
          pins={pins}
          participants={session.participants}
          organisations={organisations}
          onSpeaker={(tag, speakerId) => void updateTag(tag, { speakerId })}
          onJump={(tag) => {
            const editor = editorRef.current;
            const range = editor ? tagRanges(editor, tag.id)[0] : undefined;
            if (editor && range) revealRange(editor, range.from, range.to);
          }}
          onStance={(tag, stance) => void updateTag(tag, { stance })}
          onToggleQuote={(tag) => void updateTag(tag, { isQuote: !tag.isQuote })}
          onEdit={(tag) => setDialog({ quote: tag.quote, tag })}
          onDelete={(tag) =>
            void api.deleteTag({ tagId: tag.id }).then(() => {
              if (editorRef.current) unmarkTag(editorRef.current, tag.id);
              if (lastTag.current?.id === tag.id) lastTag.current = null;
              setTags((current) => current.filter((t) => t.id !== tag.id));
              notify('Tag removed; the words stay in the notes.');
            }, reportError)
          }
          onReplace={(tag) => {
            const editor = editorRef.current;
            if (!editor || !markSelection(editor, tag.id)) return notifyError('Select the words to re-place the tag on first.');
            void autosave.flush();
          }}
          onPins={(kloeIds) => void api.setPins({ reviewId: review.review.id, kloeIds }).then(setPins, reportError)}
        />
      </div>
      {dialog && (
        <TagDialog
          quote={dialog.quote}
          items={taggable}
          suggested={session.kloeIds}
          participants={session.participants}
          organisations={organisations}
          {...(dialog.tag
            ? { initial: { kloeIds: dialog.tag.kloeIds, stance: dialog.tag.stance, isQuote: dialog.tag.isQuote, comment: dialog.tag.comment, speakerId: dialog.tag.speakerId } }
            : {})}
          onCancel={() => {
            setDialog(null);
            editorRef.current?.commands.focus();
          }}
          onConfirm={(choice) => {
            const editing = dialog.tag;
            setDialog(null);
            editorRef.current?.commands.focus();
            if (editing) void updateTag(editing, choice);
            else createTag(choice);
          }}
        />
      )}
    </main>
  );
}

function SaveIndicator({ state, wordCount }: { state: SaveState; wordCount: number }) {
  const text =
    state.kind === 'saving'
      ? 'Saving…'
      : state.kind === 'dirty'
        ? 'Editing…'
        : state.kind === 'failed'
          ? `Not saved: ${state.message} (retrying)`
          : state.at
            ? `Saved ${formatDateTime(state.at)}`
            : 'All changes saved';
  return (
    <span className={`save-state save-${state.kind}`} role="status" aria-live="polite">
      {wordCount.toLocaleString('en-GB')} words · {text}
    </span>
  );
}
