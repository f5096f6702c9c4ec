/**
 * The find-fault window's public board: the front page `/critiques` (rendered to a static
 * file too), filtered or further pages at `/critiques/board`, and the lookup by tracking
 * code, which goes to the critique's page or back to the board saying the code is wrong.
 */
import type { Context, Hono } from 'hono';
import {
  BOARD_STATUSES,
  type BoardStatus,
  CATEGORIES,
  type Category,
} from '../../../functions/domain/critiques/model.js';
import { parseTrackingCode } from '../../../functions/domain/critiques/tracking-code.js';
import { isRefusal } from '../../../functions/domain/refusal.js';
import { isId } from '../../../functions/domain/schemas.js';
import { platform } from '../../../functions/platform.js';
import { departmentsAndServices } from '../../../functions/usecases/catalogue/directory.js';
import { critiqueBoard } from '../../../functions/usecases/critiques/public.js';
import { html, pageContext } from '../../render.js';
import { BoardPage } from './BoardPage.js';

const BOARD_PAGE = 20;

/** The board's filters from the query; a value that does not fit is no filter. */
function filtersOf(c: Context) {
  const q = c.req.query();
  return {
    status: BOARD_STATUSES.includes(q.status as BoardStatus) ? (q.status as BoardStatus) : undefined,
    category: CATEGORIES.includes(q.category as Category) ? (q.category as Category) : undefined,
    departmentId: q.departmentId && isId(q.departmentId) ? q.departmentId : undefined,
    serviceCode: q.serviceCode && isId(q.serviceCode) ? q.serviceCode : undefined,
  };
}

/** A page of the board (the first again for a cursor that does not fit). */
async function board(c: Context, trackError = false): Promise<Response> {
  const p = platform();
  const filters = filtersOf(c);
  const cursor = c.req.query('cursor') || undefined;
  const page = await critiqueBoard(p, { ...filters, limit: BOARD_PAGE, cursor }).catch((err) => {
    if (!isRefusal(err)) throw err;
    return critiqueBoard(p, { ...filters, limit: BOARD_PAGE });
  });
  const { departments, services } = await departmentsAndServices(p);
  return html(
    c,
    <BoardPage
      ctx={await pageContext(c)}
      rows={page.items}
      nextCursor={page.nextCursor}
      paged={Boolean(cursor)}
      filters={filters}
      departments={departments}
      services={services}
      trackError={trackError}
    />,
    trackError ? 400 : 200,
  );
}

export function registerBoardPages(app: Hono): void {
  app.get('/critiques', (c) => board(c));
  app.get('/critiques/board', (c) => board(c));

  app.get('/critiques/track', async (c) => {
    const code = parseTrackingCode(c.req.query('code') ?? '');
    return code ? c.redirect(`/critiques/${code}`, 303) : board(c, true);
  });
}
