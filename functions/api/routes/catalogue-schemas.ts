/**
 * Request shapes of the catalogue, case and calendar routes, apart from the route files
 * so that the OpenAPI document (built in the public-read function) can convert the very
 * schemas the staff routes validate with, without bundling the staff routes themselves.
 */
import * as z from 'zod/mini';
import { dateSchema, idSchema } from '../../domain/schemas.js';
import { caseInputSchema, MAX_BATCH } from '../../usecases/case-schema.js';

const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));

export const departmentBody = z
  .strictObject({
    name,
    district: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
    rectificationDays: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(60))),
    /** The department's own callback period (office only): working days or working hours, not both. */
    callbackWorkingDays: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(15))),
    callbackWorkingHours: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(240))),
  })
  .check(
    z.refine(
      (d) => d.callbackWorkingDays === undefined || d.callbackWorkingHours === undefined,
      'callbackWorkingDays and callbackWorkingHours are alternatives: give one',
    ),
  );

export const windowBody = z.strictObject({ name, departmentId: idSchema });

export const serviceBody = z.strictObject({
  name,
  departmentId: idSchema,
  statutoryDays: z.number().check(z.int(), z.minimum(0), z.maximum(3650)),
  promisedDays: z.number().check(z.int(), z.minimum(0), z.maximum(3650)),
  effectiveFrom: z.optional(dateSchema),
  kind: z.optional(z.enum(['service', 'hotline'])),
});

/** `GET /api/v1/services`. */
export const serviceListQuery = z.object({
  limit: z.optional(z.string().check(z.regex(/^([1-9]\d?|100)$/, 'expected 1-100'))),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
  departmentId: z.optional(idSchema),
  format: z.optional(z.enum(['json', 'csv'])),
});

/** The batch as `jsonBody` checks it; each case is then checked on its own (a bad one is `rejected`). */
export const batchBody = z.strictObject({
  cases: z
    .array(z.unknown())
    .check(z.minLength(1), z.maxLength(MAX_BATCH, `at most ${MAX_BATCH} cases per call`)),
});

/** The batch as documented: `batchBody` with the schema each item is checked against. */
export const batchDocBody = z.strictObject({
  cases: z.array(caseInputSchema).check(z.minLength(1), z.maxLength(MAX_BATCH)),
});

/** A year in a calendar path. */
export const calendarYearParam = z.string().check(z.regex(/^20\d\d$/, 'expected a year 2000-2099'));

/** A year's official schedule in the holiday-cn format (extra fields such as `$schema` or `papers` ignored). */
export const yearSchema = z.object({
  year: z.optional(z.number().check(z.int())),
  days: z
    .array(z.object({ name: z.string().check(z.maxLength(50)), date: dateSchema, isOffDay: z.boolean() }))
    .check(z.maxLength(366)),
});
