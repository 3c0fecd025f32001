import type { CliRuntime } from './runtime';
import { SAMPLE_DATA_COMMANDS } from './sample-data-commands';
import { REVIEWS_COMMANDS } from './reviews-commands';
import { PROTECTION_COMMANDS } from './protection-commands';
import { SESSIONS_COMMANDS } from './sessions-commands';
import { SEARCH_COMMANDS } from './search-commands';
import { EVIDENCE_COMMANDS } from './evidence-commands';
import { RELATIONAL_AUDIT_COMMANDS } from './relational-audit-commands';
import { DATA_PROFILE_COMMANDS } from './data-profile-commands';
import { FINDINGS_COMMANDS } from './findings-commands';
import { REPORT_COMMANDS } from './report-commands';
import { EXCHANGE_COMMANDS } from './exchange-commands';
import { GOVERNANCE_COMMANDS } from './governance-commands';
import { FRAMEWORK_COMMANDS } from './framework-commands';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run: (args: string[], runtime: CliRuntime) => Promise<void>;
}

/** Every command, one file per capability (main/cli/<capability>-commands.ts), in the order --help lists them. */
export const COMMANDS: Command[] = [
  ...SAMPLE_DATA_COMMANDS,
  ...REVIEWS_COMMANDS,
  ...FRAMEWORK_COMMANDS,
  ...PROTECTION_COMMANDS,
  ...SESSIONS_COMMANDS,
  ...SEARCH_COMMANDS,
  ...EVIDENCE_COMMANDS,
  ...RELATIONAL_AUDIT_COMMANDS,
  ...DATA_PROFILE_COMMANDS,
  ...FINDINGS_COMMANDS,
  ...REPORT_COMMANDS,
  ...EXCHANGE_COMMANDS,
  ...GOVERNANCE_COMMANDS,
];
/** The command named by the leading words of argv (global options already removed). */
export function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  // Longest names first, so "review create" wins over a hypothetical "review".
  const byLength = [...COMMANDS].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of byLength) {
    const parts = command.name.split(' ');
    if (parts.every((part, i) => argv[i] === part)) return { command, rest: argv.slice(parts.length) };
  }
  return null;
}
