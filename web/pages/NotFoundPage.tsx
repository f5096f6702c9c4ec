/** A page that does not exist, in the site's layout. */
import { Layout, type PageContext } from '../components/Layout.js';
import { t } from '../i18n.js';

export function NotFoundPage(props: { ctx: PageContext; message?: string }) {
  return (
    <Layout ctx={props.ctx} title={t(props.ctx.lang, 'notFoundTitle')}>
      <h1>{t(props.ctx.lang, 'notFoundTitle')}</h1>
      {props.message ? <p>{props.message}</p> : null}
      <p>
        <a href="/">{t(props.ctx.lang, 'navHome')}</a>
      </p>
    </Layout>
  );
}
