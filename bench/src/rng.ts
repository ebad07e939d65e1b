/** A small seeded generator (mulberry32): the same seed always gives the same data set. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A derived generator, so one part of the data does not shift when another part changes. */
  fork(salt: number): Rng {
    return new Rng((Math.imul(this.s ^ salt, 2654435761) + salt) >>> 0);
  }
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * Ids in the UUID v7 layout from a counter: increasing in generation order, so primary-key indexes fill by
 * appending, and the same for the same seed.
 */
export class IdSource {
  private n = 0;
  constructor(private readonly rng: Rng) {}
  next(): string {
    this.n += 1;
    const hi = Math.floor(this.n / 0x10000);
    const lo = this.n % 0x10000;
    const r1 = Math.floor(this.rng.next() * 0x1000);
    const r2 = 0x8000 | Math.floor(this.rng.next() * 0x4000);
    const r3 = Math.floor(this.rng.next() * 0x1000000);
    const r4 = Math.floor(this.rng.next() * 0x1000000);
    return `${hex(hi, 8)}-${hex(lo, 4)}-7${hex(r1, 3)}-${hex(r2, 4)}-${hex(r3, 6)}${hex(r4, 6)}`;
  }
}
