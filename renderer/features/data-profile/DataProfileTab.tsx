import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import { TABLE_IMPORT_MAX_BYTES, type TableImportResult } from '../../../shared/data-profile/contract';
import { flagConflict } from '../../../shared/data-profile/flags';
import { withinLimit } from '../../ui/files';
import { INDICATOR_FLAG_LABELS, INDICATOR_FLAGS, type Indicator, type IndicatorFlag } from '../../../shared/data-profile/domain';
import { api, messageOf } from '../../api/client';
import { downloadPng, svgSource } from '../../ui/charts';
import { Dialog } from '../../ui/Dialog';
import { FilePickButton } from '../../ui/FilePickButton';
import { ImportReport } from '../../ui/ImportReport';
import { notify, notifyError, reportError } from '../../ui/toasts';

type Charts = { indicators: Array<{ code: string; image: string }>; profile: string };

const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text.replace(/[%,\s]/g, '')));

/** One period's figures typed in: Enter in any box adds them (an existing period is updated). */
function AddFigures({ indicator, onSaved }: { indicator: Indicator; onSaved: (next: Indicator[]) => void }) {
  const [period, setPeriod] = useState('');
  const [area, setArea] = useState('');
  const [england, setEngland] = useState('');
  const [comparator, setComparator] = useState('');
  const [flag, setFlag] = useState<IndicatorFlag | ''>('');
  const first = useRef<HTMLInputElement>(null);
  const submit = async () => {
    const values = { area: numberOrNull(area), england: numberOrNull(england), comparator: numberOrNull(comparator) };
    if (values.area === null || Number.isNaN(values.area)) return notifyError('Enter the area’s figure as a number.');
    if (Number.isNaN(values.england) || Number.isNaN(values.comparator)) return notifyError('England and comparator figures must be numbers (or left blank).');
    try {
      onSaved(await api.saveIndicatorValue({ indicatorId: indicator.id, period, area: values.area, england: values.england, comparator: values.comparator, flag: flag || null }));
      setPeriod('');
      setArea('');
      setEngland('');
      setComparator('');
      setFlag('');
      first.current?.focus();
    } catch (error) {
      reportError(error);
    }
  };
  const box = (label: string, value: string, set: (v: string) => void, ref?: RefObject<HTMLInputElement | null>) => (
    <input
      ref={ref}
      aria-label={`${label} (${indicator.code})`}
      placeholder={label}
      value={value}
      onChange={(e) => set(e.target.value)}
      onKeyDown={(e) => e.key === 'Enter' && void submit()}
    />
  );
  return (
    <div className="add-figures">
      {box('Period, e.g. 2018 Q3', period, setPeriod, first)}
      {box('Area', area, setArea)}
      {box('England', england, setEngland)}
      {box('Comparator', comparator, setComparator)}
      <select aria-label={`Flag (${indicator.code})`} value={flag} onChange={(e) => setFlag(e.target.value as IndicatorFlag | '')}>
        <option value="">No flag</option>
        {INDICATOR_FLAGS.map((f) => (
          <option key={f} value={f}>
            {INDICATOR_FLAG_LABELS[f]}
          </option>
        ))}
      </select>
      <button onClick={() => void submit()}>Add figures</button>
    </div>
  );
}

