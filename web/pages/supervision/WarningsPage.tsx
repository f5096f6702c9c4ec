/**
 * The live warnings board (`/staff/warnings`): counts by colour, department, district
 * and age, filters as a plain GET form, and the warned cases, most severe and oldest
 * first, each with a link to issue a supervision order (inspectors).
 */

import { AGE_BUCKETS, BOARD_LEVELS } from '../../../functions/domain/supervision/warnings-board.js';
import type { BoardView } from '../../../functions/usecases/supervision/warnings.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { type Lang, type MessageKey, t } from '../../i18n.js';
import { beijingTime, fill } from '../rankings/format.js';
import { SupervisionStyles } from './styles.js';

export const levelLabel = (lang: Lang, level: string) => t(lang, `svLevel_${level}` as MessageKey);

export function LevelBadge(props: { lang: Lang; level: string }) {
  return <span class={`lv lv-${props.level}`}>{levelLabel(props.lang, props.level)}</span>;
}

export interface BoardFilterValues {
  level?: string | undefined;
  departmentId?: string | undefined;
  district?: string | undefined;
  minAgeDays?: string | undefined;
}

export function WarningsPage(props: {
  ctx: PageContext;
  board: BoardView;
  departments: Map<string, string>;
  districts: string[];
  filter: BoardFilterValues;
  canIssue: boolean;
  /** Department staff see their own department only: no department filter. */
  ownDepartmentOnly: boolean;
}) {
  const { ctx, board, filter } = props;
  const { lang } = ctx;
  const s = board.summary;
  const dept = (id: string) => props.departments.get(id) ?? id;
  const query = new URLSearchParams(
    Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  );
  const page = (offset: number) => {
    const q = new URLSearchParams(query);
    q.set('offset', String(offset));
    return `/staff/warnings?${q}`;
  };
  const countsTable = <T extends { yellow: number; red: number; serious: number; total: number }>(
    id: string,
    caption: string,
    head: string,
    rows: T[],
    label: (row: T) => string,
  ) => (
    <table aria-labelledby={id}>
      <caption id={id}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          {BOARD_LEVELS.map((l) => (
            <th scope="col" class="num">
              {levelLabel(lang, l)}
            </th>
          ))}
          <th scope="col" class="num">
            {t(lang, 'svTotal')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">{label(r)}</th>
            <td class="num">{r.yellow}</td>
            <td class="num">{r.red}</td>
            <td class="num">{r.serious}</td>
            <td class="num">{r.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <Layout ctx={ctx} title={t(lang, 'svWarnings')}>
      <SupervisionStyles />
      <h1>{t(lang, 'svWarnings')}</h1>
      <p>{t(lang, 'svWarningsIntro')}</p>
      <p class="muted">
        {t(lang, 'svAsOf')}: {beijingTime(board.asOf)}
      </p>
      <div class="sv-cards">
        {BOARD_LEVELS.map((l) => (
          <div class="card">
            <LevelBadge lang={lang} level={l} />
            <div class="figure">{s.byLevel[l]}</div>
          </div>
        ))}
      </div>
      <form method="get" action="/staff/warnings" class="sv-filters no-print">
        <div>
          <label for="level">{t(lang, 'svLevel')}</label>
          <select id="level" name="level">
            <option value="">{t(lang, 'svAll')}</option>
            {BOARD_LEVELS.map((l) => (
              <option value={l} selected={filter.level === l}>
                {levelLabel(lang, l)}
              </option>
            ))}
          </select>
        </div>
        {props.ownDepartmentOnly ? null : (
          <div>
            <label for="departmentId">{t(lang, 'department')}</label>
            <select id="departmentId" name="departmentId">
              <option value="">{t(lang, 'svAll')}</option>
              {[...props.departments].map(([id, name]) => (
                <option value={id} selected={filter.departmentId === id}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label for="district">{t(lang, 'svDistrict')}</label>
          <select id="district" name="district">
            <option value="">{t(lang, 'svAll')}</option>
            {props.districts.map((d) => (
              <option value={d} selected={filter.district === d}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="minAgeDays">{t(lang, 'svMinAge')}</label>
          <input
            id="minAgeDays"
            name="minAgeDays"
            type="number"
            min="0"
            max="9999"
            value={filter.minAgeDays ?? ''}
          />
        </div>
        <div>
          <button type="submit" class="primary">
            {t(lang, 'svFilter')}
          </button>
        </div>
      </form>
      <div class="sv-grid">
        {countsTable('by-dept', t(lang, 'svByDepartment'), t(lang, 'department'), s.byDepartment, (r) =>
          dept(r.departmentId),
        )}
        {countsTable(
          'by-district',
          t(lang, 'svByDistrict'),
          t(lang, 'svDistrict'),
          s.byDistrict,
          (r) => r.district,
        )}
        {countsTable(
          'by-age',
          t(lang, 'svByAge'),
          t(lang, 'svElapsed'),
          s.byAge,
          (r) => AGE_BUCKETS.find((b) => b.id === r.bucket)!.id,
        )}
      </div>
      <h2>{t(lang, 'svCases')}</h2>
      {board.items.length ? (
        <>
          <p>
            {fill(t(lang, 'svShowing'), {
              from: board.offset + 1,
              to: board.offset + board.items.length,
              total: board.total,
            })}{' '}
            · <a href={`/staff/warnings.csv?${query}`}>{t(lang, 'downloadCsv')}</a>
          </p>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t(lang, 'svCases')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'svCase')}</th>
                  <th scope="col">{t(lang, 'svLevel')}</th>
                  <th scope="col">{t(lang, 'department')}</th>
                  <th scope="col">{t(lang, 'svDistrict')}</th>
                  <th scope="col">{t(lang, 'service')}</th>
                  <th scope="col">{t(lang, 'svAccepted')}</th>
                  <th scope="col" class="num">
                    {t(lang, 'svElapsed')}
                  </th>
                  <th scope="col" class="num">
                    {t(lang, 'svLimits')}
                  </th>
                  <th scope="col" class="num">
                    {t(lang, 'svDaysOver')}
                  </th>
                  {props.canIssue ? <th scope="col">{t(lang, 'svIssueOrder')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {board.items.map((c) => (
                  <tr>
                    <th scope="row">{c.caseId}</th>
                    <td>
                      <LevelBadge lang={lang} level={c.warning} />
                    </td>
                    <td>{dept(c.departmentId)}</td>
                    <td>{c.district ?? '—'}</td>
                    <td>{c.serviceCode}</td>
                    <td>{c.acceptedDate}</td>
                    <td class="num">{c.elapsedDays}</td>
                    <td class="num">
                      {c.promisedDays}/{c.statutoryDays}
                    </td>
                    <td class="num">{c.daysOver}</td>
                    {props.canIssue ? (
                      <td>
                        <a
                          href={`/staff/orders?targetType=case&targetId=${encodeURIComponent(c.caseId)}#issue`}
                          aria-label={`${t(lang, 'svIssueOrder')}: ${c.caseId}`}
                        >
                          {t(lang, 'svIssueOrder')}
                        </a>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label={t(lang, 'svCases')} class="no-print">
            {board.offset > 0 ? (
              <a href={page(Math.max(0, board.offset - board.limit))}>{t(lang, 'svPrevious')}</a>
            ) : null}{' '}
            {board.offset + board.items.length < board.total ? (
              <a href={page(board.offset + board.limit)}>{t(lang, 'svNext')}</a>
            ) : null}
          </nav>
        </>
      ) : (
        <p>{t(lang, 'svNone')}</p>
      )}
    </Layout>
  );
}
