import { z } from 'zod';

/** The five domains of relational proximity. */
export const AUDIT_DOMAINS = ['directness', 'continuity', 'multiplexity', 'parity', 'commonality'] as const;
export const AuditDomain = z.enum(AUDIT_DOMAINS);
export type AuditDomain = z.infer<typeof AuditDomain>;
export const AUDIT_DOMAIN_LABELS: Record<AuditDomain, string> = {
  directness: 'Directness',
  continuity: 'Continuity',
  multiplexity: 'Multiplexity',
  parity: 'Parity',
  commonality: 'Commonality',
};

export const AUDIT_ROLES = ['system_leader', 'frontline', 'other'] as const;
export const AuditRole = z.enum(AUDIT_ROLES);
export type AuditRole = z.infer<typeof AuditRole>;

/** The questionnaire as shipped in resources/audit/. */
export const AuditQuestionnaireSource = z.strictObject({
  id: z.string(),
  version: z.number().int(),
  provenance: z.string(),
  scale: z.object({ min: z.literal(1), max: z.literal(5), labels: z.array(z.string()).length(5) }),
  commentQuestion: z.string(),
  statements: z.array(z.strictObject({ code: z.string().regex(/^[A-Z]{3}\d+$/), domain: AuditDomain, text: z.string().min(1), reversed: z.boolean() })).min(15),
});
export type AuditQuestionnaireSource = z.infer<typeof AuditQuestionnaireSource>;

export const AuditStatement = z.object({ id: z.string(), code: z.string(), domain: AuditDomain, text: z.string(), reversed: z.boolean(), retired: z.boolean() });
export type AuditStatement = z.infer<typeof AuditStatement>;
