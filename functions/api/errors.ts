/**
 * The contract's error shape, `{"error": {"code", "message"}}`, and where a refusal's
 * code becomes an HTTP status. Every layer throws a `Refusal` (functions/domain/refusal.ts,
 * with its `invalid`/`notFound`/`forbidden`/`conflict` constructors); the app's error
 * handler turns it into the response, so no route formats errors by hand.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Refusal, type RefusalCode } from '../domain/refusal.js';

/** A refusal's code, or `internal` for what the error handler reports as a 500. */
export type ErrorCode = RefusalCode | 'internal';

const statusOf: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  already_rated: 409,
  case_not_completed: 409,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** The HTTP status of a refusal: the one place codes become statuses. */
export function httpStatusOf(code: ErrorCode): ContentfulStatusCode {
  return statusOf[code];
}

/**
 * A refusal thrown by the HTTP layer itself (authentication, body parsing). Below HTTP,
 * throw a {@link Refusal} from functions/domain/refusal.ts; both are answered alike.
 */
export class ApiError extends Refusal {
  get status(): ContentfulStatusCode {
    return statusOf[this.code];
  }
  constructor(code: RefusalCode, message: string, details?: unknown) {
    super(code, message, { details });
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}
