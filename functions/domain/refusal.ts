/**
 * A use case's "no", said below HTTP. Domain rules, use cases and stores throw a
 * {@link Refusal}; the HTTP layer maps its `code` to a status and the contract's error
 * shape once (`httpStatusOf`, in the app factory's error handler), and the web layer
 * maps its `reason` — or, without one, its `code` — to page text once
 * (web/error-text.ts). Nobody reads meaning back out of the message: the message is
 * for the API's English `message` field and for logs, and may be reworded freely.
 */

/** Every kind of refusal, one per contract error code (docs/contract.md § Errors). */
export const REFUSAL_CODES = [
  'invalid_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'already_rated',
  'case_not_completed',
  'conflict',
  'too_large',
  'rate_limited',
  'unavailable',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/**
 * Why, finer than the code, where a page says something different per reason (a rating
 * link that expired is not one that was never valid). One list, so a page's switch
 * over reasons is checked by the compiler; add a reason here when a page needs one.
 */
export const REFUSAL_REASONS = [
  /** A rater's link or token has passed its validity. */
  'token_expired',
  /** A rater's link or token does not verify. */
  'token_invalid',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** One field's problem: `field` is the dotted path of the input (`callback.phone`). */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface RefusalOptions {
  /** The input field the refusal is about, when it is about one. */
  field?: string | undefined;
  reason?: RefusalReason | undefined;
  /** Per-field problems of a rejected input (validation), in input order. */
  problems?: readonly FieldProblem[] | undefined;
  /** Extra machine-readable facts for the contract's `details`. */
  details?: unknown;
}

export class Refusal extends Error {
  override readonly name = 'Refusal';
  readonly field: string | undefined;
  readonly reason: RefusalReason | undefined;
  readonly problems: readonly FieldProblem[];
  readonly details: unknown;

  constructor(
    readonly code: RefusalCode,
    message: string,
    options: RefusalOptions = {},
  ) {
    super(message);
    this.field = options.field ?? options.problems?.[0]?.field;
    this.reason = options.reason;
    this.problems = options.problems ?? (options.field ? [{ field: options.field, message }] : []);
    this.details = options.details;
  }
}

/** Whether `err` is a refusal (of one of `codes`, when given). */
export function isRefusal(err: unknown, ...codes: RefusalCode[]): err is Refusal {
  return err instanceof Refusal && (codes.length === 0 || codes.includes(err.code));
}

export const invalid = (message: string, options?: RefusalOptions) =>
  new Refusal('invalid_request', message, options);
export const notFound = (message: string, options?: RefusalOptions) =>
  new Refusal('not_found', message, options);
export const forbidden = (message: string, options?: RefusalOptions) =>
  new Refusal('forbidden', message, options);
export const conflict = (message: string, options?: RefusalOptions) =>
  new Refusal('conflict', message, options);
