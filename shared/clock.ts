/**
 * Hybrid logical clock. Every change is stamped with one; stamps from different laptops order
 * causally even when the laptops' wall clocks disagree, which is what merging needs later.
 *
 * Encoded as a fixed-width string `WWWWWWWWWWWWW-CCCC-NODE` (wall ms, counter, node) so that
 * plain string comparison orders stamps.
 */
export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

const WALL_WIDTH = 13;
const COUNTER_WIDTH = 4;
const MAX_COUNTER = 0xffff;
/** A remote stamp this far ahead of our wall clock is refused: it would drag every later stamp. */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

export function encodeHlc(hlc: Hlc): string {
  return `${hlc.wall.toString().padStart(WALL_WIDTH, '0')}-${hlc.counter.toString(16).padStart(COUNTER_WIDTH, '0')}-${hlc.node}`;
}

export function decodeHlc(text: string): Hlc {
  const match = /^(\d{13})-([0-9a-f]{4})-(.+)$/.exec(text);
  if (!match) throw new Error(`Not a clock stamp: ${text}`);
  return { wall: Number(match[1]), counter: parseInt(match[2] ?? '0', 16), node: match[3] ?? '' };
}

/** The wall-clock time (ms since epoch) a stamp was made. */
export function hlcTime(text: string): number {
  return Number(text.slice(0, WALL_WIDTH));
}

export class HybridClock {
  private last: Hlc;

  constructor(
    private readonly node: string,
    private readonly now: () => number = Date.now,
    lastStamp?: string,
  ) {
    this.last = lastStamp ? { ...decodeHlc(lastStamp), node } : { wall: 0, counter: 0, node };
  }

  /** A new stamp for a local change, strictly after every stamp seen so far. */
  tick(): string {
    const wall = Math.max(this.now(), this.last.wall);
    const counter = wall === this.last.wall ? this.last.counter + 1 : 0;
    this.last = this.bump(wall, counter);
    return encodeHlc(this.last);
  }

  /** Take account of a stamp from another laptop so our next stamp orders after it. */
  receive(remote: string): void {
    const other = decodeHlc(remote);
    const now = this.now();
    if (other.wall - now > MAX_DRIFT_MS) {
      throw new Error(`A change is stamped ${new Date(other.wall).toISOString()}, more than a day ahead of this laptop's clock.`);
    }
    const wall = Math.max(now, this.last.wall, other.wall);
    let counter = 0;
    if (wall === this.last.wall && wall === other.wall) counter = Math.max(this.last.counter, other.counter) + 1;
    else if (wall === this.last.wall) counter = this.last.counter + 1;
    else if (wall === other.wall) counter = other.counter + 1;
    this.last = this.bump(wall, counter);
  }

  current(): string {
    return encodeHlc(this.last);
  }

  private bump(wall: number, counter: number): Hlc {
    // The counter overflowing means >65k changes in one millisecond: move to the next ms.
    if (counter > MAX_COUNTER) return { wall: wall + 1, counter: 0, node: this.node };
    return { wall, counter, node: this.node };
  }
}
