import { describe, expect, it } from 'vitest';
import { loadFrameworks } from '../../main/resources';
import type { FrameworkSourceItem } from '../../shared/frameworks/domain';
import { TestApp } from '../helpers';

const flat = (items: readonly FrameworkSourceItem[]): FrameworkSourceItem[] => items.flatMap((item) => [item, ...flat(item.children ?? [])]);
const byId = (id: string) => {
  const framework = loadFrameworks().find((f) => f.id === id);
  if (!framework) throw new Error(`missing ${id}`);
  return flat(framework.items);
};

describe('shipped frameworks', () => {
  it('ship the SAF with 5 key questions, 34 quality statements and 6 evidence categories', () => {
    const items = byId('saf-provider');
    expect(items.filter((i) => i.kind === 'key_question').map((i) => i.title)).toEqual(['Safe', 'Effective', 'Caring', 'Responsive', 'Well-led']);
    expect(items.filter((i) => i.kind === 'quality_statement')).toHaveLength(34);
    expect(items.filter((i) => i.kind === 'evidence_category')).toHaveLength(6);
  });

  it('ship the local authority assessment with 4 themes, 9 statements and 4 evidence categories', () => {
    const items = byId('saf-local-authority');
    expect(items.filter((i) => i.kind === 'theme')).toHaveLength(4);
    expect(items.filter((i) => i.kind === 'quality_statement')).toHaveLength(9);
    expect(items.filter((i) => i.kind === 'evidence_category').map((i) => i.title)).not.toContain('Outcomes');
  });

  it("ship the progress review's nine themes and three priority groups from the seed report", () => {
    const items = byId('progress-review');
    expect(items.filter((i) => i.kind === 'theme')).toHaveLength(9);
    expect(items.filter((i) => i.kind === 'priority_group').map((i) => i.title)).toEqual(['Strategic priorities', 'Operational priorities', 'Engagement priorities']);
  });

  it('ship the local system review as journey stages × key questions plus system leadership, our wording marked', () => {
    const items = byId('local-system-review');
    expect(items.filter((i) => i.kind === 'journey_stage')).toHaveLength(3);
    const kloes = items.filter((i) => i.kind === 'kloe');
    expect(kloes).toHaveLength(3 * 4 + 5);
    expect(kloes.filter((i) => i.ours)).toHaveLength(12); // the questions we wrote; leadership areas are CQC's names
    expect(items.filter((i) => i.kind === 'prompt').every((i) => i.ours)).toBe(true);
  });

  it('lists every framework through the API with its item count', async () => {
    const app = new TestApp();
    const frameworks = await app.call('listFrameworks', {});
    expect(frameworks.map((f) => f.id).sort()).toEqual(['local-system-review', 'progress-review', 'saf-local-authority', 'saf-provider']);
    expect(frameworks.every((f) => f.itemCount > 0 && f.provenance.length > 20)).toBe(true);
    app.close();
  });
});

describe('the demo review', () => {
  it("is Oxfordshire's progress review with the seed's organisations, team, themes and figures", async () => {
    const app = new TestApp();
    const detail = await app.call('createDemoReview', {});
    expect(detail.review).toMatchObject({ kind: 'progress_review', area: 'Oxfordshire', visitStart: '2018-11-06', visitEnd: '2018-11-07' });
    expect(detail.organisations.map((o) => o.shortName).sort()).toEqual(['OCC', 'OCCG', 'OHFT', 'OUHFT', 'SCAS']);
    expect(detail.team.map((m) => m.role).sort()).toEqual(['lead_reviewer', 'reviewer', 'specialist_advisor', 'specialist_advisor']);
    expect(detail.framework.filter((i) => i.kind === 'theme').map((i) => i.title)).toContain('Housing – equipment and adaptations');
    for (const figure of ['20.6', '10.3', '16.8', '53.2%']) expect(detail.review.background).toContain(figure);
    const second = await app.call('createDemoReview', {});
    expect(second.review.title).toMatch(/\(2\)$/);
    app.close();
  });
});
