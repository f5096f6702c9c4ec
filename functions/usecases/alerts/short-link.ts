/**
 * Resolving an SMS short link (`/s/<code>`): the code's page, if the code is well formed
 * and known. Public: it reveals only a console path, whose page signs the reader in.
 */
import { SHORT_CODE } from '../../domain/alerts/index.js';
import type { Platform } from '../../platform.js';

/** The site path a short code opens, or undefined (malformed, unknown, expired). */
export async function resolveShortLink(p: Platform, code: string): Promise<string | undefined> {
  if (!SHORT_CODE.test(code)) return undefined;
  return p.alerts.shortLinkTarget(code, p.clock.now());
}
