import { z } from 'zod';
import { AuditDomain, AuditRole, AuditStatement } from './domain';
import { call, id } from '../api/call';

const Mean = { mean: z.number().nullable(), n: z.number().int() };

export const AuditSummary = z.object({
  respondents: z.number().int(),
  answers: z.number().int(),
  minRespondents: z.number().int(),
  byRole: z.array(z.object({ role: AuditRole, respondents: z.number().int() })),
  byOrganisation: z.array(z.object({ organisation: z.string(), respondents: z.number().int(), answers: z.number().int() })),
  domains: z.array(z.object({ domain: AuditDomain, ...Mean })),
  domainsByRole: z.array(z.object({ role: AuditRole, domain: AuditDomain, ...Mean })),
  statements: z.array(z.object({ code: z.string(), domain: AuditDomain, ...Mean, distribution: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]) })),
  best: z.array(z.string()),
  worst: z.array(z.string()),
  matrix: z.array(
    z.object({ from: z.string(), to: z.string(), domain: z.union([AuditDomain, z.literal('all')]), ...Mean, respondents: z.number().int(), suppressed: z.boolean() }),
  ),
  comments: z.array(z.object({ domain: AuditDomain, about: z.string(), organisation: z.string(), text: z.string() })),
});
export type AuditSummary = z.infer<typeof AuditSummary>;

export const AuditImportResult = z.object({
  imported: z.boolean(),
  rows: z.number().int(),
  /** Of the valid rows: those with a score, and those "not answered" (blank or N/A). */
  answered: z.number().int(),
  notAnswered: z.number().int(),
  respondentsAdded: z.number().int(),
  answersAdded: z.number().int(),
  answersUpdated: z.number().int(),
  unchanged: z.number().int(),
  invalid: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});
export type AuditImportResult = z.infer<typeof AuditImportResult>;

/** The largest audit CSV imported at once (bytes of text; the CLI checks the file's size first). */
export const AUDIT_IMPORT_MAX_BYTES = 100_000_000;

export const relationalAuditCalls = {
  getAuditQuestionnaire: call(z.object({ reviewId: id('Review') }), z.array(AuditStatement), "The review's relational audit questionnaire (copied from the default on first use)"),
  importAuditCsv: call(
    z.object({
      reviewId: id('Review'),
      fileName: z.string().max(255).default('audit.csv'),
      text: z
        .string()
        .max(
          AUDIT_IMPORT_MAX_BYTES,
          `The file is over ${AUDIT_IMPORT_MAX_BYTES / 1_000_000} MB: an audit import can be at most ${AUDIT_IMPORT_MAX_BYTES / 1_000_000} MB. Split it and import the parts.`,
        ),
      skipInvalid: z.boolean().default(false),
    }),
    AuditImportResult,
    'Import relational audit answers from CSV: the whole file is checked first',
  ),
  getAuditSummary: call(z.object({ reviewId: id('Review') }), AuditSummary, 'The relational audit analysis, recomputed from the answers'),
  addAuditStatement: call(
    z.object({ reviewId: id('Review'), domain: AuditDomain, text: z.string().trim().min(1, 'Write the statement').max(500), reversed: z.boolean().default(false) }),
    z.array(AuditStatement),
    'Add a statement to the review’s questionnaire (its code follows the domain: DIR6, CON6…)',
  ),
  updateAuditStatement: call(
    z.object({
      statementId: id('Statement'),
      text: z.string().trim().min(1, 'Write the statement').max(500).optional(),
      reversed: z.boolean().optional(),
      retired: z.boolean().optional(),
    }),
    z.array(AuditStatement),
    'Reword, reverse or retire a statement (a retired statement keeps its answers out of the analysis)',
  ),
  setAuditThreshold: call(
    z.object({ reviewId: id('Review'), minRespondents: z.number().int().min(1, 'At least 1').max(50) }),
    z.object({ minRespondents: z.number().int() }),
    'Fewest distinct respondents a heat map cell needs before its mean is shown',
  ),
  getAuditCharts: call(
    z.object({ reviewId: id('Review'), domain: z.union([AuditDomain, z.literal('all')]).default('all'), format: z.enum(['svg', 'png']).default('svg') }),
    z.object({ heatMap: z.string(), domainBars: z.string(), mediaType: z.string() }),
    'The heat map and domain bars as SVG text or base64 PNG, for the screen and the report',
  ),
  saveAuditRespondent: call(
    z.object({
      reviewId: id('Review'),
      identifier: z.string().trim().min(1, 'Give the respondent an identifier, e.g. R017').max(60),
      organisationId: id('Organisation'),
      role: AuditRole,
      answers: z
        .array(
          z.object({
            statementId: z.uuid(),
            aboutOrganisationId: z.uuid(),
            score: z.number().int().min(1, 'Scores are 1 to 5').max(5, 'Scores are 1 to 5').nullable(),
            comment: z.string().max(4000).default(''),
          }),
        )
        .max(2000),
    }),
    z.object({ respondentsAdded: z.number().int(), answersAdded: z.number().int(), answersUpdated: z.number().int(), unchanged: z.number().int() }),
    "Record (or update) one respondent's answers from the entry grid",
  ),
} as const;
