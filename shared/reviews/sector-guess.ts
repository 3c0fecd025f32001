import type { Sector } from './domain';

/** A sensible default sector from an organisation's name; the user can always change it. */
export function guessSector(name: string): Sector {
  const n = name.toLowerCase();
  if (/healthwatch/.test(n)) return 'healthwatch';
  if (/ambulance/.test(n)) return 'ambulance';
  if (/clinical commissioning|\bccg\b|integrated care board|\bicb\b/.test(n)) return 'nhs_commissioner';
  if (/nhs|trust|hospital/.test(n)) return 'nhs_trust';
  if (/council|borough|local authority/.test(n)) return 'local_authority';
  if (/\bgp\b|surgery|practice|primary care/.test(n)) return 'primary_care';
  if (/housing|homes association/.test(n)) return 'housing';
  if (/voluntary|charity|age uk|carers|community/.test(n)) return 'vcse';
  return 'other';
}
