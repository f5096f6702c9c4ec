import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeXml, leaf, record } from '../../functions/api/open311/xml.js';
import { defaultCalendar } from '../../functions/domain/calendar/index.js';
import { boardFilterKey, boardFilterKeysOf, boardRowOf } from '../../functions/domain/critiques/board.js';
import {
  contactKind,
  maskContact,
  openContact,
  sealContact,
  storeContact,
} from '../../functions/domain/critiques/contact.js';
import { critiqueContributions, critiqueStats } from '../../functions/domain/critiques/contribution.js';
import {
  type Acting,
  accept,
  confirm,
  flagOverdue,
  grantAward,
  handBack,
  markDuplicate,
  newCritique,
  type Outcome,
  rectify,
  reject,
  reply,
  revokeAward,
  route,
} from '../../functions/domain/critiques/lifecycle.js';
import type { Critique } from '../../functions/domain/critiques/model.js';
import {
  beijingIso,
  open311Request,
  open311Status,
  parseServiceCode,
  serviceCodeOf,
} from '../../functions/domain/critiques/open311.js';
import { maskPublic, publicCritique, staffCritique } from '../../functions/domain/critiques/public-view.js';
import { cleanNickname, cleanText, excerpt, nicknameKey } from '../../functions/domain/critiques/text.js';
import {
  ALPHABET,
  newTrackingCode,
  parseTrackingCode,
} from '../../functions/domain/critiques/tracking-code.js';
import { requestWindow } from '../../functions/usecases/critiques/open311.js';

const calendar = defaultCalendar();
const at = (iso: string) => ({ now: new Date(iso), calendar });
const office: Acting = { role: 'office' };
const market: Acting = { role: 'department', departments: new Set(['market']) };
const housing: Acting = { role: 'department', departments: new Set(['housing']) };
const ok = (o: Outcome): Critique => {
  if (!o.ok) throw new Error(o.message);
  return o.critique;
};

function fresh(
  overrides: Partial<Parameters<typeof newCritique>[0]> = {},
  when = '2026-11-20T10:00:00+08:00',
) {
  return newCritique(
    {
      trackingCode: newTrackingCode(),
      category: 'correction',
      text: '材料清单不一致，电话 13812345678',
      targetType: 'service',
      targetId: 'FOOD',
      targetName: '食品经营许可',
      serviceCode: 'FOOD',
      targetDepartmentId: 'market',
      targetDepartmentName: '市场监督管理局',
      targetDistrict: '浦东新区',
      nickname: '老王',
      channel: 'web',
      clientHash: 'h',
      ...overrides,
    },
    new Date(when),
  );
}

describe('tracking codes', () => {
  it('are 10 Crockford base32 symbols that pass their own check', () => {
    for (let i = 0; i < 200; i++) {
      const code = newTrackingCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
      expect(parseTrackingCode(code)).toBe(code);
    }
  });

  it('catch every single-symbol typo and every swap of two different neighbours but 0↔Z', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(31), { minLength: 9, maxLength: 9 }),
        fc.nat(9),
        fc.nat(31),
        (digits, pos, sub) => {
          let i = 0;
          const code = newTrackingCode(() => digits[i++]!);
          const changed = ALPHABET[sub]!;
          if (code[pos] !== changed) {
            expect(parseTrackingCode(code.slice(0, pos) + changed + code.slice(pos + 1))).toBeUndefined();
          }
          const j = pos % 9;
          // Luhn mod N cannot see a swap of the first and last symbols of the alphabet
          // ('0' and 'Z'), exactly as decimal Luhn misses 09 ↔ 90; every other swap is caught.
          const undetectablePair = [code[j], code[j + 1]].sort().join('') === '0Z';
          if (code[j] !== code[j + 1] && !undetectablePair) {
            expect(
              parseTrackingCode(code.slice(0, j) + code[j + 1] + code[j] + code.slice(j + 2)),
            ).toBeUndefined();
          }
        },
      ),
    );
  });

  it('read leniently (case, O/0, I/L/1, spaces, hyphens) but never accept other lengths or symbols', () => {
    let i = 0;
    const digits = [0, 1, 1, 2, 3, 4, 5, 6, 7];
    const code = newTrackingCode(() => digits[i++]!);
    expect(parseTrackingCode(code.toLowerCase())).toBe(code);
    expect(parseTrackingCode(`O${code.slice(1, 5)}-${code.slice(5)}`.replace(/1/g, 'l'))).toBe(code);
    expect(parseTrackingCode(`${code} `)).toBe(code);
    expect(parseTrackingCode(code.slice(1))).toBeUndefined();
    expect(parseTrackingCode(`${code}0`)).toBeUndefined();
    expect(parseTrackingCode('<script>alert</script>')).toBeUndefined();
    expect(parseTrackingCode('U'.repeat(10))).toBeUndefined();
  });
});

