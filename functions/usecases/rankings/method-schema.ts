/**
 * The shape of a ranking method the office submits (zod/mini). Shape problems are
 * reported by zod; weights that do not add up, bad ranges and the like by
 * `methodProblems`, both as a 400 with every problem listed.
 */
import * as z from 'zod/mini';

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const bilingual = z.strictObject({ zh: text(200), en: text(200) });
const counterList = z.array(z.string().check(z.maxLength(42))).check(z.minLength(1), z.maxLength(20));
const finite = z.number().check(z.refine((n) => Number.isFinite(n), 'expected a finite number'));

const normalisation = z.union([
  z.strictObject({ kind: z.literal('range'), min: finite, max: finite }),
  z.strictObject({ kind: z.literal('minmax') }),
]);

export const indicatorSchema = z.strictObject({
  id: z.string().check(z.maxLength(32)),
  label: bilingual,
  description: z.optional(z.strictObject({ zh: text(500), en: text(500) })),
  numerator: counterList,
  denominator: counterList,
  sample: z.optional(counterList),
  role: z.enum(['score', 'penalty']),
  weight: finite,
  direction: z.enum(['higher', 'lower']),
  normalisation,
  k: z.optional(finite),
});

/** A new method version as the office submits it (the version number is assigned). */
export const methodBodySchema = z.strictObject({
  name: bilingual,
  changes: text(2000),
  indicators: z.array(indicatorSchema).check(z.minLength(1), z.maxLength(20)),
  shrinkage: z.strictObject({ k: finite }),
  minSample: z.strictObject({ counters: counterList, min: z.number().check(z.int()) }),
  transparency: z.strictObject({
    suspended: z.strictObject({ numerator: counterList, denominator: counterList }),
    appealsUpheld: counterList,
  }),
});

export type MethodBody = z.infer<typeof methodBodySchema>;
