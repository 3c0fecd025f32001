import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

/**
 * Row identifiers are UUIDv7: made on the laptop that creates the row, so rows from several
 * laptops never collide when a team's work is merged, and they sort roughly by creation time.
 */
export function newId(): string {
  return uuidv7();
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isId(value: string): boolean {
  return UUID_PATTERN.test(value);
}

const FIELDBOOK_NAMESPACE = '8f1c3b7e-2d4a-5c6b-9e0f-1a2b3c4d5e6f';

/**
 * An id derived from a name (UUIDv5) for rows every laptop creates the same way, such as a
 * review's copy of the default indicators: two teammates who both open the data profile make
 * the same rows, so merging their work finds one indicator, not two clashing ones.
 */
export function stableId(name: string): string {
  return uuidv5(name, FIELDBOOK_NAMESPACE);
}
