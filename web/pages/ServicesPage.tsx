/**
 * The services index: search by name or code, sort by speed-up (promised vs statutory)
 * or name. Works as a plain GET form without JavaScript.
 */
import type { Service } from '../../functions/domain/catalogue.js';
import { speedUp } from '../../functions/domain/catalogue.js';
import { Layout, type PageContext } from '../components/Layout.js';
import { percent, t } from '../i18n.js';

export function ServicesPage(props: {
  ctx: PageContext;
  services: Service[];
  departments: Map<string, string>;
  q: string;
  sort: 'speedup' | 'name';
}) {
  const { ctx, q, sort } = props;
  const { lang } = ctx;
  const needle = q.trim().toLowerCase();
  const rows = props.services
    .filter((s) => !needle || s.name.toLowerCase().includes(needle) || s.code.toLowerCase().includes(needle))
    .map((s) => ({ ...s, speedUp: speedUp(s.promisedDays, s.statutoryDays) }))
    .sort((a, b) =>
      sort === 'name' ? a.name.localeCompare(b.name, 'zh-CN') : (b.speedUp ?? -1) - (a.speedUp ?? -1),
    );
  return (
    <Layout ctx={ctx} title={t(lang, 'navServices')}>
      <h1>{t(lang, 'navServices')}</h1>
      <search>
        <form method="get" action="/services">
          <label for="q">{t(lang, 'search')}</label>
          <input id="q" name="q" type="search" value={q} />
          <label for="sort">{t(lang, 'sortBy')}</label>
          <select id="sort" name="sort">
            <option value="speedup" selected={sort === 'speedup'}>
              {t(lang, 'sortSpeedUp')}
            </option>
            <option value="name" selected={sort === 'name'}>
              {t(lang, 'sortName')}
            </option>
          </select>{' '}
          <button type="submit">{t(lang, 'search')}</button>
        </form>
      </search>
      <section class="table-wrap" tabindex={0} aria-label={t(lang, 'navServices')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'service')}</th>
              <th scope="col">{t(lang, 'department')}</th>
              <th scope="col" class="num">
                {t(lang, 'statutory')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'promised')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'sortSpeedUp')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr>
                <td>
                  <a href={`/services/${encodeURIComponent(s.code)}`}>{s.name}</a>
                </td>
                <td>{props.departments.get(s.departmentId) ?? s.departmentId}</td>
                <td class="num">{s.statutoryDays}</td>
                <td class="num">{s.promisedDays}</td>
                <td class="num">{percent(lang, s.speedUp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
