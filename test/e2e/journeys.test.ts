/**
 * Each role's main journey through the site in real Chromium, on a platform with two
 * years of cases, ratings and a published ranking: a citizen rates a case from a
 * receipt's link and reads a service's curves; a nitpicker files and follows a
 * critique (keyboard only); department staff answer a bad review and a critique; the
 * efficiency office publishes a ranking and grants a woodpecker award; an inspector
 * pulls a report. Every page visited passes axe (WCAG 2 A and AA). Also: one layout
 * with the signed-in role and only its pages, the English switch on every page, a
 * 375 px screen without horizontal scrolling, the remembered elderly-friendly mode,
 * and the README's screenshots (docs/screenshots/*.png).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, CHROMIUM_PATH, NO_CHROMIUM_MESSAGE, newPage, signIn } from '../support/browser.js';
import { seedTaxAndCivil } from '../support/test-platform.js';
import { startBrowserTier, stopBrowserTier, type TestServer } from '../support/test-server.js';

if (!CHROMIUM_PATH) console.warn(NO_CHROMIUM_MESSAGE);

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
const TODAY = '2026-11-19';

interface ServiceShape {
  code: string;
  /** Mean working days at the start and at the end of the two years. */
  from: number;
  to: number;
}

const SHAPES: ServiceShape[] = [
  { code: 'FOOD', from: 7, to: 3 },
  { code: 'BUILD', from: 14, to: 9 },
  { code: 'TAX', from: 6, to: 2 },
  { code: 'CIVIL', from: 9, to: 7 },
];

