import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/**
 * Is a new passphrase strong enough to protect a laptop's fieldwork? Length alone says little
 * ("passwordpassword" is 16 characters), so zxcvbn-ts estimates how many guesses it would take,
 * knowing common passwords, names, English words, keyboard patterns, dates and repeats, and the
 * words of this app and of the regulator. Shared so the screen can say why while the reviewer
 * types, and main refuses the same passphrases.
 */
export const MIN_PASSPHRASE_LENGTH = 10;
/** zxcvbn's scale is 0–4; 3 is "safely unguessable: moderate protection from offline attack". */
const MIN_SCORE = 3;
const APP_WORDS = ['fieldbook', 'cqc', 'care quality commission', 'review', 'reviewer', 'kloe', 'local system', 'passphrase', 'oxfordshire'];

let factory: ZxcvbnFactory | null = null;
/** Built on first use: the dictionaries take a moment to load. */
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, userInputs: APP_WORDS },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

export type PassphraseVerdict = { ok: true } | { ok: false; reason: string };

export function passphraseVerdict(passphrase: string): PassphraseVerdict {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) return { ok: false, reason: `Use at least ${MIN_PASSPHRASE_LENGTH} characters; three or four unrelated words work well.` };
  // zxcvbn's cost grows with length; beyond 100 characters the first 100 decide.
  const result = estimator().check(passphrase.slice(0, 100));
  if (result.score >= MIN_SCORE) return { ok: true };
  if (result.sequence.some((match) => 'dictionaryName' in match && match.dictionaryName === 'userInputs')) {
    return { ok: false, reason: 'That passphrase leans on words an attacker would try first here (Fieldbook, CQC, the review). Add two or three unrelated words.' };
  }
  const why = result.feedback.warning ? `${result.feedback.warning.replace(/\.?$/, '.')} ` : '';
  const hint = result.feedback.suggestions[0] ?? 'Add another word or two that are not related.';
  return { ok: false, reason: `That passphrase could be guessed too easily. ${why}${hint}` };
}
