import { useEffect } from 'react';
import { formatDates } from '../../shared/dates';
import { REVIEW_KIND_LABELS } from '../../shared/reviews/domain';
import { useRouter, type WorkspaceTab } from './router';

import { FrameworkTab } from '../features/frameworks';
import { PassagesTab } from '../features/sessions';
import { EvidenceTab } from '../features/evidence';
import { MatrixTab } from '../features/evidence';
import { ScoresTab } from '../features/evidence';
import { AuditTab } from '../features/relational-audit';
import { ActionPlanTab } from '../features/data-profile';
import { DataProfileTab } from '../features/data-profile';
import { FindingsTab } from '../features/findings';
import { ExchangeTab } from '../features/exchange';
import { SearchBox } from '../features/search';
import { SessionsTab } from '../features/sessions';
import { OrganisationsTab } from '../features/reviews';
import { OverviewTab } from '../features/reviews';
import { TeamTab } from '../features/reviews';
import { useWorkspace } from '../features/reviews';
import { TabList, tabPanelProps } from '../ui/Tabs';

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
  { id: 'relational-audit', label: 'Relational audit' },
  { id: 'data-profile', label: 'Data profile' },
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
  if (!detail || detail.review.id !== reviewId)
    return (
      <main className="page">
        <p className="hint">Opening review…</p>
      </main>
    );
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
      <TabList
        label="Review sections"
        idPrefix="review"
        tabs={TABS.filter((t) => t.id !== 'scores' || SAF_KINDS.has(review.kind)).map((t) => ({
          id: t.id,
          label: (
            <>
              {t.label}
              {counts[t.id] !== undefined && <span className="count">{counts[t.id]}</span>}
            </>
          ),
        }))}
        selected={tab}
        onSelect={(id) => go({ name: 'review', reviewId, tab: id })}
      />
      <section {...tabPanelProps('review', tab)} className="tab-panel">
        {tab === 'overview' && <OverviewTab key={review.id} detail={detail} />}
        {tab === 'team' && <TeamTab detail={detail} />}
        {tab === 'organisations' && <OrganisationsTab detail={detail} />}
        {tab === 'framework' && <FrameworkTab detail={detail} />}
        {tab === 'sessions' && <SessionsTab detail={detail} />}
        {tab === 'passages' && <PassagesTab detail={detail} />}
        {tab === 'evidence' && <EvidenceTab detail={detail} focus={focus} />}
        {tab === 'matrix' && <MatrixTab detail={detail} />}
        {tab === 'scores' && <ScoresTab detail={detail} />}
        {tab === 'relational-audit' && <AuditTab detail={detail} />}
        {tab === 'data-profile' && <DataProfileTab key={review.id} detail={detail} />}
        {tab === 'actions' && <ActionPlanTab key={review.id} detail={detail} />}
        {tab === 'findings' && <FindingsTab key={review.id} detail={detail} />}
        {tab === 'exchange' && <ExchangeTab key={review.id} detail={detail} />}
      </section>
    </main>
  );
}
