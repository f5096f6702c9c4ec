/**
 * zod issues as short human sentences (`path: message`), for 400 messages and
 * per-row rejection reasons alike.
 */
import type * as z from 'zod/mini';

export function describeIssues(error: z.core.$ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`);
}
