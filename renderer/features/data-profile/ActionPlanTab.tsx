import { Fragment, useState } from 'react';
import { formatDate } from '../../../shared/dates';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import { TABLE_IMPORT_MAX_BYTES, type TableImportResult } from '../../../shared/data-profile/contract';
import {
  ACTION_PRIORITIES,
  ACTION_PRIORITY_LABELS,
  ACTION_STATUS_LABELS,
  ACTION_STATUSES,
  type ActionItem,
  type ActionPlan,
  type ActionPriority,
  type ActionStatus,
} from '../../../shared/data-profile/domain';
import { api, messageOf } from '../../api/client';
import { useApiQuery } from '../../api/useApiQuery';
import { Dialog } from '../../ui/Dialog';
import { fileToBase64, withinLimit } from '../../ui/files';
import { FilePickButton } from '../../ui/FilePickButton';
import { ImportReport } from '../../ui/ImportReport';
import { notify, notifyError, reportError } from '../../ui/toasts';

type Fields = { themeId: string; priority: ActionPriority; action: string; ownerIds: string[]; due: string | null; status: ActionStatus };
const fieldsOf = (item: ActionItem): Fields => ({
  themeId: item.themeId,
  priority: item.priority,
  action: item.action,
  ownerIds: item.owners.map((o) => o.id),
  due: item.due,
  status: item.status,
});

