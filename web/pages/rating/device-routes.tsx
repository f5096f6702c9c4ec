/**
 * The window rating device (评价器) `/rate/device`: the setup form stores the
 * office-issued device key in an HttpOnly cookie of the tablet; the page offers the
 * next case of the key's window and staff member as five large buttons, and its POST
 * rates through the same use case as the system API (channel `window-device`), then
 * resets to the next case. web/client/device.ts queues ratings while offline.
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isRefusal } from '../../../functions/domain/refusal.js';
import { platform } from '../../../functions/platform.js';
import { rateWithKey } from '../../../functions/usecases/ratings/channel-rating.js';
import { deviceKeyOf, nextDeviceCase } from '../../../functions/usecases/ratings/device.js';
import { errorText, pageStatusOf } from '../../error-text.js';
import { t } from '../../i18n.js';
import { formOf } from '../../page-guard.js';
import { html, pageContext } from '../../render.js';
import { cookieOptions } from '../../session.js';
import { DevicePage, DeviceSetupPage } from './DevicePage.js';

const DEVICE_COOKIE = 'wp_device';
const DEVICE_PATH = '/rate/device';
/** A device stays set up for a year, or until its key is revoked. */
const DEVICE_COOKIE_SECONDS = 365 * 24 * 3600;

const keyOfDevice = (c: Context) => deviceKeyOf(platform(), getCookie(c, DEVICE_COOKIE));

async function devicePage(c: Context, notice?: string, status: 200 | 400 | 403 | 404 | 409 = 200) {
  const ctx = await pageContext(c);
  const key = await keyOfDevice(c);
  if (!key) return html(c, <DeviceSetupPage ctx={ctx} />, getCookie(c, DEVICE_COOKIE) ? 401 : 200);
  const next = await nextDeviceCase(platform(), key);
  return html(
    c,
    <DevicePage ctx={ctx} next={next} done={c.req.query('done') === '1'} notice={notice} />,
    status,
  );
}

export function registerDevicePages(app: Hono): void {
  app.get(DEVICE_PATH, (c) => devicePage(c));

  app.post(`${DEVICE_PATH}/setup`, async (c) => {
    const apiKey = ((await formOf(c)).key ?? '').trim();
    const key = await deviceKeyOf(platform(), apiKey);
    if (!key) {
      const ctx = await pageContext(c);
      return html(c, <DeviceSetupPage ctx={ctx} error={t(ctx.lang, 'deviceKeyInvalid')} />, 401);
    }
    setCookie(
      c,
      DEVICE_COOKIE,
      apiKey,
      cookieOptions(c, {
        path: DEVICE_PATH,
        httpOnly: true,
        sameSite: 'Strict',
        maxAge: DEVICE_COOKIE_SECONDS,
      }),
    );
    return c.redirect(DEVICE_PATH, 303);
  });

  app.post(DEVICE_PATH, async (c) => {
    const form = await formOf(c);
    const key = await keyOfDevice(c);
    if (!key) {
      deleteCookie(c, DEVICE_COOKIE, cookieOptions(c, { path: DEVICE_PATH }));
      const ctx = await pageContext(c);
      return html(c, <DeviceSetupPage ctx={ctx} error={t(ctx.lang, 'deviceKeyInvalid')} />, 401);
    }
    try {
      await rateWithKey(platform(), key, { caseId: form.caseId, score: Number(form.score) });
      return c.redirect(`${DEVICE_PATH}?done=1`, 303);
    } catch (err) {
      if (!isRefusal(err)) throw err;
      const ctx = await pageContext(c);
      const notice = isRefusal(err, 'already_rated')
        ? t(ctx.lang, 'deviceAlreadyRated')
        : errorText(ctx.lang, err, { detail: true });
      return devicePage(c, notice, pageStatusOf(err) as 400 | 403 | 404 | 409);
    }
  });
}
