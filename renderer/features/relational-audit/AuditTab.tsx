import { useCallback, useEffect, useState } from 'react';
import { HEAT_CLASSES, heatClass } from '../../../shared/relational-audit/heat-scale';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import { AUDIT_IMPORT_MAX_BYTES, type AuditImportResult, type AuditSummary } from '../../../shared/relational-audit/contract';
import { withinLimit } from '../../ui/files';
import { AUDIT_DOMAIN_LABELS, AUDIT_DOMAINS, type AuditDomain, type AuditStatement } from '../../../shared/relational-audit/domain';
import { api } from '../../api/client';
import { FilePickButton } from '../../ui/FilePickButton';
import { ImportReport } from '../../ui/ImportReport';
import { downloadPng, svgSource } from '../../ui/charts';
import { reportError } from '../../ui/toasts';
import { AuditEntry } from './AuditEntry';
import { QuestionnaireEditor } from './QuestionnaireEditor';

const ROLE_TEXT = { system_leader: 'System leaders', frontline: 'Frontline', other: 'Other' } as const;

/** What each colour of the heat map means, beside it (the same classes as the report's chart). */
function HeatLegend() {
  return (
    <figure className="heat-legend">
      <figcaption>Mean rating: 1 strongly disagree, 3 neither, 5 strongly agree</figcaption>
      <ol aria-label="Heat map colours">
        {HEAT_CLASSES.map((c) => (
          <li key={c.label} style={{ background: c.background, color: c.text }}>
            {c.label}
          </li>
        ))}
      </ol>
    </figure>
  );
}

/** The charts as the report will show them: SVG on screen, PNG to download. */
function AuditCharts({ reviewId, domain, version }: { reviewId: string; domain: AuditDomain | 'all'; version: number }) {
  const [charts, setCharts] = useState<{ heatMap: string; domainBars: string } | null>(null);
  // Drawn only while open: each drawing re-runs the analysis on the service side.
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    api.getAuditCharts({ reviewId, domain }).then(setCharts, reportError);
  }, [reviewId, domain, version, open]);
  const download = (which: 'heatMap' | 'domainBars') =>
    api.getAuditCharts({ reviewId, domain, format: 'png' }).then((png) => downloadPng(png[which], which === 'heatMap' ? 'audit-heat-map.png' : 'audit-domains.png'), reportError);
  const src = svgSource;
  return (
    <details className="audit-charts" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Charts for the report</summary>
      {charts && (
        <div className="chart-row">
          <figure>
            <img src={src(charts.heatMap)} alt="Heat map of how each organisation rates the others" />
            <button className="small" onClick={() => void download('heatMap')}>
              Download PNG
            </button>
          </figure>
          <figure>
            <img src={src(charts.domainBars)} alt="Mean score by domain" />
            <button className="small" onClick={() => void download('domainBars')}>
              Download PNG
            </button>
          </figure>
        </div>
      )}
    </details>
  );
}

