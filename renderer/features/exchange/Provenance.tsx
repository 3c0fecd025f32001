import { useState } from 'react';
import { formatDateTime } from '../../../shared/dates';
import type { Provenance } from '../../../shared/exchange/contract';
import { api, messageOf } from '../../api/client';

/**
 * "Made by … on …, last changed by … on …": who made a record and who last changed it, on which
 * laptops. Read when opened, so a list of many records asks for none until someone looks.
 */
export function ProvenanceDetails({ table, rowId }: { table: string; rowId: string }) {
  const [provenance, setProvenance] = useState<Provenance | null>(null);
  const [error, setError] = useState('');
  const load = (open: boolean) => {
    if (!open) return;
    api.getProvenance({ table, rowId }).then(setProvenance, (e: unknown) => setError(messageOf(e)));
  };
  return (
    <details className="history" onToggle={(e) => load((e.target as HTMLDetailsElement).open)}>
      <summary>Made and changed by</summary>
      {error && <p className="error-text">{error}</p>}
      {provenance && (
        <p className="hint" aria-label="Provenance">
          Made by {provenance.createdBy} on {provenance.createdDevice}, {formatDateTime(provenance.createdAt)}. Last changed by {provenance.changedBy} on {provenance.changedDevice}
          , {formatDateTime(provenance.changedAt)}.
        </p>
      )}
    </details>
  );
}
