/**
 * Security checks across the whole site and API:
 * - every rendered page (enumerated from `mountSite`, as anonymous and as staff)
 *   carries a CSP with frame-ancestors, X-Content-Type-Options, X-Frame-Options and
 *   Referrer-Policy;
 * - hostile user text (`<script>`, `"><img onerror>`) in critiques, replies, awards,
 *   rating comments and supervision orders renders escaped on every page that shows it,
 *   and never raw anywhere;
 * - phone and ID-card numbers are masked in every public view: API, CSV, pages, Open311;
 * - no secret in the repository's files, nor in the Lambda bundles (built with the
 *   deployed esbuild settings) or the browser bundle.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  esbuildBuildOptions,
  functionEntries,
  projectRoot,
} from '../../infra/constructs/bundling-options.js';
import { buildClientBundle } from '../../web/assets.js';
import {
  buildWorld,
  DEPT_A,
  ID_NUMBER,
  type Identity,
  PHONE,
  rawCall,
  type World,
  XSS_ATTR,
  XSS_SCRIPT,
} from '../support/proof-world.js';
import { apiRoutes, pageRoutes, ROUTE_TABLE, type RouteRef } from '../support/route-catalogue.js';
import { SITE_ORIGIN, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
let w: World;
/** A supervision order whose title and instructions are hostile. */
let xssOrder: string;
const q = encodeURIComponent;