function ActionDialog({
  detail,
  plan,
  item,
  onSaved,
  onClose,
}: {
  detail: ReviewDetail;
  plan: ActionPlan;
  item: ActionItem | null;
  onSaved: (next: ActionPlan) => void;
  onClose: () => void;
}) {
  const [fields, setFields] = useState<Fields>(
    item ? fieldsOf(item) : { themeId: plan.themes[0]?.id ?? '', priority: 'strategic', action: '', ownerIds: [], due: null, status: 'not_started' },
  );
  const [error, setError] = useState('');
  const set = (patch: Partial<Fields>) => setFields((f) => ({ ...f, ...patch }));
  const save = async () => {
    try {
      onSaved(await api.saveAction({ reviewId: detail.review.id, ...(item ? { actionId: item.id } : {}), ...fields }));
      onClose();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <Dialog title={item ? `Edit ${item.ref}` : 'Add an action'} onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          Theme{' '}
          <select value={fields.themeId} onChange={(e) => set({ themeId: e.target.value })}>
            {plan.themes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Priority{' '}
          <select value={fields.priority} onChange={(e) => set({ priority: e.target.value as ActionPriority })}>
            {ACTION_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {ACTION_PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Action <textarea autoFocus rows={3} value={fields.action} onChange={(e) => set({ action: e.target.value })} />
        </label>
        <fieldset className="owners">
          <legend>Owners</legend>
          {detail.organisations.map((o) => (
            <label key={o.id} className="checkbox">
              <input
                type="checkbox"
                checked={fields.ownerIds.includes(o.id)}
                onChange={(e) => set({ ownerIds: e.target.checked ? [...fields.ownerIds, o.id] : fields.ownerIds.filter((id) => id !== o.id) })}
              />{' '}
              {o.shortName}
            </label>
          ))}
        </fieldset>
        <label>
          Due <input type="date" value={fields.due ?? ''} onChange={(e) => set({ due: e.target.value || null })} />
        </label>
        <label>
          Status{' '}
          <select value={fields.status} onChange={(e) => set({ status: e.target.value as ActionStatus })}>
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ACTION_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            {item ? 'Save' : 'Add action'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Dated progress on one action, citing evidence by its code (E012). */
function Progress({ item, today, reviewId, onSaved }: { item: ActionItem; today: string; reviewId: string; onSaved: (next: ActionPlan) => void }) {
  const [date, setDate] = useState(today);
  const [text, setText] = useState('');
  const [cites, setCites] = useState('');
  const add = async () => {
    const codes = cites
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map((c) => c.toUpperCase());
    try {
      // The codes are looked up in the database: the screen does not hold the whole log.
      const evidence = codes.length > 0 ? (await api.listEvidencePage({ reviewId, codes, limit: codes.length })).items : [];
      const idOf = (code: string) => evidence.find((e) => e.code === code || Number(e.code.slice(1)) === Number(code.slice(1)))?.id;
      const unknown = codes.filter((code) => !idOf(code));
      if (unknown.length > 0) return notifyError(`No evidence item ${unknown.join(', ')} in this review.`);
      onSaved(await api.addActionProgress({ actionId: item.id, date, text, evidenceIds: codes.map((code) => idOf(code) ?? '') }));
      setText('');
      setCites('');
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <div className="progress-notes">
      {item.progress.length === 0 && <p className="hint">No progress recorded yet.</p>}
      <ul>
        {item.progress.map((p) => (
          <li key={p.id}>
            <span className="date">{formatDate(p.date)}</span> {p.text}
            {p.evidence.map((e) => (
              <span key={e.id} className="badge" title={e.title}>
                {e.code}
              </span>
            ))}
            <span className="hint"> · {p.updatedBy}</span>
          </li>
        ))}
      </ul>
      <div className="add-progress">
        <input type="date" aria-label={`Progress date (${item.ref})`} value={date} onChange={(e) => setDate(e.target.value)} />
        <input
          className="grow"
          aria-label={`Progress note (${item.ref})`}
          placeholder="What has happened"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void add()}
        />
        <input
          aria-label={`Cite evidence (${item.ref})`}
          placeholder="Evidence, e.g. E012"
          value={cites}
          onChange={(e) => setCites(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void add()}
        />
        <button onClick={() => void add()}>Add progress</button>
      </div>
    </div>
  );
}

/** The system's action plan: counts by theme and status, the actions, their progress. */
export function ActionPlanTab({ detail }: { detail: ReviewDetail }) {
  const reviewId = detail.review.id;
  const { data: plan, set: setPlan, reload: load } = useApiQuery(() => api.getActionPlan({ reviewId }), [reviewId]);
  const [editing, setEditing] = useState<ActionItem | 'new' | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [status, setStatus] = useState<ActionStatus | ''>('');
  const [imported, setImported] = useState<{ result: TableImportResult; file: File } | null>(null);

  const importFile = async (file: File, skipInvalid: boolean) => {
    try {
      const result = await api.importActions({ reviewId, fileName: file.name, dataBase64: await fileToBase64(file), skipInvalid });
      setImported({ result, file });
      if (result.imported) load();
    } catch (error) {
      reportError(error);
    }
  };
  const setItemStatus = async (item: ActionItem, next: ActionStatus) => {
    try {
      setPlan(await api.saveAction({ reviewId, actionId: item.id, ...fieldsOf(item), status: next }));
    } catch (error) {
      reportError(error);
    }
  };
  const remove = async (item: ActionItem) => {
    try {
      setPlan(await api.removeAction({ actionId: item.id }));
      notify(`${item.ref} removed`, () => void api.removeAction({ actionId: item.id, removed: false }).then(setPlan, reportError));
    } catch (error) {
      reportError(error);
    }
  };
  if (!plan) return <p className="hint">Loading the action plan…</p>;
  const shown = plan.items.filter((item) => !status || item.effectiveStatus === status);
  const total = plan.items.length;

  return (
    <div className="action-plan">
      <section className="card">
        <header className="card-header">
          <div>
            <h2>Action plan</h2>
            <p className="hint">
              {total} actions · {plan.totals.overdue} overdue · {plan.totals.complete} complete · overdue is worked out from the due date ({plan.today})
            </p>
          </div>
          <div className="actions">
            <FilePickButton
              label="Import CSV or XLSX…"
              accept=".csv,.xlsx,text/csv"
              inputLabel="Action plan file"
              onFile={(file) => withinLimit(file, TABLE_IMPORT_MAX_BYTES, 'an action plan import') && void importFile(file, false)}
            />
            <button onClick={() => setEditing('new')} disabled={plan.themes.length === 0}>
              Add action
            </button>
          </div>
        </header>
        <table className="table status-by-theme" aria-label="Actions by theme and status">
          <thead>
            <tr>
              <th>Theme</th>
              {ACTION_STATUSES.map((s) => (
                <th key={s} className="num">
                  {ACTION_STATUS_LABELS[s]}
                </th>
              ))}
              <th className="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {plan.themes.map((theme) => (
              <tr key={theme.id}>
                <td>{theme.title}</td>
                {ACTION_STATUSES.map((s) => (
                  <td key={s} className={`num ${theme.counts[s] > 0 ? `status-${s}` : 'zero'}`}>
                    {theme.counts[s] || '·'}
                  </td>
                ))}
                <td className="num">{ACTION_STATUSES.reduce((sum, s) => sum + theme.counts[s], 0)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>All themes</th>
              {ACTION_STATUSES.map((s) => (
                <th key={s} className="num">
                  {plan.totals[s]}
                </th>
              ))}
              <th className="num">{total}</th>
            </tr>
          </tfoot>
        </table>
      </section>
      <section className="card">
        <header className="card-header">
          <h3>Actions</h3>
          <select aria-label="Show actions with status" value={status} onChange={(e) => setStatus(e.target.value as ActionStatus | '')}>
            <option value="">All statuses</option>
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ACTION_STATUS_LABELS[s]} ({plan.totals[s]})
              </option>
            ))}
          </select>
        </header>
        {total === 0 && (
          <p className="hint">No actions yet: import the system’s plan (CSV or XLSX with columns theme, priority, action, owner, due, status) or add them one by one.</p>
        )}
        {plan.themes.map((theme) => {
          const items = shown.filter((item) => item.themeId === theme.id);
          if (items.length === 0) return null;
          return (
            <div key={theme.id} className="theme-actions">
              <h4>{theme.title}</h4>
              <table className="table actions-table">
                <tbody>
                  {items.map((item) => (
                    <Fragment key={item.id}>
                      <tr>
                        <td className="code">{item.ref}</td>
                        <td>
                          <span className={`badge priority-${item.priority}`}>{ACTION_PRIORITY_LABELS[item.priority]}</span>
                        </td>
                        <td className="grow">{item.action}</td>
                        <td>{item.owners.map((o) => o.shortName).join(', ')}</td>
                        <td className="date">{item.due ? formatDate(item.due) : '—'}</td>
                        <td>
                          <select
                            aria-label={`Status of ${item.ref}`}
                            className={`status-${item.effectiveStatus}`}
                            value={item.status}
                            onChange={(e) => void setItemStatus(item, e.target.value as ActionStatus)}
                          >
                            {ACTION_STATUSES.map((s) => (
                              <option key={s} value={s}>
                                {ACTION_STATUS_LABELS[s]}
                              </option>
                            ))}
                          </select>
                          {item.effectiveStatus !== item.status && <span className={`badge status-${item.effectiveStatus}`}>{ACTION_STATUS_LABELS[item.effectiveStatus]}</span>}
                        </td>
                        <td className="row-actions">
                          <button className="small" aria-expanded={open === item.id} onClick={() => setOpen(open === item.id ? null : item.id)}>
                            Progress ({item.progress.length})
                          </button>
                          <button className="small" onClick={() => setEditing(item)}>
                            Edit
                          </button>
                          <button className="small" aria-label={`Remove ${item.ref}`} onClick={() => void remove(item)}>
                            Remove
                          </button>
                        </td>
                      </tr>
                      {open === item.id && (
                        <tr>
                          <td colSpan={7}>
                            <Progress item={item} today={plan.today} reviewId={reviewId} onSaved={setPlan} />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </div>
          );
        })}
      </section>
      {editing && <ActionDialog detail={detail} plan={plan} item={editing === 'new' ? null : editing} onSaved={setPlan} onClose={() => setEditing(null)} />}
      {imported && (
        <ImportReport
          title="Action plan import"
          fileName={imported.file.name}
          result={imported.result}
          counts={`${imported.result.added} actions added, ${imported.result.updated} updated, ${imported.result.unchanged} unchanged`}
          onImportValid={() => void importFile(imported.file, true)}
          onClose={() => setImported(null)}
        />
      )}
    </div>
  );
}
