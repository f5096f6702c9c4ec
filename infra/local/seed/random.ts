/**
 * A small seeded PRNG (mulberry32) so the demo data is the same on every machine.
 */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A non-negative duration around `mean` (gamma-like: sum of exponentials). */
  duration(mean: number, shape = 3): number {
    if (mean <= 0) return 0;
    let sum = 0;
    for (let i = 0; i < shape; i++) sum += -Math.log(1 - this.next());
    return Math.max(0, Math.round((sum / shape) * mean));
  }
}
