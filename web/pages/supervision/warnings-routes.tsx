/**
 * The live warnings board `/staff/warnings` and its CSV download (the same columns as
 * `GET /api/v1/staff/warnings?format=csv`): filters by level, department, district and
 * age; department staff see their own department only.
 */
import type { Context, Hono } from 'hono';
import { csvResponse } from '../../../functions/api/csv.js';
import type { Principal } from '../../../functions/domain/identity.js';
import { isId } from '../../../functions/domain/schemas.js';
import { BOARD_LEVELS, type BoardLevel } from '../../../functions/domain/supervision/warnings-board.js';
import { platform } from '../../../functions/platform.js';
import { departmentDirectory } from '../../../functions/usecases/catalogue/directory.js';
import { warningsBoard } from '../../../functions/usecases/supervision/warnings.js';
import { warningsCsv } from '../../../functions/usecases/supervision/warnings-csv.js';
import { html } from '../../render.js';
import { staffOnly } from '../../staff-gate.js';
import { orRefusalPage } from '../refusal-page.js';
import { pickableDepartments, seesEveryDepartment } from './scope.js';
import { type BoardFilterValues, WarningsPage } from './WarningsPage.js';

const READERS = ['inspector', 'office', 'department'] as const;

/** The board's filters from the query; a value that does not fit is no filter. */
function boardFilter(c: Context): BoardFilterValues {
  const q = c.req.query();
  return {
    level: BOARD_LEVELS.includes(q.level as BoardLevel) ? q.level : undefined,
    departmentId: q.departmentId && isId(q.departmentId) ? q.departmentId : undefined,
    district: q.district ? q.district.slice(0, 64) : undefined,
    minAgeDays: q.minAgeDays && /^\d{1,4}$/.test(q.minAgeDays) ? q.minAgeDays : undefined,
  };
}

async function board(c: Context, who: Principal, limit: number) {
  const f = boardFilter(c);
  const offset = /^\d{1,6}$/.test(c.req.query('offset') ?? '') ? Number(c.req.query('offset')) : 0;
  const view = await warningsBoard(platform(), who, {
    level: f.level as BoardLevel | undefined,
    departmentId: f.departmentId,
    district: f.district,
    minAgeDays: f.minAgeDays === undefined ? undefined : Number(f.minAgeDays),
    limit,
    offset,
  });
  return { filter: f, view };
}

export function registerWarningsPages(app: Hono): void {
  app.get('/staff/warnings', staffOnly(...READERS), (c) =>
    orRefusalPage(c, c.var.ctx, async () => {
      const { staff, ctx } = c.var;
      const [{ filter, view }, { names, districts }] = await Promise.all([
        board(c, staff, 100),
        departmentDirectory(platform()),
      ]);
      return html(
        c,
        <WarningsPage
          ctx={ctx}
          board={view}
          departments={pickableDepartments(staff, names)}
          districts={districts}
          filter={filter}
          canIssue={staff.roles.has('inspector')}
          ownDepartmentOnly={!seesEveryDepartment(staff)}
        />,
      );
    }),
  );

  app.get('/staff/warnings.csv', staffOnly(...READERS), (c) =>
    orRefusalPage(c, c.var.ctx, async () => {
      const csv = warningsCsv((await board(c, c.var.staff, 100_000)).view);
      return csvResponse(c, csv.filename, csv.header, csv.rows);
    }),
  );
}