function months(): string[] {
  const out: string[] = [];
  for (let i = 23; i >= 0; i--) {
    const d = new Date(Date.UTC(2026, 10 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/** Add calendar days to a YYYY-MM-DD date. */
function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Two years of completed cases per service, getting faster, busier in the last three months. */
function demoCases() {
  const all = months();
  const cases: Record<string, unknown>[] = [];
  all.forEach((month, m) => {
    const perService = m >= all.length - 3 ? 12 : 5;
    for (const s of SHAPES) {
      const mean = s.from + ((s.to - s.from) * m) / (all.length - 1);
      for (let i = 0; i < perService; i++) {
        const accepted = `${month}-${String(2 + (i % 8)).padStart(2, '0')}`;
        const workingDays = Math.max(1, Math.round(mean + ((i % 5) - 2) * 0.8));
        let completed = plusDays(accepted, Math.round((workingDays * 7) / 5));
        if (completed > TODAY) completed = TODAY;
        cases.push({
          caseId: `${s.code}-${month}-${i}`,
          serviceCode: s.code,
          acceptedAt: `${accepted}T09:30:00+08:00`,
          completedAt: `${completed}T16:00:00+08:00`,
          ...(s.code === 'FOOD' ? { windowId: 'market-w1', staffId: `s${i % 3}` } : {}),
        });
      }
    }
  });
  return cases;
}

describe.runIf(CHROMIUM_PATH)('every role’s journey in Chromium', () => {
  let s: TestServer;
  let browser: Browser;
  let citizenLink: string;
  let trackingCode: string;
  const visited = new Set<string>();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ server: s, browser } = await startBrowserTier({ now: '2026-11-20T10:00:00+08:00' }));
    await seedTaxAndCivil(s, { name: '社会团体成立登记', promisedDays: 8 });
    const system = await s.token('system');
    const cases = demoCases();
    const links = new Map<string, string>();
    for (let i = 0; i < cases.length; i += 250) {
      const res = await s.call('POST', '/api/v1/cases:batch', {
        token: system,
        body: { cases: cases.slice(i, i + 250) },
      });
      expect(res.status).toBe(200);
      for (const r of res.body.results) {
        expect(r.status).toBe('created');
        links.set(r.caseId, r.ratingUrl);
      }
    }
    // The citizen's own case, finished yesterday at market window 1.
    const mine = await s.call('POST', '/api/v1/cases:batch', {
      token: system,
      body: {
        cases: [
          {
            caseId: 'CITIZEN-1',
            serviceCode: 'FOOD',
            acceptedAt: '2026-11-12T09:00:00+08:00',
            completedAt: '2026-11-19T15:00:00+08:00',
            windowId: 'market-w1',
            staffId: 's1',
          },
        ],
      },
    });
    citizenLink = mine.body.results[0].ratingUrl;
    // Enough ratings this month for public satisfaction figures (10 or more).
    const recent = [...links].filter(([id]) => id.includes('2026-11')).slice(0, 16);
    for (const [n, [caseId, url]] of recent.entries()) {
      const token = new URL(url).searchParams.get('t');
      const res = await s.call('POST', '/api/v1/ratings', {
        body: { caseId, token, score: n % 7 === 3 ? 3 : n % 3 ? 5 : 4 },
      });
      expect(res.status).toBe(201);
    }
    await s.drain();
  }, 300_000);

  afterAll(() => stopBrowserTier({ server: s, browser }));

  /** A context signed in as staff (or anonymous), with a page in it. */
  async function open(
    options: {
      token?: string;
      viewport?: { width: number; height: number };
      javaScriptEnabled?: boolean;
    } = {},
  ): Promise<Page> {
    const page = await newPage(browser, options);
    return options.token ? signIn(page, s.url, options.token) : page;
  }

  /** The current page passes axe; noted as visited. */
  async function expectAccessible(page: Page) {
    expect(await axeViolations(page), page.url()).toEqual([]);
    visited.add(new URL(page.url()).pathname);
  }

  async function visit(page: Page, url: string, status = 200) {
    const res = await page.goto(url.startsWith('http') ? url : `${s.url}${url}`);
    expect(res?.status(), url).toBe(status);
    await expectAccessible(page);
  }

  /** Press Tab until the focused element matches `selector`; fails after `max` presses. */
  async function tabTo(page: Page, selector: string, max = 80) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) {
        // The focus is visible: an outline (or the browser's ring) is drawn.
        const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
        expect(outline, selector).not.toBe('none');
        return;
      }
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  async function noHorizontalScroll(page: Page) {
    const { scroll, width } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: window.innerWidth,
    }));
    expect(scroll, `${page.url()} is ${scroll}px wide on a ${width}px screen`).toBeLessThanOrEqual(width);
  }

  async function shoot(page: Page, name: string) {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  }

  it('a citizen rates a case from the receipt’s link and reads the service’s curves', async () => {
    const page = await open({ viewport: PHONE });
    await visit(page, citizenLink.replace('/rate/', '/receipt/'));
    await expect(page.locator('img.qr').getAttribute('alt')).resolves.toBeTruthy();
    await page.getByRole('link', { name: '打开评价页面' }).click();
    await page.waitForURL(citizenLink);
    await expectAccessible(page);
    await noHorizontalScroll(page);
    await shoot(page, 'rate-phone');
    // Keyboard only: the five levels are one radio group, arrow keys move within it.
    await tabTo(page, 'input[name=score]');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('非常不满意').isChecked()).resolves.toBe(true);
    await tabTo(page, '#comment');
    await page.keyboard.type('窗口说材料不全，但清单上没有写。');
    await tabTo(page, 'input[name=callback]');
    await page.keyboard.press('Space');
    await tabTo(page, '#cb-name');
    await page.keyboard.type('赵女士');
    await tabTo(page, '#cb-phone');
    await page.keyboard.type('13912340000');
    // Purpose and retention are stated next to the consent box (PIPL).
    const consent = (await page.locator('label:has(input[name=consent])').textContent()) ?? '';
    expect(consent).toContain('回访');
    expect(consent).toContain('180天');
    await tabTo(page, 'input[name=consent]');
    await page.keyboard.press('Space');
    await tabTo(page, 'form.rate-form button[type=submit]');
    await Promise.all([page.waitForURL(/done=1/), page.keyboard.press('Enter')]);
    await expect(page.locator('h1').textContent()).resolves.toBe('感谢您的评价');
    await expectAccessible(page);

    // Then the service's curves, from the site's own navigation.
    await s.drain();
    await page.setViewportSize(DESKTOP);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '服务事项' }).click();
    await expectAccessible(page);
    await page.getByRole('link', { name: '食品经营许可' }).click();
    await page.waitForURL(/\/services\/FOOD$/);
    await page.locator('.chart-wrap[data-ready=true]').waitFor({ timeout: 15_000 });
    await expect(page.locator('.legend').textContent()).resolves.toContain('虚线');
    await expect(page.locator('#curves-title ~ .table-wrap tbody tr').count()).resolves.toBe(24);
    await expect(page.locator('#satisfaction-title').textContent()).resolves.toBe('好差评');
    await expectAccessible(page);
    await shoot(page, 'service');
    await page.context().close();
  });

  it('a nitpicker files a critique with the keyboard alone and follows it by its tracking code', async () => {
    const page = await open();
    await visit(page, '/critiques');
    await page.getByRole('link', { name: '我要找茬' }).first().click();
    await page.waitForURL(/\/critiques\/new$/);
    await expectAccessible(page);
    await tabTo(page, 'input[name=category]');
    await page.keyboard.press('Space');
    await expect(page.getByLabel(/^纠错/).isChecked()).resolves.toBe(true);
    await tabTo(page, '#target');
    await page.locator('#target').selectOption('service:FOOD'); // the same as arrowing to it
    await tabTo(page, '#text');
    await page.keyboard.type('办事指南写着需要营业执照复印件，窗口却说要原件，请统一。');
    await tabTo(page, '#nickname');
    await page.keyboard.type('较真的老王');
    await tabTo(page, '#contact');
    await page.keyboard.type('laowang@example.cn');
    // Without consent to its purpose the contact is refused, and the form keeps what was typed.
    await tabTo(page, '.cr-form button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForLoadState();
    await expect(page.locator('.errors[role=alert]').textContent()).resolves.toContain('勾选同意');
    await expect(page.locator('#text').inputValue()).resolves.toContain('请统一');
    await expectAccessible(page);
    await expect(page.locator('#contact-hint').textContent()).resolves.toContain('仅用于通知');
    await tabTo(page, 'input[name=consent]');
    await page.keyboard.press('Space');
    await tabTo(page, '.cr-form button[type=submit]');
    await Promise.all([page.waitForURL(/\?new=1&key=[0-9A-Z]{26}$/), page.keyboard.press('Enter')]);
    trackingCode = (await page.locator('.ok .code').textContent())!.trim();
    expect(trackingCode).toMatch(/^[0-9A-Z]{10}$/);
    await expectAccessible(page);
    expect(await page.content()).not.toContain('laowang@example.cn');

    // Later: follows it from the board with the tracking code.
    await visit(page, '/critiques');
    await page.locator('#track-code').fill(trackingCode);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(new RegExp(`/critiques/${trackingCode}$`));
    await expect(page.locator('h1').textContent()).resolves.toBe('纠错 · 食品经营许可');
    await expectAccessible(page);
    await page.context().close();
  });

  it('department staff see only their console, answer the bad review and the critique', async () => {
    const office = await s.token('office');
    const routed = await s.call('POST', `/api/v1/staff/critiques/${trackingCode}/route`, {
      token: office,
      body: { departmentId: 'market' },
    });
    expect(routed.status).toBe(200);

    const page = await open({ token: await s.token('department', 'market') });
    await visit(page, '/staff');
    const staffNav = page.getByRole('navigation', { name: '工作台导航' });
    await expect(staffNav.locator('.who').textContent()).resolves.toContain('部门工作人员（市场监督管理局）');
    await expect(page.locator('section.console').count()).resolves.toBe(1);
    await expect(page.locator('section.console h2').textContent()).resolves.toBe('部门工作台');
    // Only the department's pages: no appeals ruling, no ranking console, no Open311 keys.
    const hrefs = await staffNav.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain('/staff/reviews');
    expect(hrefs).toContain('/staff/critiques');
    expect(hrefs).not.toContain('/staff/appeals');
    expect(hrefs).not.toContain('/staff/rankings');
    expect(hrefs).not.toContain('/staff/open311-keys');
    await shoot(page, 'staff-department');

    // The bad review: call back, then record the rectification.
    await staffNav.getByRole('link', { name: '差评整改' }).click();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'CITIZEN-1' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('139****0000');
    await expectAccessible(page);
    await page.locator('#cb-outcome').selectOption('explained');
    await page.locator('#cb-note').fill('已致电说明：原件核验后当场退还。');
    await page.locator('form[action$="/callback"] button[type=submit]').click();
    await page.waitForURL(/saved=1$/);
    await page.locator('#rect-plan').fill('在办事指南和窗口告知单上写明“原件核验后退还”。');
    await page.locator('#rect-status').selectOption('done');
    await page.locator('#rect-evidence').fill('告知单已更新并张贴');
    await page.locator('form[action$="/rectification"] button[type=submit]').click();
    await page.waitForURL(/saved=1$/);
    await expect(page.locator('.ok[role=status]').textContent()).resolves.toContain('已保存');
    await expectAccessible(page);

    // The critique: answer it in public and record what changed.
    await staffNav.getByRole('link', { name: '找茬办理' }).click();
    await expectAccessible(page);
    await page.locator(`a[href="/staff/critiques/${trackingCode}"]`).click();
    await expectAccessible(page);
    await page.locator('#reply-text').fill('感谢指正：复印件即可，窗口已统一口径。');
    await page.getByRole('button', { name: '公开答复' }).click();
    await page.waitForURL(/saved=1$/);
    await page.locator('#rectify-text').fill('办事指南与窗口告知单已统一为“复印件即可”。');
    await page.locator('form[action$="/rectify"] button[type=submit]').click();
    await page.waitForURL(/saved=1$/);
    await expectAccessible(page);
    await page.context().close();

    // The nitpicker sees the answer on the critique's page.
    const nitpicker = await open();
    await visit(nitpicker, `/critiques/${trackingCode}`);
    await expect(nitpicker.locator('section.cr-answer').first().textContent()).resolves.toContain(
      '复印件即可',
    );
    await nitpicker.context().close();
  });

  it('the efficiency office publishes a ranking and grants a woodpecker award', async () => {
    const page = await open({ token: await s.token('office') });
    await visit(page, '/staff');
    await expect(page.locator('section.console h2').allTextContents()).resolves.toEqual(['效能办工作台']);
    await expect(page.locator('.nav-staff .who').textContent()).resolves.toContain('效能办');
    await page
      .getByRole('navigation', { name: '工作台导航' })
      .getByRole('link', { name: '效能评议（效能办）' })
      .click();
    await page.waitForURL(/\/staff\/rankings$/);
    await expectAccessible(page);
    await page.locator('#scope').selectOption('department');
    await page.locator('#period').fill('2026-10');
    await page.locator('form[action="/staff/rankings/drafts"] button[type=submit]').click();
    await page.waitForURL(/\/staff\/rankings\/department\/2026-10\/\d+$/);
    await expectAccessible(page);
    await page.getByRole('button', { name: '发布（发布后不可修改）' }).click();
    await page.waitForURL(/\/rankings\/department\/2026-10$/);
    await expect(page.locator('h1').textContent()).resolves.toContain('2026年10月');
    await expectAccessible(page);

    await visit(page, `/staff/critiques/${trackingCode}`);
    await page.locator('#citation').fill('让办事指南和窗口说同一句话。');
    await page.getByRole('button', { name: '授予啄木鸟奖' }).click();
    await page.waitForURL(/saved=1$/);
    await expectAccessible(page);
    await s.drain();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '啄木鸟奖' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('让办事指南和窗口说同一句话。');
    await expect(page.locator('table tbody th').first().textContent()).resolves.toBe('较真的老王');
    await expectAccessible(page);
    await page.context().close();
  });

  it('an inspector pulls a report', async () => {
    const page = await open({ token: await s.token('inspector') });
    await visit(page, '/staff');
    await expect(page.locator('section.console h2').allTextContents()).resolves.toEqual(['督查工作台']);
    const hrefs = await page
      .locator('.nav-staff a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain('/staff/reports');
    expect(hrefs).not.toContain('/staff/rankings');
    expect(hrefs).not.toContain('/staff/appeals');
    await page.locator('.nav-staff').getByRole('link', { name: '督查报告' }).click();
    await expectAccessible(page);
    await page.selectOption('#scope', 'department');
    await page.fill('#id', 'market');
    await page.fill('#period', '2026-10');
    await page.getByRole('button', { name: '生成报告' }).click();
    await page.waitForURL(/\/staff\/reports\?scope=department&id=market&period=2026-10/);
    await expect(page.locator('#report-title').textContent()).resolves.toContain('市场监督管理局');
    await expect(page.getByRole('link', { name: '下载 CSV' }).count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page);
    await shoot(page, 'report');
    await page.context().close();
  });

  it('the home page tells the story at a glance', async () => {
    const page = await open();
    await visit(page, '/');
    const glance = (await page.locator('#home-glance ~ .cards').textContent()) ?? '';
    expect(glance).toContain('实际办理比法定时限提速');
    expect(glance).toContain('群众满意度');
    expect(glance).not.toContain('样本不足');
    expect(glance).toContain('找茬按时答复率');
    // The latest league table's top and bottom, from the published ranking.
    await expect(page.locator('#home-top ~ ul li').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#home-bottom ~ ul li').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#home-league').locator('..').textContent()).resolves.toContain('2026年10月');
    // Month by month: the last 12 months, newest first, with the improvement in words.
    await expect(page.locator('#home-trend ~ .table-wrap tbody tr').count()).resolves.toBe(12);
    await expect(page.locator('#home-trend ~ p.lead').textContent()).resolves.toMatch(/快 \d+%/);
    await page.locator('.chart-wrap[data-ready=true]').waitFor({ timeout: 15_000 });
    await shoot(page, 'home');
    await page.setViewportSize(PHONE);
    await noHorizontalScroll(page);
    await shoot(page, 'home-phone');
    await page.context().close();
  });

  it('every page offers English, in the same layout, and passes axe there too', async () => {
    const page = await open();
    for (const url of [
      '/',
      '/services',
      '/departments',
      '/departments/market',
      '/rankings',
      '/critiques',
      '/hall-of-fame',
      '/privacy',
    ]) {
      await visit(page, url);
      const link = page.locator('.lang-switch');
      await expect(link.getAttribute('hreflang')).resolves.toBe('en');
      await link.click();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      const chrome = await page.locator('header, footer').allTextContents();
      // Every label of the layout comes from the catalogue: nothing Chinese but the switch back.
      expect(chrome.join(' ').replace('中文', ''), url).not.toMatch(/[\u4e00-\u9fff]/);
      await expectAccessible(page);
      // The switch back to Chinese is remembered by the next page.
      await page.locator('.lang-switch').click();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    }
    await visit(page, '/?lang=en');
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'How fast and how well is the city serving you?',
    );
    await expect(page.locator('#home-trend ~ .table-wrap tbody th').first().textContent()).resolves.toBe(
      'Nov 2026',
    );
    await page.context().close();
  });

  it('fits a 375 px screen without horizontal scrolling, signed out and signed in', async () => {
    const pages: [string | undefined, string[]][] = [
      [
        undefined,
        [
          '/',
          '/services',
          '/services/FOOD',
          '/departments/market',
          '/rankings',
          '/rankings/department/2026-10',
          '/critiques',
          '/critiques/new',
          `/critiques/${trackingCode}`,
          '/hall-of-fame',
          '/privacy',
        ],
      ],
      [
        await s.token('department', 'market'),
        ['/staff', '/staff/reviews', '/staff/reviews/CITIZEN-1', '/staff/critiques'],
      ],
      [await s.token('office'), ['/staff', '/staff/rankings', '/staff/appeals']],
      [
        await s.token('inspector'),
        ['/staff/warnings', '/staff/reports?scope=department&id=market&period=2026-10'],
      ],
    ];
    for (const [token, urls] of pages) {
      const page = await open({ token, viewport: PHONE });
      for (const url of urls) {
        await page.goto(`${s.url}${url}`);
        await noHorizontalScroll(page);
      }
      await page.context().close();
    }
  });

  it('keeps the elderly-friendly mode across pages: larger text, higher contrast, simpler pages', async () => {
    const page = await open({ viewport: PHONE });
    await visit(page, '/services/FOOD');
    const normal = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
    await expect(page.locator('.chart-wrap').isVisible()).resolves.toBe(true);
    const toggle = page.getByRole('button', { name: '长者模式' });
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('false');
    await toggle.click();
    await page.waitForURL(/\/services\/FOOD$/);
    await expect(page.getByRole('button', { name: '长者模式' }).getAttribute('aria-pressed')).resolves.toBe(
      'true',
    );
    const large = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
    expect(large).toBeGreaterThanOrEqual(normal * 1.25);
    // Simpler: the chart and its script give way to the data table, which stays.
    await expect(page.locator('.chart-wrap').isVisible()).resolves.toBe(false);
    await expect(page.locator('script[src="/assets/curves.js"]').count()).resolves.toBe(0);
    await expect(page.locator('#curves-title ~ .table-wrap table').isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => getComputedStyle(document.body).color)).resolves.toBe('rgb(0, 0, 0)');
    await expectAccessible(page);
    await noHorizontalScroll(page);
    // Remembered: the next page (and the next visit) is in the same mode.
    const cookie = (await page.context().cookies()).find((c) => c.name === 'wp_elder');
    expect(cookie?.value).toBe('1');
    expect(cookie!.expires).toBeGreaterThan(Date.now() / 1000 + 300 * 86400);
    await visit(page, '/');
    await expect(page.locator('html').getAttribute('class')).resolves.toBe('elder');
    await noHorizontalScroll(page);
    await shoot(page, 'home-elder-phone');
    await page.getByRole('button', { name: '长者模式' }).click();
    await page.waitForURL(`${s.url}/`);
    await expect(page.locator('html').getAttribute('class')).resolves.toBeNull();
    await page.context().close();
  });

  it('visited every main page of the public site and the consoles', () => {
    for (const p of [
      '/',
      '/services',
      '/services/FOOD',
      '/critiques',
      '/critiques/new',
      '/hall-of-fame',
      '/staff',
      '/staff/reviews',
      '/staff/critiques',
      '/staff/rankings',
      '/staff/reports',
    ]) {
      expect(visited, p).toContain(p);
    }
  });
});