/** The hostile strings exactly as Hono JSX escapes them. */
const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
const RAW_MARKERS = ['<script>alert("wp-xss")', '<img src=x onerror', 'onerror=alert(1)>'];
const ESCAPED_SCRIPT = escapeHtml(XSS_SCRIPT);
const ESCAPED_ATTR = escapeHtml(XSS_ATTR);
/** The numbers in any of the forms people write them. */
const PHONE_FORMS = /138[- ]?1234[- ]?5678/;
const ID_FORMS = new RegExp(ID_NUMBER);

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  w = await buildWorld(t);
  const { office, inspector, deptA } = w.tokens;
  const ok = async (res: Promise<{ status: number; text: string }>, what: string) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text.slice(0, 200)}`);
  };
  // More hostile text, each in a place the public or staff see.
  await ok(
    t.call('POST', `/api/v1/staff/critiques/${w.critiqueRouted}/reply`, {
      token: deptA,
      body: { text: `答复 ${XSS_SCRIPT} ${XSS_ATTR} 联系 ${PHONE}` },
    }),
    'reply',
  );
  await ok(
    t.call('POST', `/api/v1/staff/critiques/${w.critiqueRouted}/rectify`, {
      token: deptA,
      body: { text: `已整改 ${XSS_ATTR}` },
    }),
    'rectify',
  );
  await ok(
    t.call('POST', `/api/v1/staff/critiques/${w.critiqueRouted}/award`, {
      token: office,
      body: { citation: `嘉奖 ${XSS_SCRIPT} ${XSS_ATTR}` },
    }),
    'award',
  );
  await ok(
    t.call('POST', `/api/v1/staff/reviews/${w.badCase}/rectification`, {
      token: deptA,
      body: { plan: `整改 ${XSS_SCRIPT} ${XSS_ATTR} 电话 ${PHONE}`, status: 'planned' },
    }),
    'rectification',
  );
  const order = await t.call('POST', '/api/v1/supervision/orders', {
    token: inspector,
    body: {
      targetType: 'department',
      targetId: DEPT_A,
      title: `督办 ${XSS_SCRIPT}`,
      instructions: `请整改 ${XSS_ATTR}`,
      deadline: '2026-12-11',
    },
  });
  if (order.status !== 201) throw new Error(`order: ${order.status} ${order.text.slice(0, 200)}`);
  xssOrder = order.body.id;
});
afterAll(() => t?.stop());

// ---------- pages ----------

/** A concrete URL for each page pattern with parameters (the test fails for a new pattern missing here). */
const PAGE_URLS: Record<string, (w: World) => string> = {
  'GET /services/:code': () => '/services/FOOD',
  'GET /departments/:id': () => `/departments/${DEPT_A}`,
  'GET /rate/:caseId': (w) => `/rate/${w.badCase}?t=${q(w.badCaseToken)}`,
  'GET /receipt/:caseId': (w) => `/receipt/${w.badCase}?t=${q(w.badCaseToken)}`,
  'GET /staff/reviews/:caseId': (w) => `/staff/reviews/${w.badCase}`,
  'GET /critiques/:code': (w) => `/critiques/${w.critiqueRouted}`,
  'GET /staff/critiques/:code': (w) => `/staff/critiques/${w.critiqueRouted}`,
  'GET /rankings/method/:version': () => '/rankings/method/1',
  'GET /staff/rankings/:scope/:period/:version': (w) => `/staff/rankings/department/${w.draftPeriod}/1`,
  'GET /rankings/:scope': () => '/rankings/department',
  'GET /rankings/:scope/units/:id': () => `/rankings/department/units/${DEPT_A}`,
  'GET /rankings/:scope/:period': (w) => `/rankings/department/${w.publishedPeriod}`,
  'GET /rankings/:scope/:period/v/:version': (w) => `/rankings/department/${w.publishedPeriod}/v/1`,
  'GET /staff/orders/:id': (w) => `/staff/orders/${w.order}`,
  // An SMS short link: a known code is a redirect, so the unknown one's 404 page is checked.
  'GET /s/:code': () => '/s/00000000',
  'GET /assets/:file': () => '/assets/curves.js',
};
/** Pages that are not HTML by design (a script, the icon, CSV and JSON downloads). */
const NOT_HTML = new Set([
  'GET /assets/:file',
  'GET /favicon.svg',
  'GET /docs/api/scalar.js',
  'GET /favicon.ico',
  'GET /staff/warnings.csv',
  'GET /staff/reports.csv',
  'GET /staff/reports.json',
  // The language switch: a 303 back to the page it came from, no body.
  'GET /prefs/lang',
]);
const PAGE_CALLERS: Identity[] = ['anonymous', 'deptA', 'office', 'inspector'];

interface Seen {
  key: string;
  url: string;
  identity: Identity;
  status: number;
  headers: Headers;
  text: string;
}
let pageViews: Seen[] | undefined;

function pageGets(): RouteRef[] {
  return pageRoutes().filter((r) => r.method === 'GET');
}

/** Every GET page as every caller (staff by their sign-in cookie), fetched once. */
async function allPageViews(): Promise<Seen[]> {
  if (pageViews) return pageViews;
  const out: Seen[] = [];
  for (const ref of pageGets()) {
    if (NOT_HTML.has(ref.key)) continue;
    const url = ref.path.includes(':') ? PAGE_URLS[ref.key]?.(w) : ref.path;
    if (!url) continue;
    for (const identity of PAGE_CALLERS) {
      const cookie = w.cookies[identity];
      const res = await rawCall(t, 'GET', url, { headers: cookie ? { cookie } : {} });
      out.push({ key: ref.key, url, identity, status: res.status, headers: res.headers, text: res.text });
    }
  }
  // Error pages and form re-renders are pages too; and the order with hostile text.
  for (const url of ['/no/such/page', '/services/NOPE', '/critiques/track?code=bad']) {
    const res = await rawCall(t, 'GET', url);
    out.push({
      key: `GET ${url}`,
      url,
      identity: 'anonymous',
      status: res.status,
      headers: res.headers,
      text: res.text,
    });
  }
  for (const identity of ['inspector', 'deptA'] as const) {
    const url = `/staff/orders/${xssOrder}`;
    const res = await rawCall(t, 'GET', url, { headers: { cookie: w.cookies[identity]! } });
    out.push({
      key: 'GET /staff/orders/:id (hostile order)',
      url,
      identity,
      status: res.status,
      headers: res.headers,
      text: res.text,
    });
  }
  const form = await rawCall(t, 'POST', '/critiques/new', {
    body: new URLSearchParams({ category: 'nope', text: XSS_SCRIPT, nickname: XSS_ATTR }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE_ORIGIN },
  });
  out.push({
    key: 'POST /critiques/new',
    url: '/critiques/new',
    identity: 'anonymous',
    status: form.status,
    headers: form.headers,
    text: form.text,
  });
  pageViews = out;
  return out;
}

const isHtml = (s: Seen) => /^text\/html/i.test(s.headers.get('content-type') ?? '');

describe('security headers on rendered pages', () => {
  it('has a URL for every page pattern with parameters', () => {
    const missing = pageGets()
      .filter((r) => r.path.includes(':') && !PAGE_URLS[r.key])
      .map((r) => r.key);
    expect(missing).toEqual([]);
  });

  it('every page answers HTML with CSP (frame-ancestors), nosniff, X-Frame-Options and Referrer-Policy', async () => {
    const views = await allPageViews();
    const problems: string[] = [];
    for (const v of views) {
      const where = `${v.key} (${v.url}) as ${v.identity}: ${v.status}`;
      if (v.status >= 500) problems.push(`${where}: server error`);
      if (v.status >= 300 && v.status < 400) continue;
      if (!isHtml(v)) {
        problems.push(`${where}: content-type ${v.headers.get('content-type')}`);
        continue;
      }
      const csp = v.headers.get('content-security-policy') ?? '';
      if (!/default-src 'self'/.test(csp)) problems.push(`${where}: CSP without default-src 'self': ${csp}`);
      if (!/frame-ancestors 'none'/.test(csp)) problems.push(`${where}: CSP without frame-ancestors 'none'`);
      if (/script-src[^;]*'unsafe-inline'/.test(csp)) problems.push(`${where}: CSP allows inline script`);
      if (v.headers.get('x-content-type-options') !== 'nosniff') problems.push(`${where}: no nosniff`);
      if (!/^(DENY|SAMEORIGIN)$/i.test(v.headers.get('x-frame-options') ?? ''))
        problems.push(`${where}: X-Frame-Options ${v.headers.get('x-frame-options')}`);
      if (
        !/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/.test(
          v.headers.get('referrer-policy') ?? '',
        )
      )
        problems.push(`${where}: Referrer-Policy ${v.headers.get('referrer-policy')}`);
      if (!v.text.startsWith('<!doctype html>')) problems.push(`${where}: no doctype`);
      // No inline script may run under the CSP anyway; none is written, only JSON data
      // blocks, and those escape `<` so user text cannot close them.
      for (const m of v.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)) {
        const [, attributes = '', content = ''] = m;
        if (/\ssrc=/.test(attributes)) continue;
        if (!/type="application\/json"/.test(attributes))
          problems.push(`${where}: inline <script${attributes}>`);
        else if (content.includes('<')) problems.push(`${where}: a JSON data block contains <`);
      }
    }
    expect(problems).toEqual([]);
    // Every HTML page pattern was actually seen rendering (as someone).
    const rendered = new Set(views.filter(isHtml).map((v) => v.key));
    expect(
      pageGets()
        .filter((r) => !NOT_HTML.has(r.key) && !rendered.has(r.key))
        .map((r) => r.key),
    ).toEqual([]);
  });

  it('staff pages need a valid sign-in cookie', async () => {
    const views = await allPageViews();
    const staffPages = views.filter((v) => v.key.startsWith('GET /staff') && v.identity === 'anonymous');
    expect(staffPages.length).toBeGreaterThan(8);
    for (const v of staffPages) expect(v.status, v.key).toBe(401);
    const forged = await rawCall(t, 'GET', '/staff/critiques', {
      headers: { cookie: w.cookies.tampered! },
    });
    expect(forged.status).toBe(401);
  });
});

describe('user text is escaped wherever it is shown', () => {
  it('never appears raw on any page, for any caller', async () => {
    const views = await allPageViews();
    const raw = views.filter((v) => RAW_MARKERS.some((m) => v.text.includes(m)));
    expect(raw.map((v) => `${v.key} as ${v.identity}`)).toEqual([]);
  });

  it('appears escaped on the pages that show it', async () => {
    const views = await allPageViews();
    const showing = (marker: string) =>
      new Set(views.filter((v) => v.text.includes(marker)).map((v) => `${v.key} as ${v.identity}`));
    const script = showing(ESCAPED_SCRIPT);
    const attr = showing(ESCAPED_ATTR);
    for (const page of [
      'GET /critiques/:code as anonymous', // critique text and the department's reply
      'GET /staff/critiques/:code as office',
      'GET /staff/critiques/:code as deptA',
      'GET /staff/reviews/:caseId as deptA', // the rating comment
      'GET /staff/reviews/:caseId as office',
      'GET /rate/:caseId as anonymous', // the rater's own comment and the rectification plan
      'GET /hall-of-fame as anonymous', // the award citation
      'POST /critiques/new as anonymous', // a refused form shows the text back
    ]) {
      expect(script, `${page} shows the <script> text escaped`).toContain(page);
      expect(attr, `${page} shows the "><img> text escaped`).toContain(page);
    }
    for (const page of [
      'GET /staff/orders/:id (hostile order) as inspector',
      'GET /staff/orders/:id (hostile order) as deptA',
    ]) {
      expect(script, page).toContain(page);
      expect(attr, page).toContain(page);
    }
  });

  it('keeps JSON as JSON and escapes Open311 XML', async () => {
    const json = await rawCall(t, 'GET', `/api/v1/critiques/${w.critiqueRouted}`);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect((json.body as { text: string }).text).toContain(XSS_SCRIPT);
    const xml = await rawCall(t, 'GET', `/open311/v2/requests/${w.critiqueRouted}.xml`);
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toMatch(/xml/);
    expect(xml.text).toContain('&lt;script&gt;');
    for (const m of RAW_MARKERS) expect(xml.text).not.toContain(m);
  });
});