describe('text and contacts', () => {
  it('cleans text and refuses nicknames with markup or links', () => {
    expect(cleanText('  a\r\nb\u0000\u202E c \n')).toBe('a\nb c');
    expect(cleanNickname('  老  王 ')).toBe('老 王');
    expect(cleanNickname('Kevin_2.0')).toBe('Kevin_2.0');
    expect(cleanNickname('<b>x</b>')).toBeUndefined();
    expect(cleanNickname('http://spam')).toBeUndefined();
    expect(nicknameKey('Ｋｅｖｉｎ')).toBe(nicknameKey('kevin'));
    expect(excerpt('一二三四五', 3)).toBe('一二三…');
    expect(excerpt('一二三', 3)).toBe('一二三');
  });

  it('tells phones from e-mails, masks them, and seals them so only the same secret opens them', () => {
    expect(contactKind('+86 138-1234-5678')).toBe('phone');
    expect(contactKind('wang@example.com')).toBe('email');
    expect(contactKind('call me')).toBeUndefined();
    expect(contactKind('12')).toBeUndefined();
    expect(maskContact('phone', '13812345678')).toBe('138****5678');
    expect(maskContact('email', 'wang@example.com')).toBe('w***@example.com');
    const secret = 's'.repeat(40);
    const stored = storeContact(secret, 'Wang@Example.com')!;
    expect(stored.sealed).not.toContain('example');
    expect(openContact(secret, stored.sealed)).toBe('wang@example.com');
    expect(openContact('t'.repeat(40), stored.sealed)).toBeUndefined();
    // Tamper with a character in the middle: the last base64 character may carry unused
    // padding bits, so changing it does not always change the sealed bytes.
    const mid = Math.floor(stored.sealed.length / 2);
    const flipped = stored.sealed[mid] === 'A' ? 'B' : 'A';
    expect(
      openContact(secret, `${stored.sealed.slice(0, mid)}${flipped}${stored.sealed.slice(mid + 1)}`),
    ).toBeUndefined();
    expect(storeContact(secret, '13812345678')!.hash).toBe(storeContact(secret, '+86 138 1234 5678')!.hash);
    expect(sealContact(secret, 'x')).not.toBe(sealContact(secret, 'x'));
  });

  it('masks numbers and e-mail addresses in everything public', () => {
    expect(
      maskPublic('打 13812345678 或 021-12345678，邮件 wang.li@example.com，身份证 110101199003071234'),
    ).toBe('打 138****5678 或 021-****678，邮件 w***@example.com，身份证 110101************');
    const c = ok(
      reply(
        ok(
          route(
            ok(
              accept(
                fresh({ contact: storeContact('s'.repeat(40), 'a@b.cn')! }),
                at('2026-11-20T11:00:00+08:00'),
              ),
            ),
            { id: 'market', name: '市场监督管理局' },
            5,
            at('2026-11-20T12:00:00+08:00'),
          ),
        ),
        market,
        '请拨 13900001111',
        at('2026-11-23T10:00:00+08:00'),
      ),
    );
    const view = publicCritique(c);
    expect(JSON.stringify(view)).not.toMatch(/13812345678|13900001111|a@b\.cn|sealed|clientHash/);
    expect(view.replies[0]!.text).toBe('请拨 139****1111');
    const staff = staffCritique(c);
    expect(staff.text).toContain('13812345678');
    expect(staff.contact).toEqual({ kind: 'email', masked: 'a***@b.cn' });
    expect(JSON.stringify(staff)).not.toMatch(/sealed|clientHash|"hash"/);
  });
});

