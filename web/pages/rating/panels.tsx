/**
 * The public satisfaction panels of the service and department pages: the good/bad
 * review figures of the last 24 months (the window of the curves beside them), with a
 * CSV link to the same figures from the API. Public figures only: no staff member.
 */
import type { Context } from 'hono';
import { platform } from '../../../functions/platform.js';
import {
  departmentSatisfaction,
  serviceSatisfaction,
} from '../../../functions/usecases/ratings/satisfaction.js';
import { lastTwoYears } from '../../chart-window.js';
import { langOfRequest } from '../../render.js';
import { SatisfactionPanel } from './SatisfactionPanel.js';

/** The satisfaction panel of a service page. */
export async function serviceSatisfactionPanel(c: Context, code: string) {
  const p = platform();
  const { from, to } = lastTwoYears(p.clock.now());
  const s = await serviceSatisfaction(p, code, from, to, 'public');
  return (
    <SatisfactionPanel
      lang={langOfRequest(c)}
      summary={s.summary}
      series={s.series}
      csvHref={`/api/v1/services/${encodeURIComponent(code)}/satisfaction?from=${from}&to=${to}&format=csv`}
    />
  );
}

/** The satisfaction panel of a department page, with one row per window. */
export async function departmentSatisfactionPanel(c: Context, id: string) {
  const p = platform();
  const { from, to } = lastTwoYears(p.clock.now());
  const d = await departmentSatisfaction(p, id, from, to, 'public');
  return (
    <SatisfactionPanel
      lang={langOfRequest(c)}
      summary={d.summary}
      series={d.series}
      windows={d.windows}
      csvHref={`/api/v1/departments/${encodeURIComponent(id)}/satisfaction?from=${from}&to=${to}&format=csv`}
    />
  );
}