describe('personal numbers in public views', () => {
  /** Every public GET of the API (as the route table addresses it), CSV forms and Open311 in both formats. */
  function publicApiUrls(): string[] {
    const urls = apiRoutes()
      .filter((r) => r.method === 'GET' && ROUTE_TABLE[r.key]?.who === 'public')
      .map((r) => ROUTE_TABLE[r.key]!.url(w));
    return [
      ...urls,
      ...urls
        .filter((u) => u.startsWith('/api/v1/'))
        .map((u) => `${u}${u.includes('?') ? '&' : '?'}format=csv`),
      `/api/v1/critiques?departmentId=${DEPT_A}&limit=100`,
      '/api/v1/critiques?serviceCode=FOOD&limit=100',
      '/open311/v2/requests.json',
      '/open311/v2/requests.xml',
      `/open311/v2/requests.json?service_request_id=${w.critiqueRouted}`,
      `/open311/v2/requests/${w.critiqueRouted}.json`,
      `/open311/v2/requests/${w.critiqueRouted}.xml`,
    ];
  }

  it('are masked in every public API answer, CSV and Open311 document', async () => {
    const leaks: string[] = [];
    let masked = 0;
    for (const url of publicApiUrls()) {
      const res = await rawCall(t, 'GET', url);
      expect(res.status, url).toBeLessThan(500);
      if (PHONE_FORMS.test(res.text)) leaks.push(`${url}: phone`);
      if (ID_FORMS.test(res.text)) leaks.push(`${url}: ID number`);
      if (res.text.includes('138****5678')) masked++;
    }
    expect(leaks).toEqual([]);
    // The text is there, masked: the critique, the board, Open311 (JSON and XML), the rater's view.
    expect(masked).toBeGreaterThanOrEqual(5);
  });

  it('are masked on every public page', async () => {
    const views = (await allPageViews()).filter((v) => v.identity === 'anonymous');
    const leaks = views.filter((v) => PHONE_FORMS.test(v.text) || ID_FORMS.test(v.text));
    expect(leaks.map((v) => v.url)).toEqual([]);
    const critique = views.find((v) => v.key === 'GET /critiques/:code');
    expect(critique?.text.includes('138****5678')).toBe(true);
    expect(critique?.text.includes('110101************')).toBe(true);
  });
});

