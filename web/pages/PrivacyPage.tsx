/**
 * `/privacy`: what personal information the public forms take, what for and for how
 * long (PIPL). The rating and critique forms say the same next to their fields and
 * link here.
 */
import { Layout, type PageContext } from '../components/Layout.js';
import { t } from '../i18n.js';

export function PrivacyPage(props: { ctx: PageContext }) {
  const { lang } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t(lang, 'privacyTitle')}>
      <h1>{t(lang, 'privacyTitle')}</h1>
      <p>{t(lang, 'privacyIntro')}</p>
      <h2>{t(lang, 'privacyRatingTitle')}</h2>
      <p>{t(lang, 'privacyRating')}</p>
      <h2>{t(lang, 'privacyCritiqueTitle')}</h2>
      <p>{t(lang, 'privacyCritique')}</p>
      <p>{t(lang, 'privacyNotShown')}</p>
    </Layout>
  );
}
