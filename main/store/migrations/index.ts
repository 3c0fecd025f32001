import type Database from 'better-sqlite3';
import { initial } from './001-initial';
import { sessions } from './002-sessions';
import { evidence } from './003-evidence';
import { audit } from './004-audit';
import { auditAnalysis } from './005-audit-analysis';
import { profile } from './006-profile';
import { findings } from './007-findings';
import { reportTexts } from './008-report-texts';
import { auditTrail } from './009-audit-trail';
import { teamSync } from './010-team-sync';
import { leanSync } from './011-lean-sync';
import { orphanedTags } from './012-orphaned-tags';
import { tagSpeakers } from './013-tag-speakers';
import { teamKeys } from './014-team-keys';
import { chartCache } from './015-chart-cache';
import { userFrameworks } from './016-user-frameworks';
import { ratingCharacteristics } from './017-rating-characteristics';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

/** In order; each one's version is its position + 1. Never edit a migration that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  sessions,
  evidence,
  audit,
  auditAnalysis,
  profile,
  findings,
  reportTexts,
  auditTrail,
  teamSync,
  leanSync,
  orphanedTags,
  tagSpeakers,
  teamKeys,
  chartCache,
  userFrameworks,
  ratingCharacteristics,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