describe('the lifecycle', () => {
  it('answers on time within the deadline, counted in working days from routing', () => {
    // Friday 2026-11-20, 5 working days → Friday 2026-11-27.
    const routed = ok(
      route(
        ok(accept(fresh(), at('2026-11-20T10:30:00+08:00'))),
        { id: 'market', name: 'M' },
        5,
        at('2026-11-20T11:00:00+08:00'),
      ),
    );
    expect(routed).toMatchObject({
      status: 'routed',
      replyDue: '2026-11-27',
      assignedDepartmentId: 'market',
    });
    const onTime = ok(reply(routed, market, 'ok', at('2026-11-27T17:00:00+08:00')));
    expect(onTime).toMatchObject({ status: 'answered', responseDays: 5, answeredOnTime: true });
    const late = ok(reply(routed, market, 'ok', at('2026-11-30T09:00:00+08:00')));
    expect(late).toMatchObject({ responseDays: 6, answeredOnTime: false });
    // Only the first answer sets the response time.
    const second = ok(reply(onTime, market, 'more', at('2026-12-10T09:00:00+08:00')));
    expect(second).toMatchObject({
      responseDays: 5,
      answeredOnTime: true,
      replies: [expect.anything(), expect.anything()],
    });
  });

  it('refuses out-of-order steps and actors who do not answer for the critique', () => {
    const c = fresh();
    expect(reply(c, office, 'x', at('2026-11-21T10:00:00Z'))).toMatchObject({ ok: false, code: 'conflict' });
    expect(confirm(c, true, undefined, at('2026-11-21T10:00:00Z'))).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    const accepted = ok(accept(c, at('2026-11-21T10:00:00Z')));
    expect(accept(accepted, at('2026-11-21T10:00:00Z'))).toMatchObject({ ok: false, code: 'conflict' });
    expect(reply(accepted, market, 'x', at('2026-11-21T10:00:00Z'))).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const routed = ok(route(accepted, { id: 'market', name: 'M' }, 5, at('2026-11-21T10:00:00Z')));
    expect(reply(routed, housing, 'x', at('2026-11-22T10:00:00Z'))).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(handBack(routed, office, 'x', at('2026-11-22T10:00:00Z'))).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(grantAward(routed, 'x', at('2026-11-22T10:00:00Z'))).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(reject(routed, 'x', at('2026-11-22T10:00:00Z'))).toMatchObject({ ok: false, code: 'conflict' });
    expect(revokeAward(routed, at('2026-11-22T10:00:00Z'))).toMatchObject({ ok: false });
  });

  it('reopens on "not solved" with a new deadline and counts every one', () => {
    let c = ok(
      route(
        ok(accept(fresh(), at('2026-11-20T10:00:00+08:00'))),
        { id: 'market', name: 'M' },
        5,
        at('2026-11-20T10:00:00+08:00'),
      ),
    );
    c = ok(reply(c, market, 'a', at('2026-11-23T10:00:00+08:00')));
    c = ok(confirm(c, false, '没解决', at('2026-11-24T10:00:00+08:00')));
    expect(c).toMatchObject({ status: 'reopened', notSolvedCount: 1, replyDue: '2026-12-01' });
    c = ok(reply(c, market, 'b', at('2026-11-25T10:00:00+08:00')));
    c = ok(confirm(c, false, undefined, at('2026-11-26T10:00:00+08:00')));
    expect(c.notSolvedCount).toBe(2);
    c = ok(rectify(c, market, '改了', at('2026-11-27T10:00:00+08:00')));
    c = ok(confirm(c, true, undefined, at('2026-11-28T10:00:00+08:00')));
    expect(c).toMatchObject({
      status: 'rectified',
      confirmation: 'solved',
      notSolvedCount: 2,
      adoptedAt: '2026-11-27T02:00:00.000Z',
    });
    expect(confirm(c, false, undefined, at('2026-11-29T10:00:00+08:00'))).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    const awarded = ok(grantAward(c, '好', at('2026-11-30T10:00:00+08:00')));
    expect(grantAward(awarded, 'again', at('2026-11-30T10:00:00+08:00'))).toMatchObject({ ok: false });
    expect(ok(revokeAward(awarded, at('2026-12-01T10:00:00+08:00'))).award).toBeUndefined();
  });

  it('merges duplicates only into public critiques and hands back only before answering', () => {
    const original = ok(accept(fresh(), at('2026-11-20T10:00:00Z')));
    const dup = fresh();
    expect(markDuplicate(dup, fresh(), at('2026-11-20T11:00:00Z'))).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(markDuplicate(dup, dup, at('2026-11-20T11:00:00Z'))).toMatchObject({
      ok: false,
      code: 'invalid_request',
    });
    const merged = markDuplicate(dup, original, at('2026-11-20T11:00:00Z'));
    if (!merged.ok) throw new Error(merged.message);
    expect(merged.critique.original.meToo).toBe(1);
    expect(merged.critique.duplicate).toMatchObject({
      status: 'duplicate',
      duplicateOf: original.trackingCode,
    });
    const routed = ok(route(original, { id: 'market', name: 'M' }, 5, at('2026-11-20T12:00:00Z')));
    const back = ok(handBack(routed, market, '不归我们', at('2026-11-21T12:00:00Z')));
    expect(back.status).toBe('accepted');
    expect(back.assignedDepartmentId).toBeUndefined();
    const answered = ok(reply(routed, market, 'x', at('2026-11-21T12:00:00Z')));
    expect(handBack(answered, market, 'x', at('2026-11-22T12:00:00Z'))).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });

  it('flags an unanswered critique overdue from the day after its deadline, once', () => {
    const routed = ok(
      route(
        ok(accept(fresh(), at('2026-11-20T10:00:00+08:00'))),
        { id: 'market', name: 'M' },
        5,
        at('2026-11-20T10:00:00+08:00'),
      ),
    );
    expect(flagOverdue(routed, '2026-11-27', new Date())).toBeUndefined();
    const late = flagOverdue(routed, '2026-11-28', new Date())!;
    expect(late.overdue).toBe(true);
    expect(flagOverdue(late, '2026-11-29', new Date())).toBeUndefined();
    expect(ok(reply(late, market, 'x', at('2026-11-30T10:00:00+08:00'))).overdue).toBe(false);
  });
});