function IndicatorCard({ indicator, chart, onChanged }: { indicator: Indicator; chart: string | undefined; onChanged: (next: Indicator[]) => void }) {
  const remove = async (valueId: string, period: string) => {
    try {
      onChanged(await api.removeIndicatorValue({ valueId }));
      notify(`${indicator.code} ${period} removed`, () => void api.removeIndicatorValue({ valueId, removed: false }).then(onChanged, reportError));
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <section className="card indicator" aria-label={indicator.name}>
      <header className="card-header">
        <div>
          <h3>
            <span className="code">{indicator.code}</span> {indicator.name}
          </h3>
          <p className="hint">
            {indicator.unit || 'No unit given'} · {indicator.lowerIsBetter ? 'lower is better' : 'higher is better'}
          </p>
        </div>
      </header>
      {chart && <img className="indicator-chart" src={svgSource(chart)} alt={`Chart of ${indicator.name}: area, England and comparator over time`} />}
      {indicator.values.length > 0 ? (
        <table className="table compact">
          <thead>
            <tr>
              <th>Period</th>
              <th className="num">Area</th>
              <th className="num">England</th>
              <th className="num">Comparator</th>
              <th>Flag</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {indicator.values.map((v) => {
              const conflict = flagConflict(indicator, v);
              return (
                <tr key={v.id}>
                  <td>
                    {v.period}{' '}
                    {v.demo && (
                      <span className="badge" title={v.note}>
                        demo
                      </span>
                    )}
                  </td>
                  <td className="num">{v.area}</td>
                  <td className="num">{v.england ?? '—'}</td>
                  <td className="num">{v.comparator ?? '—'}</td>
                  <td className={v.flag ? `flag ${v.flag}` : ''}>
                    {v.flag ? INDICATOR_FLAG_LABELS[v.flag] : ''}
                    {conflict && (
                      <span className="badge orphan flag-conflict" title={conflict}>
                        Check: {conflict}
                      </span>
                    )}
                  </td>
                  <td>
                    <button className="small" aria-label={`Remove ${indicator.code} ${v.period}`} onClick={() => void remove(v.id, v.period)}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="hint">No figures yet: import a CSV or add them below.</p>
      )}
      <AddFigures indicator={indicator} onSaved={onChanged} />
    </section>
  );
}

function NewIndicator({ reviewId, onSaved, onClose }: { reviewId: string; onSaved: (next: Indicator[]) => void; onClose: () => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');
  const [lowerIsBetter, setLowerIsBetter] = useState(true);
  const [error, setError] = useState('');
  const save = async () => {
    try {
      onSaved(await api.saveIndicator({ reviewId, code, name, unit, lowerIsBetter }));
      onClose();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <Dialog title="Add an indicator" onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          Code <input autoFocus value={code} onChange={(e) => setCode(e.target.value)} placeholder="e.g. SELF65" />
        </label>
        <label>
          Name <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. People funding their own care" />
        </label>
        <label>
          Unit <input value={unit} onChange={(e) => setUnit(e.target.value)} placeholder="e.g. % of care home residents" />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={lowerIsBetter} onChange={(e) => setLowerIsBetter(e.target.checked)} /> Lower is better
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
            Add indicator
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The local data profile: indicators against England and comparators, as the report's figures. */
export function DataProfileTab({ detail }: { detail: ReviewDetail }) {
  const reviewId = detail.review.id;
  const [indicators, setIndicators] = useState<Indicator[] | null>(null);
  const [charts, setCharts] = useState<Charts | null>(null);
  const [adding, setAdding] = useState(false);
  const [imported, setImported] = useState<{ result: TableImportResult; text: string; name: string } | null>(null);
  const load = useCallback(() => api.listIndicators({ reviewId }).then(setIndicators, reportError), [reviewId]);
  useEffect(() => void load(), [load]);
  // Charts follow the figures: redrawn whenever the indicators change.
  useEffect(() => {
    if (!indicators) return;
    api.getIndicatorCharts({ reviewId }).then(setCharts, reportError);
  }, [reviewId, indicators]);

  const importText = async (name: string, text: string, skipInvalid: boolean) => {
    try {
      const result = await api.importIndicatorsCsv({ reviewId, fileName: name, text, skipInvalid });
      setImported({ result, text, name });
      if (result.imported) void load();
    } catch (error) {
      reportError(error);
    }
  };
  const downloadProfile = () => api.getIndicatorCharts({ reviewId, format: 'png' }).then((png) => downloadPng(png.profile, 'data-profile.png'), reportError);
  const figures = indicators?.reduce((sum, i) => sum + i.values.length, 0) ?? 0;

  return (
    <div className="profile">
      <section className="card">
        <header className="card-header">
          <div>
            <h2>Data profile</h2>
            <p className="hint">{indicators ? `${indicators.length} indicators · ${figures} figures` : 'Loading…'} · area against England and comparator areas, by period</p>
          </div>
          <div className="actions">
            <FilePickButton
              label="Import CSV…"
              accept=".csv,text/csv"
              inputLabel="Indicator CSV file"
              onFile={(file) => withinLimit(file, TABLE_IMPORT_MAX_BYTES, 'an indicator import') && void file.text().then((text) => importText(file.name, text, false))}
            />
            <button onClick={() => setAdding(true)}>Add indicator</button>
          </div>
        </header>
        {charts && figures > 0 && (
          <details className="profile-page">
            <summary>One-page profile for the report</summary>
            <img src={svgSource(charts.profile)} alt="All indicators on one page" />
            <button className="small" onClick={() => void downloadProfile()}>
              Download PNG
            </button>
          </details>
        )}
      </section>
      {indicators?.map((indicator) => (
        <IndicatorCard key={indicator.id} indicator={indicator} chart={charts?.indicators.find((c) => c.code === indicator.code)?.image} onChanged={setIndicators} />
      ))}
      {adding && <NewIndicator reviewId={reviewId} onSaved={setIndicators} onClose={() => setAdding(false)} />}
      {imported && (
        <ImportReport
          title="Indicator import"
          fileName={imported.name}
          result={imported.result}
          counts={`${imported.result.added} figures added, ${imported.result.updated} updated, ${imported.result.unchanged} unchanged`}
          onImportValid={() => void importText(imported.name, imported.text, true)}
          onClose={() => setImported(null)}
        />
      )}
    </div>
  );
}
