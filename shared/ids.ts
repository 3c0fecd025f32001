import { v7 as uuidv7 } from 'uuid';

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
