import { reviewsCalls } from '../reviews/contract';
import { frameworksCalls } from '../frameworks/contract';
import { sampleDataCalls } from '../sample-data/contract';
import { identityCalls } from '../identity/contract';
import { sessionsCalls } from '../sessions/contract';
import { searchCalls } from '../search/contract';
import { evidenceCalls } from '../evidence/contract';
import { relationalAuditCalls } from '../relational-audit/contract';
import { dataProfileCalls } from '../data-profile/contract';
import { findingsCalls } from '../findings/contract';
import { reportCalls } from '../report/contract';
import { exchangeCalls } from '../exchange/contract';
import { protectionCalls } from '../protection/contract';
import { governanceCalls } from '../governance/contract';
import type { z } from 'zod';

/**
 * The one API contract. Every call the UI (or CLI) makes is declared once, in its capability's
 * slice (shared/<capability>/contract.ts), with zod schemas for its request and response. Main
 * implements a handler per call; the Electron IPC bridge, the preview server and the CLI all go
 * through the same dispatcher, which parses with these schemas.
 */
export const CAPABILITY_CALLS = {
  reviews: reviewsCalls,
  frameworks: frameworksCalls,
  'sample-data': sampleDataCalls,
  identity: identityCalls,
  sessions: sessionsCalls,
  search: searchCalls,
  evidence: evidenceCalls,
  'relational-audit': relationalAuditCalls,
  'data-profile': dataProfileCalls,
  findings: findingsCalls,
  report: reportCalls,
  exchange: exchangeCalls,
  protection: protectionCalls,
  governance: governanceCalls,
} as const;
export type Capability = keyof typeof CAPABILITY_CALLS;

export const contract = {
  ...reviewsCalls,
  ...frameworksCalls,
  ...sampleDataCalls,
  ...identityCalls,
  ...sessionsCalls,
  ...searchCalls,
  ...evidenceCalls,
  ...relationalAuditCalls,
  ...dataProfileCalls,
  ...findingsCalls,
  ...reportCalls,
  ...exchangeCalls,
  ...protectionCalls,
  ...governanceCalls,
} as const;

/** The calls of one capability's slice. */
export type CallsOf<C extends Capability> = keyof (typeof CAPABILITY_CALLS)[C] & MethodName;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller sends (defaults may be left out). */
export type Request<M extends MethodName> = z.input<Contract[M]['request']>;
/** What a handler receives, after parsing. */
export type ParsedRequest<M extends MethodName> = z.output<Contract[M]['request']>;
export type Response<M extends MethodName> = z.output<Contract[M]['response']>;

/** The API as the renderer sees it: one async function per call. */
export type Api = { [M in MethodName]: (request: Request<M>) => Promise<Response<M>> };

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}