/** The relational audit: import, keyboard entry, and the analysis with its heat map. */
export function AuditTab({ detail }: { detail: ReviewDetail }) {
  const reviewId = detail.review.id;
  const [summary, setSummary] = useState<AuditSummary | null>(null);
  const [statements, setStatements] = useState<AuditStatement[]>([]);
  const [domain, setDomain] = useState<AuditDomain | 'all'>('all');
  const [imported, setImported] = useState<{ result: AuditImportResult; text: string; name: string } | null>(null);
  const refresh = useCallback(() => api.getAuditSummary({ reviewId }).then(setSummary, reportError), [reviewId]);
  useEffect(() => {
    api.getAuditQuestionnaire({ reviewId }).then(setStatements, reportError);
    void refresh();
  }, [reviewId, refresh]);

  const importText = async (name: string, text: string, skipInvalid: boolean) => {
    try {
      const result = await api.importAuditCsv({ reviewId, fileName: name, text, skipInvalid });
      setImported({ result, text, name });
      if (result.imported) void refresh();
    } catch (error) {
      reportError(error);
    }
  };
  const orgs = detail.organisations.map((o) => o.shortName).sort();
  const cell = (from: string, to: string) => summary?.matrix.find((m) => m.from === from && m.to === to && m.domain === domain);

  return (
    <div className="audit">
      <section className="card">
        <header className="card-header">
          <div>
            <h2>Relational audit</h2>
            {summary && (
              <p className="hint">
                {summary.respondents} respondents · {summary.answers} answers · cells from fewer than {summary.minRespondents} respondents are suppressed
              </p>
            )}
          </div>
          <div className="actions">
            <FilePickButton
              label="Import CSV…"
              accept=".csv,text/csv"
              inputLabel="Audit CSV file"
              onFile={(file) => withinLimit(file, AUDIT_IMPORT_MAX_BYTES, 'an audit import') && void file.text().then((text) => importText(file.name, text, false))}
            />
          </div>
        </header>
        {summary && (
          <div className="audit-summary">
            <div>
              <h3>Domains</h3>
              {summary.domains.map((d) => (
                <div key={d.domain} className="domain-bar">
                  <span className="label">{AUDIT_DOMAIN_LABELS[d.domain]}</span>
                  <span className="bar">
                    <span style={{ width: `${d.mean === null ? 0 : ((d.mean - 1) / 4) * 100}%` }} />
                  </span>
                  <span className="value">{d.mean ?? '—'}</span>
                </div>
              ))}
              <p className="hint">
                Best: {summary.best.join(', ') || '—'} · Worst: {summary.worst.join(', ') || '—'}
              </p>
            </div>
            <div>
              <h3>
                How each organisation rates the others{' '}
                <select aria-label="Heat map domain" value={domain} onChange={(e) => setDomain(e.target.value as AuditDomain | 'all')}>
                  <option value="all">All domains</option>
                  {AUDIT_DOMAINS.map((d) => (
                    <option key={d} value={d}>
                      {AUDIT_DOMAIN_LABELS[d]}
                    </option>
                  ))}
                </select>
              </h3>
              <table className="heat-map" aria-label="Heat map">
                <thead>
                  <tr>
                    <th>Rater ↓ / rated →</th>
                    {orgs.map((o) => (
                      <th key={o}>{o}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {orgs.map((from) => (
                    <tr key={from}>
                      <th scope="row">{from}</th>
                      {orgs.map((to) => {
                        const c = cell(from, to);
                        if (!c)
                          return (
                            <td key={to} className="empty">
                              ·
                            </td>
                          );
                        if (c.suppressed)
                          return (
                            <td key={to} className="suppressed" title={`${c.respondents} respondents: too few to show`}>
                              suppressed
                            </td>
                          );
                        const colour = heatClass(c.mean ?? 3);
                        return (
                          <td key={to} style={{ background: colour.background, color: colour.text }} title={`${c.n} answers from ${c.respondents} respondents`}>
                            {c.mean?.toFixed(2)}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
              <HeatLegend />
            </div>
          </div>
        )}
        {summary && summary.answers > 0 && <AuditCharts reviewId={reviewId} domain={domain} version={summary.answers} />}
        {summary && summary.answers > 0 && (
          <details className="audit-details">
            <summary>By role and by statement</summary>
            <table className="table" aria-label="Domain means by role">
              <thead>
                <tr>
                  <th>Role</th>
                  {AUDIT_DOMAINS.map((d) => (
                    <th key={d} className="num">
                      {AUDIT_DOMAIN_LABELS[d]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {summary.byRole.map(({ role, respondents }) => (
                  <tr key={role}>
                    <td>
                      {ROLE_TEXT[role]} <span className="hint">({respondents})</span>
                    </td>
                    {AUDIT_DOMAINS.map((d) => {
                      const cell = summary.domainsByRole.find((x) => x.role === role && x.domain === d);
                      return (
                        <td key={d} className="num">
                          {cell?.mean ?? '—'} <span className="hint">n={cell?.n ?? 0}</span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="table" aria-label="Statements">
              <thead>
                <tr>
                  <th>Statement</th>
                  <th className="num">Mean</th>
                  <th className="num">n</th>
                  <th>Answers 1 → 5</th>
                </tr>
              </thead>
              <tbody>
                {summary.statements.map((st) => {
                  const total = st.distribution.reduce((a, b) => a + b, 0) || 1;
                  return (
                    <tr key={st.code}>
                      <td>
                        <span className="code">{st.code}</span> {statements.find((x) => x.code === st.code)?.text}
                      </td>
                      <td className="num">{st.mean ?? '—'}</td>
                      <td className="num">{st.n}</td>
                      <td>
                        <span className="distribution" title={st.distribution.join(' / ')}>
                          {st.distribution.map((count, i) => (
                            <span key={i} className={`d${i + 1}`} style={{ width: `${(count / total) * 100}%` }} />
                          ))}
                        </span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </details>
        )}
        {summary && summary.comments.length > 0 && (
          <details className="audit-comments">
            <summary>{summary.comments.length} comments</summary>
            <ul>
              {summary.comments.map((c, i) => (
                <li key={i}>
                  <span className="badge">{AUDIT_DOMAIN_LABELS[c.domain]}</span> {c.organisation} about {c.about}: {c.text}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      <AuditEntry detail={detail} statements={statements} onSaved={() => void refresh()} />
      {summary && (
        <QuestionnaireEditor
          reviewId={reviewId}
          statements={statements}
          minRespondents={summary.minRespondents}
          onChanged={(next) => {
            if (next) setStatements(next);
            void refresh();
          }}
        />
      )}
      {imported && (
        <ImportReport
          title="Audit import"
          fileName={imported.name}
          result={imported.result}
          counts={`${imported.result.answered} answers and ${imported.result.notAnswered} not answered: ${imported.result.answersAdded} added, ${imported.result.answersUpdated} updated, ${imported.result.unchanged} unchanged`}
          onImportValid={() => void importText(imported.name, imported.text, true)}
          onClose={() => setImported(null)}
        />
      )}
    </div>
  );
}