describe('the board', () => {
  it('lists a public critique under every combination of its filters, and nothing else', () => {
    const submitted = fresh();
    expect(boardFilterKeysOf(submitted)).toEqual([]);
    const accepted = ok(accept(submitted, at('2026-11-20T10:00:00Z')));
    const filters = boardFilterKeysOf(accepted);
    expect(filters).toHaveLength(12);
    for (const f of [
      {},
      { status: 'open' as const },
      { departmentId: 'market' },
      { serviceCode: 'FOOD', category: 'correction' as const },
      { status: 'open' as const, departmentId: 'market', category: 'correction' as const },
    ]) {
      expect(filters).toContain(boardFilterKey(f));
    }
    for (const f of [
      { status: 'answered' as const },
      { departmentId: 'housing' },
      { category: 'enquiry' as const },
      { general: true },
    ]) {
      expect(filters).not.toContain(boardFilterKey(f));
    }
    const general = ok(
      accept(
        fresh({
          targetType: 'general',
          targetId: undefined,
          serviceCode: undefined,
          targetDepartmentId: undefined,
        }),
        at('2026-11-20T10:00:00Z'),
      ),
    );
    expect(boardFilterKeysOf(general)).toContain(boardFilterKey({ general: true, category: 'correction' }));
    expect(boardFilterKeysOf(ok(reject(fresh(), 'x', at('2026-11-20T10:00:00Z'))))).toEqual([]);
  });

  it('keeps only masked excerpts on a row', () => {
    const row = boardRowOf(
      ok(accept(fresh({ text: `电话 13812345678 ${'长'.repeat(400)}` }), at('2026-11-20T10:00:00Z'))),
    );
    expect(row.excerpt).toMatch(/^电话 138\*\*\*\*5678/);
    expect([...row.excerpt].length).toBe(281);
  });
});

