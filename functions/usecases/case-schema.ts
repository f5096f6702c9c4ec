/**
 * The shape of one case row from an upstream system, shared by the batch API and the
 * CSV importer so both reject the same rows with the same reasons.
 */
import * as z from 'zod/mini';
import { CHANNELS } from '../domain/cases/case.js';
import { dateSchema, idSchema, instantSchema } from '../domain/schemas.js';

/** Cases per `POST /api/v1/cases:batch` call. */
export const MAX_BATCH = 500;

export const suspensionSchema = z.strictObject({
  from: dateSchema,
  to: z.optional(dateSchema),
  reason: z.optional(z.string().check(z.maxLength(200))),
});

export const caseInputSchema = z.strictObject({
  caseId: idSchema,
  serviceCode: idSchema,
  acceptedAt: instantSchema,
  completedAt: z.optional(instantSchema),
  suspensions: z.optional(z.array(suspensionSchema).check(z.maxLength(50))),
  windowId: z.optional(idSchema),
  staffId: z.optional(idSchema),
  channel: z.optional(z.enum(CHANNELS)),
  applicantPhone: z.optional(z.string().check(z.regex(/^\+?[\d -]{7,20}$/, 'expected a phone number'))),
  updatedAt: z.optional(instantSchema),
});
