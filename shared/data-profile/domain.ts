import { z } from 'zod';

/** How the area compares with England, as the data profile flags it. */
export const INDICATOR_FLAGS = ['better', 'similar', 'worse'] as const;
export const IndicatorFlag = z.enum(INDICATOR_FLAGS);
export type IndicatorFlag = z.infer<typeof IndicatorFlag>;
export const INDICATOR_FLAG_LABELS: Record<IndicatorFlag, string> = { better: 'Significantly better', similar: 'Similar', worse: 'Significantly worse' };

export const IndicatorCode = z
  .string()
  .trim()
  .min(1, 'Give the indicator a code, e.g. AE65')
  .max(20, 'Keep the code under 20 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'Codes are letters, digits, - and _ (e.g. AE65)');

/** The default indicators as shipped in resources/profile/indicators.json. */
export const IndicatorSource = z.strictObject({
  id: z.string(),
  version: z.number().int(),
  provenance: z.string(),
  indicators: z.array(z.strictObject({ code: IndicatorCode, name: z.string().min(1), unit: z.string(), lowerIsBetter: z.boolean() })).min(1),
});
export type IndicatorSource = z.infer<typeof IndicatorSource>;

export const IndicatorValue = z.object({
  id: z.string(),
  period: z.string(),
  /** First month the period covers ("YYYY-MM"): the sort key. */
  periodStart: z.string(),
  area: z.number(),
  england: z.number().nullable(),
  comparator: z.number().nullable(),
  flag: IndicatorFlag.nullable(),
  /** Figures from the demo review's seed report rather than from a real data profile. */
  demo: z.boolean(),
  note: z.string(),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;

export const Indicator = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  lowerIsBetter: z.boolean(),
  builtIn: z.boolean(),
  /** In time order. */
  values: z.array(IndicatorValue),
});
export type Indicator = z.infer<typeof Indicator>;

// --- the system's action plan ------------------------------------------------------------------

export const ACTION_PRIORITIES = ['strategic', 'operational', 'engagement'] as const;
export const ActionPriority = z.enum(ACTION_PRIORITIES, { error: 'Priority is strategic, operational or engagement' });
export type ActionPriority = z.infer<typeof ActionPriority>;
export const ACTION_PRIORITY_LABELS: Record<ActionPriority, string> = { strategic: 'Strategic', operational: 'Operational', engagement: 'Engagement' };

/** Statuses a person sets. "Overdue" may be set too, but is also worked out from the due date. */
export const ACTION_STATUSES = ['not_started', 'on_track', 'at_risk', 'overdue', 'complete'] as const;
export const ActionStatus = z.enum(ACTION_STATUSES, { error: 'Status is not started, on track, at risk, overdue or complete' });
export type ActionStatus = z.infer<typeof ActionStatus>;
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  not_started: 'Not started',
  on_track: 'On track',
  at_risk: 'At risk',
  overdue: 'Overdue',
  complete: 'Complete',
};

/** The status shown: an action that is not complete is overdue once its due date has passed. */
export function effectiveStatus(status: ActionStatus, due: string | null, today: string): ActionStatus {
  if (status === 'complete') return 'complete';
  if (due && due < today) return 'overdue';
  return status;
}

export const ActionProgress = z.object({
  id: z.string(),
  date: z.string(),
  text: z.string(),
  evidence: z.array(z.object({ id: z.string(), code: z.string(), title: z.string() })),
  updatedBy: z.string(),
});
export type ActionProgress = z.infer<typeof ActionProgress>;

export const ActionItem = z.object({
  id: z.string(),
  /** "A001": numbered per review, never reused. */
  ref: z.string(),
  themeId: z.string(),
  theme: z.string(),
  priority: ActionPriority,
  action: z.string(),
  owners: z.array(z.object({ id: z.string(), shortName: z.string() })),
  due: z.string().nullable(),
  status: ActionStatus,
  effectiveStatus: ActionStatus,
  progress: z.array(ActionProgress),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const ActionPlan = z.object({
  items: z.array(ActionItem),
  /** The themes actions can belong to, with counts of actions by shown status. */
  themes: z.array(z.object({ id: z.string(), code: z.string(), title: z.string(), counts: z.record(ActionStatus, z.number().int()) })),
  totals: z.record(ActionStatus, z.number().int()),
  today: z.string(),
});
export type ActionPlan = z.infer<typeof ActionPlan>;