describe('aggregate contributions', () => {
  it('count accepted critiques per department and city, answers in their month with the response histogram', () => {
    expect(critiqueContributions(fresh() as never)).toEqual([]);
    const routed = ok(
      route(
        ok(accept(fresh(), at('2026-11-20T10:00:00+08:00'))),
        { id: 'market', name: 'M', district: '浦东新区' },
        5,
        at('2026-11-20T10:00:00+08:00'),
      ),
    );
    const answered = ok(reply(routed, market, 'x', at('2026-12-01T10:00:00+08:00')));
    const contributions = critiqueContributions(answered as never);
    const byKey = (scope: string, month: string) =>
      contributions.find((c) => c.scope === scope && c.month === month)?.counters;
    expect(byKey('dept', '2026-11')).toMatchObject({ crRecv: 1 });
    expect(byKey('svc', '2026-11')).toMatchObject({ crRecv: 1 });
    expect(byKey('district', '2026-11')).toMatchObject({ crRecv: 1 });
    expect(byKey('dept', '2026-12')).toEqual({ crAns: 1, crOnTime: 0, crDaysSum: 7, crh7: 1 });
    expect(byKey('city', '2026-12')).toMatchObject({ crAns: 1 });
    const stats = critiqueStats({
      crRecv: 3,
      crAns: 2,
      crOnTime: 1,
      crDaysSum: 9,
      crh2: 1,
      crh7: 1,
      crNotSolved: 2,
    });
    expect(stats).toMatchObject({
      received: 3,
      answered: 2,
      answeredOnTime: 1,
      onTimeRate: 0.5,
      meanResponseDays: 4.5,
      medianResponseDays: 2,
      notSolved: 2,
    });
    expect(critiqueStats({}).onTimeRate).toBeNull();
  });
});

describe('Open311 mapping and XML', () => {
  it('maps service codes, statuses and times', () => {
    expect(serviceCodeOf('correction')).toBe('correction');
    expect(serviceCodeOf('enquiry', 'market')).toBe('enquiry:market');
    expect(parseServiceCode('enquiry:market')).toEqual({ category: 'enquiry', departmentId: 'market' });
    expect(parseServiceCode('complaint')).toBeUndefined();
    expect(parseServiceCode('enquiry:')).toBeUndefined();
    expect(parseServiceCode('enquiry:a:b')).toBeUndefined();
    expect(beijingIso('2026-11-20T02:00:00.000Z')).toBe('2026-11-20T10:00:00+08:00');
    expect(open311Status({ status: 'reopened' })).toBe('open');
    expect(open311Status({ status: 'duplicate' })).toBe('closed');
    const r = open311Request(fresh());
    expect(r).toMatchObject({
      status: 'open',
      service_code: 'correction:market',
      agency_responsible: '市场监督管理局',
      status_notes: null,
    });
    expect(r.description).toContain('138****5678');
  });

  it('escapes text and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001\uD800`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
    expect(leaf('status_notes', null)).toBe('<status_notes/>');
    expect(record('r', { a: 1, b: true, c: '<' })).toBe('<r><a>1</a><b>true</b><c>&lt;</c></r>');
  });

  it('bounds request windows to 90 days the way the spec says', () => {
    const now = new Date('2026-11-20T00:00:00Z');
    const d = (s: string) => new Date(s);
    expect(requestWindow(now)).toEqual({ from: d('2026-08-22T00:00:00Z'), to: now });
    expect(requestWindow(now, d('2026-01-01T00:00:00Z'))).toEqual({
      from: d('2026-01-01T00:00:00Z'),
      to: d('2026-04-01T00:00:00Z'),
    });
    expect(requestWindow(now, undefined, d('2026-04-01T00:00:00Z')).from).toEqual(d('2026-01-01T00:00:00Z'));
    expect(() => requestWindow(now, d('2026-01-01T00:00:00Z'), d('2026-04-02T00:00:00Z'))).toThrow(/90 days/);
    expect(() => requestWindow(now, d('2026-02-01T00:00:00Z'), d('2026-01-01T00:00:00Z'))).toThrow(/before/);
  });
});
