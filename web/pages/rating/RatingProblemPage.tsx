/** Why a rating link cannot be used: invalid, expired, unknown case or not completed yet. */
import { Layout, type PageContext } from '../../components/Layout.js';
import { type MessageKey, t } from '../../i18n.js';

export type RatingProblem = 'invalid' | 'expired' | 'missing' | 'notCompleted';

const TEXT: Record<RatingProblem, [MessageKey, MessageKey]> = {
  invalid: ['linkInvalidTitle', 'linkInvalid'],
  expired: ['linkExpiredTitle', 'linkExpired'],
  missing: ['caseMissingTitle', 'caseMissing'],
  notCompleted: ['notCompletedTitle', 'notCompleted'],
};

export function RatingProblemPage(props: { ctx: PageContext; problem: RatingProblem }) {
  const { lang } = props.ctx;
  const [title, body] = TEXT[props.problem];
  return (
    <Layout ctx={props.ctx} title={t(lang, title)}>
      <h1>{t(lang, title)}</h1>
      <p>{t(lang, body)}</p>
      <p>
        <a href={lang === 'en' ? '/?lang=en' : '/'}>{t(lang, 'navHome')}</a>
      </p>
    </Layout>
  );
}