// ---------- secrets ----------

/** Files of the working tree that would be committed: tracked, plus untracked but not ignored. */
function repositoryFiles(): string[] {
  const list = (args: string[]) =>
    execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      .split('\n')
      .filter(Boolean);
  return [...new Set([...list(['ls-files']), ...list(['ls-files', '--others', '--exclude-standard'])])];
}

const SECRET_PATTERNS: [string, RegExp][] = [
  ['private key block', /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/],
  ['AWS access key id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['AWS secret access key', /aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+]{40}/i],
  ['private JWK', /"d"\s*:\s*"[A-Za-z0-9_-]{40,}"/],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
  ['Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
  ['Stripe key', /\bsk_live_[A-Za-z0-9]{20,}/],
  [
    'hard-coded secret',
    /[A-Za-z0-9_]*(?:secret|password|passwd|api[_-]?key|private[_-]?key|client[_-]?secret)[A-Za-z0-9_]*["']?\s*[:=]\s*["'`][^"'`\s]{16,}["'`]/i,
  ],
];
/** Obviously fake values, allowed in tests and benchmarks only. */
const TEST_VALUE = /test|bench|unit|example|dummy|fake|sample|placeholder|0000000000/i;

describe('no secret in the repository or the bundles', () => {
  it('no private key, cloud credential or hard-coded secret in any file that would be committed', () => {
    const files = repositoryFiles();
    expect(files.length).toBeGreaterThan(100);
    const findings: string[] = [];
    for (const file of files) {
      if (/(^|\/)\.data\/|(^|\/)\.env$|\.(pem|key|p12|pfx)$|issuer\.json$/.test(file))
        findings.push(`${file}: a key or data file would be committed`);
      const full = path.join(projectRoot, file);
      let text: string;
      try {
        if (statSync(full).size > 5 * 1024 * 1024) continue;
        text = readFileSync(full, 'utf8');
      } catch {
        continue; // deleted in the working tree
      }
      const inTests = /^test\//.test(file);
      for (const [name, re] of SECRET_PATTERNS) {
        const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
        for (const m of text.matchAll(global)) {
          if (inTests && TEST_VALUE.test(m[0])) continue;
          const line = text.slice(0, m.index).split('\n').length;
          findings.push(`${file}:${line}: ${name}: ${m[0].slice(0, 60)}`);
        }
      }
    }
    expect(findings).toEqual([]);
  });

  it('the test secrets, signing keys and local issuer stay out of every Lambda bundle and the browser bundle', async () => {
    const { build } = await import('esbuild');
    const dir = mkdtempSync(path.join(tmpdir(), 'wp-bundles-'));
    const needles: [string, RegExp][] = [
      ['test platform secret', /test-secret-0123456789/],
      ['bench secret', /bench-secret-/],
      ['private key block', /BEGIN [A-Z ]*PRIVATE KEY/],
      ['local issuer private key', /privateJwk/],
      ['local issuer signing', /loadOrCreateIssuerKeys|signStaffToken/],
      ['AWS access key id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
      ['private JWK', /"d"\s*:\s*"[A-Za-z0-9_-]{40,}"/],
    ];
    try {
      const findings: string[] = [];
      const bundles: [string, string][] = [];
      for (const [group, entry] of Object.entries(functionEntries)) {
        const outfile = path.join(dir, group, 'index.mjs');
        await build(esbuildBuildOptions(path.join(projectRoot, entry), outfile));
        bundles.push([group, readFileSync(outfile, 'utf8')]);
      }
      bundles.push(['browser curves.js', await buildClientBundle('curves')]);
      for (const [name, code] of bundles) {
        expect(code.length, name).toBeGreaterThan(1000);
        for (const [what, re] of needles) if (re.test(code)) findings.push(`${name}: ${what}`);
      }
      expect(findings).toEqual([]);
      expect(bundles.map(([name]) => name)).toEqual([...Object.keys(functionEntries), 'browser curves.js']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
