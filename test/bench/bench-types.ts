/**
 * One benchmark figure: a measured value, the baseline measured in the same run, and
 * their ratio. Benchmarks never assert on time; the report states the figures and the
 * goal so a reader can judge them.
 */
export interface BenchFigure {
  /** Short stable id, e.g. `calendar.durations`. */
  id: string;
  /** What is measured, in words. */
  title: string;
  /** The measured value and its unit. */
  value: number;
  unit: string;
  /** The baseline measured in the same run, with what it is. */
  baseline: number;
  baselineLabel: string;
  /** value / baseline, or what the goal compares. */
  ratio: number;
  /** The goal in words, e.g. ">= 0.5" or "about 1". */
  goal: string;
  /** Whether the goal was met (reported, never asserted). */
  met: boolean;
  /** Extra numbers worth keeping (sizes, counts). */
  details?: Record<string, number | string>;
}

export interface BenchContext {
  /** `--full` runs the 1,000,000-row sizes. */
  full: boolean;
  /** Log a progress line. */
  log: (message: string) => void;
}

/** A benchmark module under test/bench exports `benchmarks` of this shape. */
export interface Benchmark {
  name: string;
  run: (ctx: BenchContext) => Promise<BenchFigure[]>;
}
