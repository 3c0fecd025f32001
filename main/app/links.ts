/**
 * Links to the web that Fieldbook opens in the reviewer's browser without asking: the
 * regulator's, the government's and the NHS's own sites, named in frameworks and reports. Any
 * other https link is opened only after the reviewer confirms it; anything else never.
 */
const TRUSTED_HOSTS = ['cqc.org.uk', 'gov.uk', 'nhs.uk', 'scie.org.uk'];

export type LinkDecision = 'open' | 'ask' | 'refuse';

export function linkDecision(raw: string): LinkDecision {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'refuse';
  }
  // Credentials in a link are a way to disguise where it goes.
  if (url.protocol !== 'https:' || url.username || url.password) return 'refuse';
  const host = url.hostname.toLowerCase();
  return TRUSTED_HOSTS.some((trusted) => host === trusted || host.endsWith(`.${trusted}`)) ? 'open' : 'ask';
}
