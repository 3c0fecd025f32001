import { useEffect } from 'react';
import { REVIEW_KIND_LABELS } from '../../../shared/reviews/domain';
import { useRouter, type WorkspaceTab } from '../../app/router';
import { formatDates } from '../../ui/format';
import { FrameworkTab } from '../frameworks/FrameworkTab';
import { PassagesTab } from '../sessions/PassagesTab';
import { EvidenceTab } from '../evidence/EvidenceTab';
import { MatrixTab } from '../evidence/MatrixTab';
import { ScoresTab } from '../evidence/ScoresTab';
import { AuditTab } from '../relational-audit/AuditTab';
import { ActionPlanTab } from '../data-profile/ActionPlanTab';
import { ProfileTab } from '../data-profile/DataProfileTab';
import { FindingsTab } from '../findings/FindingsTab';
import { ExchangeTab } from '../exchange/ExchangeTab';
import { SearchBox } from '../search/SearchBox';
import { SessionsTab } from '../sessions/SessionsTab';
import { OrganisationsTab } from './OrganisationsTab';
import { OverviewTab } from './OverviewTab';
import { TeamTab } from './TeamTab';
import { useWorkspace } from './workspaceStore';

const SAF_KINDS = new Set(['saf_provider', 'saf_local_authority']);

const TABS: Array<{ id: WorkspaceTab; label: string }> = [
  { id: 'overview', label: 'Overview' },
  { id: 'team', label: 'Team' },
  { id: 'organisations', label: 'Organisations' },
  { id: 'framework', label: 'Framework' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'passages', label: 'KLOE passages' },
  { id: 'evidence', label: 'Evidence' },
  { id: 'matrix', label: 'Matrix' },
  { id: 'scores', label: 'Scores' },
  { id: 'audit', label: 'Relational audit' },
  { id: 'profile', label: 'Data profile' },
  { id: 'actions', label: 'Action plan' },
  { id: 'findings', label: 'Findings' },
  { id: 'exchange', label: 'Exchange' },
];

export function Workspace({ reviewId, tab, focus }: { reviewId: string; tab: WorkspaceTab; focus?: string | undefined }) {
  const { detail, error, open } = useWorkspace();
  const go = useRouter((state) => state.go);
  useEffect(() => {
    void open(reviewId);
  }, [open, reviewId]);

  if (error) {
    return (
      <main className="page">
        <p className="error-banner">{error}</p>
        <button onClick={() => go({ name: 'home' })}>Back to reviews</button>
      </main>
    );
  }
  if (!detail || detail.review.id !== reviewId) return <main className="page"><p className="hint">Opening review…</p></main>;
  const { review } = detail;
  const counts: Partial<Record<WorkspaceTab, number>> = {
    team: detail.team.length,
    organisations: detail.organisations.length,
    framework: detail.framework.filter((item) => !item.retired).length,
  };
  return (
    <main className="page">
      <header className="review-header">
        <div>
          <h1>
            {review.title}
            {review.archived && <span className="badge">Archived</span>}
          </h1>
          <p className="subtitle">
            {REVIEW_KIND_LABELS[review.kind]} · {review.area} · {formatDates(review.visitStart, review.visitEnd)}
          </p>
        </div>
        <SearchBox reviewId={reviewId} framework={detail.framework} />
      </header>
      <nav className="tabs" role="tablist" aria-label="Review sections">
        {TABS.filter((t) => t.id !== 'scores' || SAF_KINDS.has(review.kind)).map((t) => (
          <button key={t.id} role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'tab active' : 'tab'} onClick={() => go({ name: 'review', reviewId, tab: t.id })}>
            {t.label}
            {counts[t.id] !== undefined && <span className="count">{counts[t.id]}</span>}
          </button>
        ))}
      </nav>
      <section role="tabpanel" className="tab-panel">
        {tab === 'overview' && <OverviewTab key={review.id} detail={detail} />}
        {tab === 'team' && <TeamTab detail={detail} />}
        {tab === 'organisations' && <OrganisationsTab detail={detail} />}
        {tab === 'framework' && <FrameworkTab detail={detail} />}
        {tab === 'sessions' && <SessionsTab detail={detail} />}
        {tab === 'passages' && <PassagesTab detail={detail} />}
        {tab === 'evidence' && <EvidenceTab detail={detail} focus={focus} />}
        {tab === 'matrix' && <MatrixTab detail={detail} />}
        {tab === 'scores' && <ScoresTab detail={detail} />}
        {tab === 'audit' && <AuditTab detail={detail} />}
        {tab === 'profile' && <ProfileTab key={review.id} detail={detail} />}
        {tab === 'actions' && <ActionPlanTab key={review.id} detail={detail} />}
        {tab === 'findings' && <FindingsTab key={review.id} detail={detail} />}
        {tab === 'exchange' && <ExchangeTab key={review.id} detail={detail} />}
      </section>
    </main>
  );
}
