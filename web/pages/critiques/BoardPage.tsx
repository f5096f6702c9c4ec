/**
 * The public board of accepted critiques, newest first, with filters (status,
 * department, service, category) as a plain GET form and key-based "next page" links:
 * no JavaScript needed. Also the way in to submit a critique, follow one by its
 * tracking code, and the figures per department.
 */

import type { Department, Service } from '../../../functions/domain/catalogue.js';
import type { BoardRow } from '../../../functions/domain/critiques/board.js';
import { BOARD_STATUSES, type BoardStatus, CATEGORIES } from '../../../functions/domain/critiques/model.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { type MessageKey, t } from '../../i18n.js';
import { BoardItem, CritiqueStyles, categoryLabel } from './parts.js';

export interface BoardFilters {
  status?: BoardStatus | undefined;
  departmentId?: string | undefined;
  serviceCode?: string | undefined;
  category?: (typeof CATEGORIES)[number] | undefined;
}

const STATUS_KEYS: Record<BoardStatus, MessageKey> = {
  open: 'crStOpen',
  answered: 'crStAnswered',
  rectified: 'crStRectified',
};

function query(filters: BoardFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function BoardPage(props: {
  ctx: PageContext;
  rows: BoardRow[];
  nextCursor: string | null;
  paged: boolean;
  filters: BoardFilters;
  departments: Department[];
  services: Service[];
  trackError?: boolean;
}) {
  const { ctx, filters } = props;
  const { lang } = ctx;
  const servicesByDept = new Map<string, Service[]>();
  for (const s of props.services)
    servicesByDept.set(s.departmentId, [...(servicesByDept.get(s.departmentId) ?? []), s]);
  return (
    <Layout ctx={ctx} title={t(lang, 'crBoardTitle')}>
      <CritiqueStyles />
      <h1>{t(lang, 'crBoardTitle')}</h1>
      <p>{t(lang, 'crBoardIntro')}</p>
      <div class="cr-links">
        <a class="button primary" href="/critiques/new">
          {t(lang, 'crSubmitLink')}
        </a>
        <a href="/critiques/stats">{t(lang, 'crStatsLink')}</a>
        <a href="/hall-of-fame">{t(lang, 'crHallTitle')}</a>
      </div>
      <form method="get" action="/critiques/track" class="cr-filters" style="margin-top:1rem">
        <div>
          <label for="track-code">{t(lang, 'crTrackLegend')}</label>
          <input
            id="track-code"
            name="code"
            type="text"
            inputmode="text"
            autocomplete="off"
            maxlength={40}
            placeholder={t(lang, 'crTrackCode')}
            aria-describedby={props.trackError ? 'track-error' : undefined}
            aria-invalid={props.trackError ? 'true' : undefined}
          />
        </div>
        <button type="submit">{t(lang, 'crTrackSubmit')}</button>
        {props.trackError ? (
          <p id="track-error" class="errors" role="alert">
            {t(lang, 'crTrackBad')}
          </p>
        ) : null}
      </form>
      <h2 id="filters-heading">{t(lang, 'crFilters')}</h2>
      <search aria-labelledby="filters-heading">
        <form method="get" action="/critiques/board" class="cr-filters">
          <div>
            <label for="f-status">{t(lang, 'crStatusLabel')}</label>
            <select id="f-status" name="status">
              <option value="">{t(lang, 'crAny')}</option>
              {BOARD_STATUSES.map((s) => (
                <option value={s} selected={filters.status === s}>
                  {t(lang, STATUS_KEYS[s])}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-category">{t(lang, 'crCategoryLabel')}</label>
            <select id="f-category" name="category">
              <option value="">{t(lang, 'crAny')}</option>
              {CATEGORIES.map((c) => (
                <option value={c} selected={filters.category === c}>
                  {categoryLabel(lang, c)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-department">{t(lang, 'department')}</label>
            <select id="f-department" name="departmentId">
              <option value="">{t(lang, 'crAny')}</option>
              {props.departments.map((d) => (
                <option value={d.id} selected={filters.departmentId === d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-service">{t(lang, 'service')}</label>
            <select id="f-service" name="serviceCode">
              <option value="">{t(lang, 'crAny')}</option>
              {props.departments
                .filter((d) => servicesByDept.has(d.id))
                .map((d) => (
                  <optgroup label={d.name}>
                    {servicesByDept.get(d.id)!.map((s) => (
                      <option value={s.code} selected={filters.serviceCode === s.code}>
                        {s.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
            </select>
          </div>
          <button type="submit">{t(lang, 'crFilterApply')}</button>
        </form>
      </search>
      <h2>{t(lang, 'crResults')}</h2>
      {props.rows.length ? (
        <ol class="cr-list">
          {props.rows.map((row) => (
            <BoardItem lang={lang} row={row} headingLevel={3} />
          ))}
        </ol>
      ) : (
        <p>{t(lang, 'crBoardEmpty')}</p>
      )}
      <nav class="pager" aria-label={t(lang, 'crResults')}>
        {props.paged ? <a href={`/critiques/board${query(filters)}`}>{t(lang, 'crFirstPage')}</a> : null}
        {props.nextCursor ? (
          <a href={`/critiques/board${query(filters, { cursor: props.nextCursor })}`} rel="next">
            {t(lang, 'crNextPage')}
          </a>
        ) : null}
      </nav>
    </Layout>
  );
}
