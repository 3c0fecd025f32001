import { useState } from 'react';
import type { FrameworkItem } from '../../../shared/frameworks/domain';
import { STANCES, STANCE_LABELS, type Participant, type Stance, type Tag } from '../../../shared/sessions/domain';
import { speakerOption } from './TagDialog';
import { TabList, tabPanelProps } from '../../ui/Tabs';

type Panel = 'prompts' | 'tags' | 'pins';

interface Props {
  framework: FrameworkItem[];
  sessionKloeIds: string[];
  taggable: FrameworkItem[];
  tags: Tag[];
  pins: string[];
  participants: Participant[];
  organisations: ReadonlyMap<string, string>;
  onSpeaker: (tag: Tag, speakerId: string | null) => void;
  onJump: (tag: Tag) => void;
  onStance: (tag: Tag, stance: Stance) => void;
  onToggleQuote: (tag: Tag) => void;
  onDelete: (tag: Tag) => void;
  onEdit: (tag: Tag) => void;
  onReplace: (tag: Tag) => void;
  onPins: (kloeIds: string[]) => void;
}

export function SidePanel(props: Props) {
  const [panel, setPanel] = useState<Panel>('tags');
  const byId = new Map(props.framework.map((item) => [item.id, item]));
  const orphans = props.tags.filter((tag) => tag.orphaned);
  return (
    <aside className="side-panel">
      <TabList
        label="Side panel"
        idPrefix="side"
        className="tabs small-tabs"
        tabs={(['prompts', 'tags', 'pins'] as const).map((p) => ({
          id: p,
          label: (
            <>
              {p === 'prompts' ? 'Prompts' : p === 'tags' ? `Tags ${props.tags.length - orphans.length}` : 'Pins'}
              {p === 'tags' && orphans.length > 0 && (
                <span className="badge orphan" title="Tags whose words were deleted: not counted as evidence">
                  {orphans.length} with words deleted
                </span>
              )}
            </>
          ),
        }))}
        selected={panel}
        onSelect={setPanel}
      />
      <div {...tabPanelProps('side', panel)}>
        {panel === 'prompts' && <Prompts {...props} byId={byId} />}
        {panel === 'tags' && <Tags {...props} byId={byId} />}
        {panel === 'pins' && <Pins {...props} />}
      </div>
    </aside>
  );
}

function Prompts({ framework, sessionKloeIds, byId }: Props & { byId: Map<string, FrameworkItem> }) {
  if (sessionKloeIds.length === 0) return <p className="hint">Choose the KLOEs for this session in its details to see their prompts here.</p>;
  return (
    <div className="prompts">
      {sessionKloeIds.map((id) => {
        const kloe = byId.get(id);
        if (!kloe) return null;
        const prompts = framework.filter((item) => item.parentId === id && item.kind === 'prompt' && !item.retired);
        return (
          <section key={id}>
            <h3>
              <span className="code">{kloe.code}</span> {kloe.title}
            </h3>
            <ul>
              {prompts.map((prompt) => (
                <li key={prompt.id}>{prompt.title}</li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function Tags({ tags, byId, participants, organisations, onSpeaker, onJump, onStance, onToggleQuote, onDelete, onReplace, onEdit }: Props & { byId: Map<string, FrameworkItem> }) {
  if (tags.length === 0) return <p className="hint">Select words in the notes and press Alt+1…9 (pinned KLOEs) or Alt+T to tag them.</p>;
  return (
    <ol className="tag-list" aria-label="Tags in order">
      {tags.map((tag) => (
        <li key={tag.id} className={`tag-item stance-${tag.stance}${tag.orphaned ? ' orphaned' : ''}`}>
          <button className="link quote" onClick={() => onJump(tag)} disabled={tag.orphaned} title={tag.orphaned ? 'Its words were deleted' : 'Show in the notes'}>
            “{tag.quote}”
          </button>
          <div className="tag-kloes">
            {tag.kloeIds.map((id) => byId.get(id)?.code ?? '?').join(', ')}
            {tag.isQuote && <span className="badge">Quote</span>}
          </div>
          {participants.length > 1 && (
            <label className="tag-speaker">
              Said by{' '}
              <select aria-label="Who said it" value={tag.speakerId ?? ''} onChange={(e) => onSpeaker(tag, e.target.value || null)}>
                {participants.map((p) => (
                  <option key={p.id} value={p.id}>
                    {speakerOption(p, organisations)}
                  </option>
                ))}
                <option value="">Several, or not recorded</option>
              </select>
            </label>
          )}
          {tag.orphaned && (
            <div className="warning-text">Words deleted — re-place or remove. Not counted as evidence until its words are back: select them and choose Re-place.</div>
          )}
          {tag.comment && <div className="hint">{tag.comment}</div>}
          <div className="tag-actions">
            {STANCES.map((s: Stance) => (
              <button key={s} className={`small stance-button${tag.stance === s ? ' active' : ''}`} aria-pressed={tag.stance === s} onClick={() => onStance(tag, s)}>
                {STANCE_LABELS[s]}
              </button>
            ))}
            <button className="small" aria-pressed={tag.isQuote} onClick={() => onToggleQuote(tag)}>
              Quote
            </button>
            <button className="small" onClick={() => onEdit(tag)}>
              Edit…
            </button>
            {tag.orphaned && (
              <button className="small primary" onClick={() => onReplace(tag)}>
                Re-place on selection
              </button>
            )}
            <button className="small danger" onClick={() => onDelete(tag)}>
              Remove
            </button>
          </div>
        </li>
      ))}
    </ol>
  );
}

function Pins({ taggable, pins, onPins }: Props) {
  const byId = new Map(taggable.map((item) => [item.id, item]));
  return (
    <div className="pins">
      <p className="hint">Alt+1…9 tags the selected words with the KLOE pinned to that number.</p>
      <ol>
        {pins.map((id, index) => (
          <li key={id}>
            <kbd>Alt+{index + 1}</kbd> {byId.get(id)?.code} {byId.get(id)?.title}
            <button className="small" onClick={() => onPins(pins.filter((p) => p !== id))}>
              Unpin
            </button>
          </li>
        ))}
      </ol>
      {pins.length < 9 && (
        <select aria-label="Pin a KLOE" value="" onChange={(e) => e.target.value && onPins([...pins, e.target.value])}>
          <option value="">Pin a KLOE…</option>
          {taggable
            .filter((item) => !pins.includes(item.id))
            .map((item) => (
              <option key={item.id} value={item.id}>
                {item.code} {item.title}
              </option>
            ))}
        </select>
      )}
    </div>
  );
}
