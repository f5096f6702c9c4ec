/** The efficiency office's queue of appeals against bad reviews, each with its ruling form. */
import type { StaffReviewView } from '../../../functions/usecases/ratings/views.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { t } from '../../i18n.js';
import { RatingStyles } from './RatingStyles.js';
import { ReviewFacts, RulingForm } from './ReviewDetailPage.js';

export function AppealsPage(props: {
  ctx: PageContext;
  items: StaffReviewView[];
  saved?: boolean;
  error?: string;
}) {
  const { ctx } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'appealsTitle')}>
      <RatingStyles />
      <h1>{t(lang, 'appealsTitle')}</h1>
      {props.saved ? (
        <p class="ok" role="status">
          {t(lang, 'saved')}
        </p>
      ) : null}
      {props.error ? (
        <div class="errors" role="alert">
          {props.error}
        </div>
      ) : null}
      {props.items.length === 0 ? <p>{t(lang, 'noAppeals')}</p> : null}
      {props.items.map((r) => (
        <article aria-label={r.caseId} class="card">
          <h2>
            <a href={`/staff/reviews/${encodeURIComponent(r.caseId)}`}>{r.caseId}</a> · {r.departmentId}
          </h2>
          <ReviewFacts ctx={ctx} r={r} />
          <RulingForm ctx={ctx} caseId={r.caseId} />
        </article>
      ))}
    </Layout>
  );
}
