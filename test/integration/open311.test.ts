/**
 * Open311 GeoReport v2 over critiques, checked against the specification
 * (wiki.open311.org/GeoReport_v2 and the open311/schema-validation JSON Schemas):
 * every endpoint in .json and .xml, the spec's field names and types, its request
 * filters and limits (90-day window), paging (page_size, page and a stable cursor in a
 * Link header, as GeoReport servers commonly extend the spec), and its error format.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardFilterKeysOf, boardRowOf } from '../../functions/domain/critiques/board.js';
import { newCritique } from '../../functions/domain/critiques/lifecycle.js';
import type { Critique } from '../../functions/domain/critiques/model.js';
import { newTrackingCode } from '../../functions/domain/critiques/tracking-code.js';
import { boardRowItem, critiqueItem } from '../../functions/store/critiques.js';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

// ---- a strict little XML reader: enough to prove documents are well-formed and to read them ----
interface El {
  name: string;
  children: El[];
  text: string;
}
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decode(s: string): string {
  if (/[<>]/.test(s)) throw new Error(`raw markup character in text: ${s}`);
  return s.replace(/&([a-z]+);|&/g, (_m, name: string | undefined) => {
    if (!name || !(name in ENTITIES)) throw new Error(`bad entity in ${s}`);
    return ENTITIES[name]!;
  });
}
function parseXml(xml: string): El {
  const m = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  if (!m) throw new Error('missing XML declaration');
  let i = m[0].length;
  const root: El = { name: '#document', children: [], text: '' };
  const stack: El[] = [root];
  while (i < xml.length) {
    if (xml[i] === '<') {
      const end = xml.indexOf('>', i);
      const tag = xml.slice(i + 1, end);
      i = end + 1;
      if (tag.startsWith('/')) {
        const open = stack.pop()!;
        if (open.name !== tag.slice(1)) throw new Error(`</${tag.slice(1)}> closes <${open.name}>`);
      } else {
        const selfClosing = tag.endsWith('/');
        const name = selfClosing ? tag.slice(0, -1) : tag;
        if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad element name ${name}`);
        const el: El = { name, children: [], text: '' };
        stack.at(-1)!.children.push(el);
        if (!selfClosing) stack.push(el);
      }
    } else {
      const next = xml.indexOf('<', i);
      const raw = xml.slice(i, next < 0 ? xml.length : next);
      stack.at(-1)!.text += decode(raw);
      i = next < 0 ? xml.length : next;
    }
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new Error('unbalanced document');
  return root.children[0]!;
}
const child = (el: El, name: string) => el.children.find((c) => c.name === name);
const texts = (el: El) =>
  Object.fromEntries(el.children.filter((c) => !c.children.length).map((c) => [c.name, c.text]));

let t: TestPlatform;
let office: string;
let market: string;
let apiKey: string;
let revokedKey: string;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

async function post(fields: Record<string, string>, format = 'json', headers: Record<string, string> = {}) {
  return t.call('POST', `/open311/v2/requests.${format}`, {
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

function expectJsonError(res: { status: number; body: any; headers: Headers }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.body).toEqual([{ code: status, description: expect.any(String) }]);
  expect(res.body[0].description.length).toBeGreaterThan(5);
}

function expectXmlError(res: { status: number; text: string; headers: Headers }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
  const doc = parseXml(res.text);
  expect(doc.name).toBe('errors');
  const error = child(doc, 'error')!;
  expect(texts(error)).toEqual({ code: String(status), description: expect.any(String) });
}

function checkRequestShape(r: Record<string, unknown>) {
  // Required by request.json: service_request_id, status, service_code, requested_datetime.
  expect(typeof r.service_request_id).toBe('string');
  expect(['open', 'closed']).toContain(r.status);
  expect(typeof r.service_code).toBe('string');
  expect(r.requested_datetime).toMatch(ISO_WITH_OFFSET);
  for (const k of ['status_notes', 'service_name', 'description', 'agency_responsible', 'service_notice']) {
    expect(r[k] === null || typeof r[k] === 'string').toBe(true);
  }
  for (const k of ['updated_datetime', 'expected_datetime']) {
    expect(r[k] === null || (typeof r[k] === 'string' && ISO_WITH_OFFSET.test(r[k] as string))).toBe(true);
  }
  expect((r.description as string).length).toBeLessThanOrEqual(4000);
}

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  office = await t.token('office');
  market = await t.token('department', 'market');
  const issue = async (name: string) =>
    (await t.call('POST', '/api/v1/staff/open311-keys', { token: office, body: { name } })).body;
  apiKey = (await issue('partner')).apiKey;
  const revoked = await issue('old partner');
  revokedKey = revoked.apiKey;
  await t.call('DELETE', `/api/v1/staff/open311-keys/${revoked.id}`, { token: office });
});
afterAll(() => t?.stop());

describe('discovery', () => {
  it('lists the endpoint, its specification and both formats (json)', async () => {
    const res = await t.call('GET', '/open311/v2/discovery.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      changeset: expect.stringMatching(ISO_WITH_OFFSET),
      contact: expect.any(String),
      key_service: expect.any(String),
    });
    expect(res.body.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: 'http://localhost:3000/open311/v2',
        changeset: expect.stringMatching(ISO_WITH_OFFSET),
        type: 'production',
        formats: expect.arrayContaining(['application/json', 'text/xml']),
      },
    ]);
  });

  it('in xml', async () => {
    const res = await t.call('GET', '/open311/v2/discovery.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    const doc = parseXml(res.text);
    expect(doc.name).toBe('discovery');
    expect(Object.keys(texts(doc))).toEqual(['changeset', 'contact', 'key_service']);
    const endpoint = child(child(doc, 'endpoints')!, 'endpoint')!;
    expect(texts(endpoint)).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: 'http://localhost:3000/open311/v2',
      type: 'production',
    });
    expect(child(endpoint, 'formats')!.children.map((f) => [f.name, f.text])).toEqual([
      ['format', 'application/json'],
      ['format', 'text/xml'],
    ]);
  });
});

describe('services', () => {
  it('lists the categories in general and per department, with the spec types (json)', async () => {
    const res = await t.call('GET', '/open311/v2/services.json');
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    const codes = res.body.map((s: any) => s.service_code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'correction',
        'enquiry',
        'suggestion',
        'correction:market',
        'suggestion:housing',
      ]),
    );
    expect(res.body).toHaveLength(9);
    for (const s of res.body) {
      expect(typeof s.service_code).toBe('string');
      expect(typeof s.service_name).toBe('string');
      expect(typeof s.metadata).toBe('boolean');
      expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
      for (const k of ['description', 'keywords', 'group'])
        expect(s[k] === null || typeof s[k] === 'string').toBe(true);
    }
    expect(res.body.find((s: any) => s.service_code === 'correction:market')).toMatchObject({
      service_name: '纠错 · 市场监督管理局',
      group: '市场监督管理局',
      metadata: true,
      type: 'realtime',
    });
  });

  it('in xml', async () => {
    const res = await t.call('GET', '/open311/v2/services.xml');
    const doc = parseXml(res.text);
    expect(doc.name).toBe('services');
    expect(doc.children).toHaveLength(9);
    const first = texts(doc.children[0]!);
    expect(doc.children.every((s) => s.name === 'service')).toBe(true);
    expect(first).toMatchObject({ service_code: 'correction', metadata: 'true', type: 'realtime' });
    expect(Object.keys(first)).toEqual([
      'service_code',
      'service_name',
      'description',
      'metadata',
      'type',
      'keywords',
      'group',
    ]);
  });

  it('defines each service: the nickname attribute and, per department, its service items (json and xml)', async () => {
    const res = await t.call('GET', '/open311/v2/services/correction:market.json');
    expect(res.status).toBe(200);
    expect(res.body.service_code).toBe('correction:market');
    for (const a of res.body.attributes) {
      expect(typeof a.variable).toBe('boolean');
      expect(typeof a.code).toBe('string');
      expect(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']).toContain(
        a.datatype,
      );
      expect(typeof a.required).toBe('boolean');
      expect(Number.isInteger(a.order)).toBe(true);
      expect(typeof a.description).toBe('string');
    }
    const item = res.body.attributes.find((a: any) => a.code === 'service_item');
    expect(item).toMatchObject({ variable: true, datatype: 'singlevaluelist', required: false });
    expect(item.values).toEqual([{ key: 'FOOD', name: '食品经营许可' }]);
    expect(res.body.attributes.find((a: any) => a.code === 'nickname')).toMatchObject({
      variable: true,
      datatype: 'string',
    });

    const general = await t.call('GET', '/open311/v2/services/enquiry.json');
    expect(general.body.attributes.map((a: any) => a.code)).toEqual(['privacy', 'nickname']);

    const xml = await t.call('GET', '/open311/v2/services/correction:market.xml');
    const doc = parseXml(xml.text);
    expect(doc.name).toBe('service_definition');
    expect(child(doc, 'service_code')!.text).toBe('correction:market');
    const attrs = child(doc, 'attributes')!.children;
    expect(attrs.every((a) => a.name === 'attribute')).toBe(true);
    const xmlItem = attrs.find((a) => child(a, 'code')!.text === 'service_item')!;
    expect(texts(xmlItem)).toMatchObject({
      variable: 'true',
      datatype: 'singlevaluelist',
      required: 'false',
      order: '3',
    });
    expect(child(xmlItem, 'values')!.children.map((v) => texts(v))).toEqual([
      { key: 'FOOD', name: '食品经营许可' },
    ]);
  });

  it('answers 404 in the spec error format for an unknown service', async () => {
    expectJsonError(await t.call('GET', '/open311/v2/services/complaint.json'), 404);
    expectXmlError(await t.call('GET', '/open311/v2/services/correction:nowhere.xml'), 404);
  });
});

describe('POST requests', () => {
  it('creates a critique for a partner holding an api_key (json)', async () => {
    const res = await post({
      api_key: apiKey,
      service_code: 'correction:market',
      description: '网上预约后到窗口仍要重新取号。我的电话 13812345678',
      email: 'someone@example.com',
      'attribute[nickname]': '合作方用户',
      'attribute[service_item]': 'FOOD',
      lat: '31.2304',
      long: '121.4737',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { service_request_id: expect.any(String), service_notice: expect.any(String), account_id: null },
    ]);
    const id = res.body[0].service_request_id;
    const critique = await t.call('GET', `/api/v1/staff/critiques/${id}`, { token: office });
    expect(critique.body).toMatchObject({
      channel: 'open311',
      category: 'correction',
      targetType: 'service',
      targetId: 'FOOD',
      nickname: '合作方用户',
      contact: { kind: 'email', masked: 's***@example.com' },
    });
  });

  it('in xml, and the same text from the same partner collapses into one request', async () => {
    const fields = { api_key: apiKey, service_code: 'suggestion', description: '建议延长周六服务时间' };
    const res = await post(fields, 'xml');
    expect(res.status).toBe(200);
    const doc = parseXml(res.text);
    expect(doc.name).toBe('service_requests');
    const req = texts(child(doc, 'request')!);
    expect(Object.keys(req)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    expect(req.service_request_id).toMatch(/^[0-9A-Z]{10}$/);
    const again = await post(fields, 'json');
    expect(again.body[0].service_request_id).toBe(req.service_request_id);
  });

  it('refuses missing or wrong keys and bad fields in the spec error format, storing nothing', async () => {
    const before = (
      await t.call('GET', '/api/v1/staff/critiques?status=submitted&limit=100', { token: office })
    ).body.items.length;
    const base = { api_key: apiKey, service_code: 'correction', description: 'x' };
    const { api_key: _omit, ...noKey } = base;
    expectJsonError(await post(noKey), 401);
    expectXmlError(await post(noKey, 'xml'), 401);
    expectJsonError(
      await post({ ...base, api_key: 'ABCDEFGHJK.0000000000000000000000000000000000000000000' }),
      403,
    );
    expectJsonError(await post({ ...base, api_key: revokedKey }), 403);
    expectXmlError(await post({ ...base, api_key: `${apiKey}x` }, 'xml'), 403);
    const { service_code: _sc, ...noCode } = base;
    expectJsonError(await post(noCode), 400);
    const { description: _d, ...noText } = base;
    expectXmlError(await post(noText, 'xml'), 400);
    expectJsonError(await post({ ...base, description: '   ' }), 400);
    expectJsonError(await post({ ...base, service_code: 'complaint' }), 400);
    expectJsonError(await post({ ...base, service_code: 'correction:nowhere' }), 400);
    expectJsonError(await post({ ...base, description: 'y'.repeat(4001) }), 400);
    expectJsonError(await post({ ...base, lat: 'north' }), 400);
    expectJsonError(await post({ ...base, long: '200' }), 400);
    expectJsonError(await post({ ...base, 'attribute[colour]': 'red' }), 400);
    expectJsonError(
      await post({ ...base, service_code: 'correction:housing', 'attribute[service_item]': 'FOOD' }),
      400,
    );
    expectJsonError(await post({ ...base, phone: 'not a phone' }), 400);
    expectJsonError(await post({ ...base, mystery: '1' }), 400);
    expectJsonError(await post({ ...base, jurisdiction_id: 'elsewhere' }), 404);
    expectJsonError(
      await t.call('POST', '/open311/v2/services.json', {
        body: 'a=b',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      404,
    );
    const after = (
      await t.call('GET', '/api/v1/staff/critiques?status=submitted&limit=100', { token: office })
    ).body.items.length;
    expect(after).toBe(before);
  });

  it('rate-limits per api_key with a 429 in the spec format', async () => {
    const saved = process.env.WOODPECKER_CRITIQUE_LIMITS;
    const second = (
      await t.call('POST', '/api/v1/staff/open311-keys', { token: office, body: { name: 'busy' } })
    ).body.apiKey;
    process.env.WOODPECKER_CRITIQUE_LIMITS = 'apiKey=2/3600';
    try {
      for (let i = 0; i < 2; i++) {
        expect((await post({ api_key: second, service_code: 'enquiry', description: `q${i}` })).status).toBe(
          200,
        );
      }
      const limited = await post({ api_key: second, service_code: 'enquiry', description: 'q3' }, 'xml');
      expectXmlError(limited, 429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      if (saved === undefined) delete process.env.WOODPECKER_CRITIQUE_LIMITS;
      else process.env.WOODPECKER_CRITIQUE_LIMITS = saved;
    }
  });
});

describe('GET requests', () => {
  let answered: string;
  let open: string;
  let unpublished: string;

  beforeAll(async () => {
    t.clock.set('2026-11-23T09:00:00+08:00');
    const make = async (fields: Record<string, string>) =>
      (await post({ api_key: apiKey, ...fields })).body[0].service_request_id as string;
    answered = await make({
      service_code: 'correction:market',
      description: '<script>alert("x")</script> & 手机 13912345678 \'quoted\'',
    });
    t.clock.set('2026-11-23T09:01:00+08:00');
    open = await make({ service_code: 'suggestion:housing', description: '施工许可进度查询不便' });
    unpublished = await make({ service_code: 'enquiry', description: '尚未分拣的问题' });
    await t.call('POST', `/api/v1/staff/critiques/${answered}/route`, {
      token: office,
      body: { departmentId: 'market' },
    });
    t.clock.set('2026-11-24T09:00:00+08:00');
    await t.call('POST', `/api/v1/staff/critiques/${answered}/reply`, {
      token: market,
      body: { text: '已处理，联系 021-12345678' },
    });
    await t.call('POST', `/api/v1/staff/critiques/${open}/accept`, { token: office });
  });

  it('lists public critiques of the last 90 days with the spec fields (json)', async () => {
    const res = await t.call('GET', '/open311/v2/requests.json');
    expect(res.status).toBe(200);
    for (const r of res.body) checkRequestShape(r);
    const ids = res.body.map((r: any) => r.service_request_id);
    expect(ids).toEqual(expect.arrayContaining([answered, open]));
    expect(ids).not.toContain(unpublished);
    const a = res.body.find((r: any) => r.service_request_id === answered);
    expect(a).toMatchObject({
      status: 'closed',
      status_notes: '已处理，联系 021-****678',
      service_code: 'correction:market',
      service_name: '纠错 · 市场监督管理局',
      agency_responsible: '市场监督管理局',
      requested_datetime: '2026-11-23T09:00:00+08:00',
      updated_datetime: '2026-11-24T09:00:00+08:00',
      expected_datetime: null,
    });
    expect(a.description).toContain('139****5678');
    expect(a.description).not.toContain('13912345678');
    const o = res.body.find((r: any) => r.service_request_id === open);
    expect(o).toMatchObject({ status: 'open', status_notes: null, agency_responsible: '住房和城乡建设局' });
    // Newest first.
    const times = res.body.map((r: any) => Date.parse(r.requested_datetime));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
  });

  it('in xml, with user text escaped', async () => {
    const res = await t.call('GET', `/open311/v2/requests.xml?service_request_id=${answered}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>');
    const doc = parseXml(res.text);
    expect(doc.name).toBe('service_requests');
    expect(doc.children.map((c) => c.name)).toEqual(['request']);
    const r = texts(doc.children[0]!);
    expect(r).toMatchObject({
      service_request_id: answered,
      status: 'closed',
      service_code: 'correction:market',
    });
    expect(r.description).toBe('<script>alert("x")</script> & 手机 139****5678 \'quoted\'');
    expect(child(doc.children[0]!, 'expected_datetime')!.text).toBe('');
  });

  it('filters by status, service_code, dates and ids; ids override the rest', async () => {
    const ids = (res: any) => res.body.map((r: any) => r.service_request_id);
    expect(ids(await t.call('GET', '/open311/v2/requests.json?status=closed'))).toEqual([answered]);
    expect(ids(await t.call('GET', '/open311/v2/requests.json?status=open'))).toEqual([open]);
    expect(ids(await t.call('GET', '/open311/v2/requests.json?status=open,closed'))).toEqual([
      open,
      answered,
    ]);
    expect(ids(await t.call('GET', '/open311/v2/requests.json?service_code=correction:market'))).toEqual([
      answered,
    ]);
    expect(
      ids(await t.call('GET', '/open311/v2/requests.json?service_code=suggestion:housing&status=closed')),
    ).toEqual([]);
    expect(ids(await t.call('GET', '/open311/v2/requests.json?service_code=enquiry'))).toEqual([]);
    expect(
      ids(
        await t.call(
          'GET',
          '/open311/v2/requests.json?start_date=2026-11-23T08:00:00%2B08:00&end_date=2026-11-23T01:00:30Z',
        ),
      ),
    ).toEqual([answered]);
    expect(
      ids(
        await t.call(
          'GET',
          '/open311/v2/requests.json?start_date=2026-11-23&end_date=2026-11-23T09:01:00%2B08:00',
        ),
      ),
    ).toEqual([open, answered]);
    expect(ids(await t.call('GET', '/open311/v2/requests.json?end_date=2026-11-22T00:00:00Z'))).toEqual([]);
    const byIds = await t.call(
      'GET',
      `/open311/v2/requests.json?service_request_id=${unpublished},${answered}&status=open`,
    );
    expect(ids(byIds)).toEqual([unpublished, answered]);
    expect(byIds.body[0]).toMatchObject({ status: 'open', service_notice: expect.any(String) });
  });

  it('refuses bad dates, spans over 90 days, bad statuses and unknown codes in the spec format', async () => {
    expectJsonError(await t.call('GET', '/open311/v2/requests.json?start_date=yesterday'), 400);
    expectXmlError(await t.call('GET', '/open311/v2/requests.xml?end_date=2026-13-01T00:00:00Z'), 400);
    expectJsonError(await t.call('GET', '/open311/v2/requests.json?start_date=2026-11-01T00:00:00'), 400);
    expectJsonError(
      await t.call(
        'GET',
        '/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
      ),
      400,
    );
    expectJsonError(
      await t.call(
        'GET',
        '/open311/v2/requests.json?start_date=2026-11-10T00:00:00Z&end_date=2026-11-01T00:00:00Z',
      ),
      400,
    );
    expectXmlError(await t.call('GET', '/open311/v2/requests.xml?status=pending'), 400);
    expectJsonError(await t.call('GET', '/open311/v2/requests.json?service_code=complaint:market'), 400);
    expectJsonError(await t.call('GET', '/open311/v2/requests.json?service_request_id=not-a-code'), 400);
    expectJsonError(await t.call('GET', '/open311/v2/requests.json?jurisdiction_id=elsewhere'), 404);
    expect((await t.call('GET', '/open311/v2/requests.json?jurisdiction_id=woodpecker')).status).toBe(200);
  });
});

describe('a single request', () => {
  it('is shown by its id whatever its status, as a one-element list (json and xml)', async () => {
    const id = (await post({ api_key: apiKey, service_code: 'enquiry', description: '单个请求' })).body[0]
      .service_request_id;
    const res = await t.call('GET', `/open311/v2/requests/${id}.json`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    checkRequestShape(res.body[0]);
    expect(res.body[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: null,
      service_code: 'enquiry',
      agency_responsible: '效能办（机关效能建设办公室）',
    });
    const xml = await t.call('GET', `/open311/v2/requests/${id.toLowerCase()}.xml`);
    const doc = parseXml(xml.text);
    expect(doc.name).toBe('service_requests');
    expect(texts(child(doc, 'request')!)).toMatchObject({ service_request_id: id, status: 'open' });
    await t.call('POST', `/api/v1/staff/critiques/${id}/reject`, {
      token: office,
      body: { reason: '重复咨询' },
    });
    const rejected = await t.call('GET', `/open311/v2/requests/${id}.json`);
    expect(rejected.body[0]).toMatchObject({ status: 'closed', status_notes: '未受理：重复咨询' });
  });

  it('answers 404 in the spec format for unknown ids, tokens and paths, and for other formats', async () => {
    expectJsonError(await t.call('GET', '/open311/v2/requests/0000000000.json'), 404);
    expectXmlError(await t.call('GET', '/open311/v2/requests/nonsense.xml'), 404);
    expectJsonError(await t.call('GET', '/open311/v2/tokens/12345.json'), 404);
    expectXmlError(await t.call('GET', '/open311/v2/nothing.xml'), 404);
    expectJsonError(await t.call('GET', '/open311/v2/requests.csv'), 404);
    expectJsonError(await t.call('GET', '/open311/v2/a/b/c'), 404);
  });
});

describe('paging: page_size, page and a stable cursor', () => {
  let now: number;
  let old: Critique;
  /** A critique accepted at `at`, with the board rows the suggestion queries read. */
  const make = (text: string, at: number): Critique => {
    const c = newCritique(
      {
        trackingCode: newTrackingCode(),
        category: 'suggestion',
        text,
        targetType: 'general',
        channel: 'web',
        clientHash: 'x',
      },
      new Date(at),
    );
    return { ...c, status: 'accepted', rev: 2 };
  };
  async function store(critiques: Critique[]) {
    const items: Record<string, unknown>[] = [];
    // Only the board partitions the queries read, to keep the load small.
    const wanted = new Set(['open|g|suggestion', '*|g|suggestion']);
    for (const c of critiques) {
      items.push(critiqueItem(c));
      for (const f of boardFilterKeysOf(c)) if (wanted.has(f)) items.push(boardRowItem(f, boardRowOf(c)));
    }
    const chunks: Record<string, unknown>[][] = [];
    for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
          let pending: any[] = chunk.map((Item) => ({ PutRequest: { Item } }));
          while (pending.length) {
            const out = await t.platform.store.doc.send(
              new BatchWriteCommand({ RequestItems: { [t.tableName]: pending } }),
            );
            pending = (out.UnprocessedItems?.[t.tableName] ?? []) as any[];
          }
        }
      }),
    );
  }
  const descriptions = (res: any) => res.body.map((r: any) => r.description as string);
  const fillers = (from: number, to: number) =>
    Array.from({ length: from - to + 1 }, (_, i) => `filler ${from - i}`);
  /** The next page's URL from the Link header (path and query), or null on the last page. */
  function next(res: { headers: Headers }): string | null {
    const link = res.headers.get('link');
    if (!link) return null;
    const m = /^<([^>]+)>; rel="next"$/.exec(link);
    if (!m) throw new Error(`not a Link next header: ${link}`);
    const url = new URL(m[1]!);
    expect(url.origin).toBe('http://localhost:3000');
    return `${url.pathname}${url.search}`;
  }
  const SUGGESTIONS = '/open311/v2/requests.json?service_code=suggestion&status=open';

  beforeAll(async () => {
    t.clock.set('2026-11-25T12:00:00+08:00');
    now = t.clock.now().getTime();
    old = make('too old', now - 120 * 86_400_000);
    // 1,010 requests in the last 90 days, a minute apart: filler 1009 is the newest.
    await store([
      old,
      ...Array.from({ length: 1010 }, (_, i) => make(`filler ${i}`, now - 60 * 86_400_000 + i * 60_000)),
    ]);
  });

  it('answers 50 by default, newest first, with a Link to the next page that keeps the query', async () => {
    const res = await t.call('GET', SUGGESTIONS);
    expect(res.status).toBe(200);
    expect(descriptions(res)).toEqual(fillers(1009, 960));
    const url = next(res)!;
    const query = new URLSearchParams(url.split('?')[1]);
    expect(url.startsWith('/open311/v2/requests.json?')).toBe(true);
    expect(query.get('service_code')).toBe('suggestion');
    expect(query.get('status')).toBe('open');
    expect(query.get('cursor')).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(descriptions(await t.call('GET', url))).toEqual(fillers(959, 910));
    // Browsers' CORS clients may read it.
    const cors = await t.call('GET', SUGGESTIONS, { headers: { origin: 'https://partner.example' } });
    expect(cors.headers.get('access-control-expose-headers')).toMatch(/link/i);
  });

  it('pages of up to 200 by page number reach the first 1,000; beyond is a 400 pointing to the cursor', async () => {
    expect(descriptions(await t.call('GET', `${SUGGESTIONS}&page_size=200`))).toEqual(fillers(1009, 810));
    expect(descriptions(await t.call('GET', `${SUGGESTIONS}&page_size=200&page=2`))).toEqual(
      fillers(809, 610),
    );
    const fifth = await t.call('GET', `${SUGGESTIONS}&page_size=200&page=5`);
    expect(descriptions(fifth)).toEqual(fillers(209, 10));
    // A page number's next page is the cursor's: it goes on past the first 1,000.
    expect(descriptions(await t.call('GET', next(fifth)!))).toEqual(fillers(9, 0));
    const beyond = await t.call('GET', `${SUGGESTIONS}&page_size=200&page=6`);
    expectJsonError(beyond, 400);
    expect(beyond.body[0].description).toMatch(/cursor/);
    for (const bad of ['page_size=201', 'page_size=0', 'page_size=-1', 'page_size=1.5', 'page=0', 'page=x'])
      expectJsonError(await t.call('GET', `${SUGGESTIONS}&${bad}`), 400);
    expectXmlError(
      await t.call('GET', '/open311/v2/requests.xml?service_code=suggestion&page_size=1000'),
      400,
    );
  });

  it('following the cursor reads every request of the window once, whatever is submitted meanwhile', async () => {
    const seen: string[] = [];
    let url: string | null = `${SUGGESTIONS}&page_size=200`;
    let pages = 0;
    while (url) {
      const res = await t.call('GET', url);
      expect(res.status).toBe(200);
      seen.push(...descriptions(res));
      url = next(res);
      // New requests arrive while the client pages: they are newer than the pages to come.
      if (pages++ === 0) await store([make('arrived meanwhile', now - 1000)]);
    }
    expect(pages).toBe(6);
    expect(seen).toEqual(fillers(1009, 0));
    // In xml the same, with the same header.
    const xml = await t.call(
      'GET',
      '/open311/v2/requests.xml?service_code=suggestion&status=open&page_size=2',
    );
    const doc = parseXml(xml.text);
    expect(doc.children.map((c) => texts(c).description)).toEqual(['arrived meanwhile', 'filler 1009']);
    const more = await t.call('GET', next(xml)!);
    expect(parseXml(more.text).children.map((c) => texts(c).description)).toEqual(fillers(1008, 1007));
  });

  it('keeps a cursor’s window as time passes, and nothing older than 90 days comes by default', async () => {
    const first = await t.call('GET', `${SUGGESTIONS}&page_size=200&page=5`);
    // Page numbers shift: the request that arrived meanwhile moved page 5 by one.
    expect(descriptions(first).at(-1)).toBe('filler 11');
    const url = next(first)!;
    t.clock.set(new Date(now + 100 * 86_400_000));
    try {
      // The default window has moved past every filler; the cursor's has not.
      expect(descriptions(await t.call('GET', SUGGESTIONS))).toEqual([]);
      expect(descriptions(await t.call('GET', url))).toEqual(fillers(10, 0));
    } finally {
      t.clock.set(new Date(now));
    }
    const explicit = await t.call(
      'GET',
      `/open311/v2/requests.json?service_code=suggestion&start_date=${encodeURIComponent(new Date(now - 125 * 86_400_000).toISOString())}&end_date=${encodeURIComponent(new Date(now - 100 * 86_400_000).toISOString())}`,
    );
    expect(explicit.body.map((r: any) => r.service_request_id)).toEqual([old.trackingCode]);
  });

  it('a cursor resumes only the query it came with', async () => {
    const cursor = new URLSearchParams(
      next(await t.call('GET', `${SUGGESTIONS}&page_size=5`))!.split('?')[1],
    ).get('cursor')!;
    const c = encodeURIComponent(cursor);
    expect((await t.call('GET', `${SUGGESTIONS}&cursor=${c}`)).status).toBe(200);
    for (const other of [
      `/open311/v2/requests.json?service_code=suggestion&cursor=${c}`,
      `/open311/v2/requests.json?service_code=suggestion&status=closed&cursor=${c}`,
      `/open311/v2/requests.json?service_code=correction&status=open&cursor=${c}`,
      `${SUGGESTIONS}&page=2&cursor=${c}`,
      `${SUGGESTIONS}&start_date=2026-11-01&cursor=${c}`,
      `${SUGGESTIONS}&cursor=${c}x`,
      `${SUGGESTIONS}&cursor=${encodeURIComponent(Buffer.from(JSON.stringify({ v: 1, f: 'open|g|suggestion', from: 'x', to: 'y', after: 'z' })).toString('base64url'))}`,
    ])
      expectJsonError(await t.call('GET', other), 400);
    expectXmlError(
      await t.call('GET', `/open311/v2/requests.xml?service_code=suggestion&status=closed&cursor=${c}`),
      400,
    );
  });
});
