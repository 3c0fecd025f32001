import { ACTION_PRIORITIES, ACTION_STATUSES } from '../../../shared/data-profile/domain';
import type { Store } from '../../store/store';
import { actionThemes } from '../data-profile/action-plan';
import { ensureIndicators } from '../data-profile/indicators';

/**
 * The generated review's data profile and action plan: quarterly figures for every default
 * indicator (financial years from 2013/14, each a random walk around its England average) and an
 * action plan spread over the review's themes, a third of it with progress citing evidence.
 */
const WORK = [
  'Agree a shared plan for',
  'Commission more capacity in',
  'Review the pathway for',
  'Recruit to vacancies in',
  'Publish clear information about',
  'Pool budgets for',
  'Set up a joint board for',
  'Train staff in',
];
const AREAS = [
  'hospital discharge',
  'reablement',
  'home care',
  'the care market',
  'winter pressures',
  'carers support',
  'housing adaptations',
  'self-funders advice',
  'step-down beds',
  'information sharing',
];

export function generateProfile(
  store: Store,
  reviewId: string,
  shape: { quarters: number; actions: number },
  random: () => number,
  id: () => string,
  organisations: string[],
): { indicatorValues: number; actions: number } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  ensureIndicators(store, reviewId);
  const indicators = store.prepare('SELECT id, lower_is_better FROM indicators WHERE review_id = ? AND deleted = 0 ORDER BY position').all(reviewId) as Array<{
    id: string;
    lower_is_better: number;
  }>;
  const themes = actionThemes(store, reviewId);
  const evidence = (store.prepare('SELECT id FROM evidence WHERE review_id = ? ORDER BY ref_number LIMIT 200').all(reviewId) as Array<{ id: string }>).map((e) => e.id);
  let indicatorValues = 0;
  store.write((stamp) => {
    const sync = [stamp.hlc, stamp.updatedBy, stamp.device] as const;
    const addValue = store.prepare(
      'INSERT INTO indicator_values (id, review_id, indicator_id, period, period_start, period_months, area, england, comparator, flag, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, 3, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const indicator of indicators) {
      const base = 10 + random() * 200;
      let area = base * (0.8 + random() * 0.4);
      for (let q = 0; q < shape.quarters; q += 1) {
        const year = 2013 + Math.floor(q / 4);
        const quarter = (q % 4) + 1;
        const month = 4 + (quarter - 1) * 3;
        const start = month > 12 ? `${year + 1}-${String(month - 12).padStart(2, '0')}` : `${year}-${String(month).padStart(2, '0')}`;
        const england = base * (1 + 0.03 * Math.sin(q / 2));
        area = Math.max(0.1, area + (random() - 0.5) * base * 0.08);
        const comparator = england * (0.95 + random() * 0.1);
        const gap = (area - england) / england;
        const worse = indicator.lower_is_better === 1 ? gap > 0.08 : gap < -0.08;
        const better = indicator.lower_is_better === 1 ? gap < -0.08 : gap > 0.08;
        const round = (n: number) => Math.round(n * 10) / 10;
        addValue.run(
          id(),
          reviewId,
          indicator.id,
          `${year}/${String((year + 1) % 100).padStart(2, '0')} Q${quarter}`,
          start,
          round(area),
          round(england),
          round(comparator),
          worse ? 'worse' : better ? 'better' : 'similar',
          ...sync,
        );
        indicatorValues += 1;
      }
    }
    const addAction = store.prepare(
      'INSERT INTO action_items (id, review_id, ref_number, theme_item_id, priority, action, owner_ids, due, status, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const addProgress = store.prepare(
      'INSERT INTO action_progress (id, review_id, action_id, note_date, text, evidence_ids, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (let a = 0; a < shape.actions; a += 1) {
      const actionId = id();
      const owners = [...new Set([pick(organisations), pick(organisations)])];
      const due = `${2018 + Math.floor(random() * 3)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-28`;
      addAction.run(
        actionId,
        reviewId,
        a + 1,
        themes[a % themes.length]?.id ?? '',
        pick(ACTION_PRIORITIES),
        `${pick(WORK)} ${pick(AREAS)} (${a + 1})`,
        JSON.stringify(owners),
        due,
        pick(ACTION_STATUSES),
        ...sync,
      );
      if (a % 3 === 0)
        addProgress.run(
          id(),
          reviewId,
          actionId,
          '2018-11-06',
          `Progress reported to the system board on ${pick(AREAS)}.`,
          JSON.stringify(evidence.length ? [pick(evidence)] : []),
          ...sync,
        );
    }
  });
  return { indicatorValues, actions: shape.actions };
}
