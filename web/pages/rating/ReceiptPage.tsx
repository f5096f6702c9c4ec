/**
 * The printable receipt a window hands over or shows: the case, and the rating link as
 * a QR code drawn on the server, with the link spelled out and its validity.
 */
import { Layout, type PageContext } from '../../components/Layout.js';
import { dateLabel, t } from '../../i18n.js';
import { CaseFacts, type CaseSummary } from './RatePage.js';
import { RatingStyles } from './RatingStyles.js';

export function ReceiptPage(props: {
  ctx: PageContext;
  info: CaseSummary;
  ratingUrl: string;
  qr: string;
  validUntil: string;
}) {
  const { ctx } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'receiptTitle')}>
      <RatingStyles />
      <h1>{t(lang, 'receiptTitle')}</h1>
      <CaseFacts ctx={ctx} info={props.info} />
      <p>
        <strong>{t(lang, 'receiptScan')}</strong>
      </p>
      <img class="qr" src={props.qr} alt={t(lang, 'receiptQrAlt')} width={320} height={320} />
      <p class="link-text">{props.ratingUrl}</p>
      <p>
        {t(lang, 'receiptValidUntil')} {dateLabel(lang, props.validUntil)}
      </p>
      <p class="receipt-actions muted">{t(lang, 'receiptPrint')}</p>
      <p class="receipt-actions">
        <a class="button primary" href={props.ratingUrl}>
          {t(lang, 'receiptOpen')}
        </a>
      </p>
    </Layout>
  );
}
