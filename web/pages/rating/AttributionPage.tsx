/**
 * 评价到人: a department's figures per window and per staff member, for its own staff
 * (and the office and inspectors). Never linked from or shown on the public site.
 */
import type { Department } from '../../../functions/domain/catalogue.js';
import type { DepartmentSatisfaction } from '../../../functions/usecases/ratings/satisfaction.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { t } from '../../i18n.js';
import { RatingStyles } from './RatingStyles.js';
import { DistributionList, MonthlyTable, SatisfactionCards, UnitTable } from './SatisfactionPanel.js';

export function AttributionPage(props: {
  ctx: PageContext;
  data: DepartmentSatisfaction;
  departments: Department[];
  canPickDepartment: boolean;
}) {
  const { ctx, data } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'attributionTitle')}>
      <RatingStyles />
      <h1>
        {t(lang, 'attributionTitle')} · {data.department.name}
      </h1>
      {props.canPickDepartment ? (
        <form method="get" action="/staff/ratings" class="inline-form">
          <div>
            <label for="a-dept">{t(lang, 'filterDepartment')}</label>
            <select id="a-dept" name="departmentId">
              {props.departments.map((d) => (
                <option value={d.id} selected={d.id === data.department.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t(lang, 'filterShow')}</button>
        </form>
      ) : null}
      <p class="muted">
        {data.from} – {data.to}
      </p>
      <SatisfactionCards lang={lang} s={data.summary} />
      <DistributionList lang={lang} s={data.summary} id="attr-dist" />
      <h2>{t(lang, 'byWindow')}</h2>
      <UnitTable
        lang={lang}
        rows={data.windows}
        nameHeader={t(lang, 'windowCol')}
        caption={t(lang, 'byWindow')}
      />
      <h2>{t(lang, 'byStaff')}</h2>
      <UnitTable
        lang={lang}
        rows={data.staff ?? []}
        nameHeader={t(lang, 'staffCol')}
        caption={t(lang, 'byStaff')}
      />
      <h2>{t(lang, 'byMonth')}</h2>
      <MonthlyTable lang={lang} series={data.series} caption={t(lang, 'byMonth')} />
    </Layout>
  );
}
