import { z } from 'zod';
import { Stance } from '../sessions/domain';

export const EVIDENCE_KINDS = ['document', 'data', 'observation', 'case_file', 'soir_response', 'interview_excerpt', 'other'] as const;
export const EvidenceKind = z.enum(EVIDENCE_KINDS, { error: `Kind is one of: ${EVIDENCE_KINDS.join(', ')}` });
export type EvidenceKind = z.infer<typeof EvidenceKind>;
export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  document: 'Document',
  data: 'Data',
  observation: 'Observation',
  case_file: 'Case file',
  soir_response: 'SOIR response',
  interview_excerpt: 'Interview excerpt',
  other: 'Other',
};

export const SENSITIVITIES = ['normal', 'personal', 'special_category'] as const;
export const Sensitivity = z.enum(SENSITIVITIES);
export type Sensitivity = z.infer<typeof Sensitivity>;
export const SENSITIVITY_LABELS: Record<Sensitivity, string> = { normal: 'Normal', personal: 'Personal data', special_category: 'Special category' };

export const WEIGHTS = ['key', 'supporting'] as const;
export const Weight = z.enum(WEIGHTS);
export type Weight = z.infer<typeof Weight>;

/** Attachment types we accept, by extension. */
export const ATTACHMENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};
export const ATTACHMENT_MAX_BYTES = 200 * 1024 * 1024;

export function referenceCode(refNumber: number): string {
  return `E${String(refNumber).padStart(3, '0')}`;
}

export const EvidenceLink = z.object({ id: z.string(), kloeId: z.string(), stance: Stance, weight: Weight });
export type EvidenceLink = z.infer<typeof EvidenceLink>;

export const Attachment = z.object({
  id: z.string(),
  sha256: z.string(),
  originalName: z.string(),
  bytes: z.number().int(),
  mediaType: z.string(),
  /** False when the stored file is missing or its content no longer matches its SHA-256. */
  intact: z.boolean().nullable(),
});
export type Attachment = z.infer<typeof Attachment>;

export const EvidenceItem = z.object({
  id: z.string(),
  reviewId: z.string(),
  code: z.string(),
  kind: EvidenceKind,
  title: z.string(),
  summary: z.string(),
  sourceOrganisationId: z.string().nullable(),
  date: z.string().nullable(),
  collectedBy: z.string().nullable(),
  sensitivity: Sensitivity,
  evidenceCategoryId: z.string().nullable(),
  links: z.array(EvidenceLink),
  attachments: z.array(Attachment),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;
