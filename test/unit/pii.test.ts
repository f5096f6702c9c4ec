/**
 * Masking personal numbers and e-mail addresses in text shown in public: the forms
 * people really type (full-width digits, groups split by spaces, dots, dashes or
 * ideographic spaces, +86 / 0086, old 15-digit and X-ending IDs, IDs glued to letters,
 * landlines with an area code), text around the numbers left exactly as written, and
 * linear time on long adversarial text (checked by the result, not a stopwatch).
 */
import { describe, expect, it } from 'vitest';
import {
  hashPhone,
  maskPersonalNumbers,
  maskPhone,
  maskPublicText,
  normalisePhone,
} from '../../functions/domain/pii.js';

describe('maskPhone / normalisePhone', () => {
  it('reads full-width digits and +86 / 0086 prefixes', () => {
    expect(maskPhone('１３８１２３４５６７８')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
    expect(maskPhone('0086-138-1234-5678')).toBe('138****5678');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(normalisePhone('＋８６　１３８　１２３４　５６７８')).toBe('13812345678');
  });

  it('hashes a full-width phone like the same phone in ASCII (and not like every other full-width one)', () => {
    expect(hashPhone('s', '１３８１２３４５６７８')).toBe(hashPhone('s', '13812345678'));
    expect(hashPhone('s', '１３８１２３４５６７８')).not.toBe(hashPhone('s', '１３９００００１１１１'));
  });
});

describe('maskPersonalNumbers', () => {
  const mobiles: [string, string][] = [
    ['电话 13812345678', '电话 138****5678'],
    ['电话 １３８１２３４５６７８', '电话 138****5678'],
    ['电话 138 1234 5678', '电话 138****5678'],
    ['电话 138.1234.5678', '电话 138****5678'],
    ['电话 138-1234-5678', '电话 138****5678'],
    ['电话 138　1234　5678', '电话 138****5678'],
    ['电话 １３８－１２３４－５６７８', '电话 138****5678'],
    ['电话 138 - 1234 - 5678', '电话 138****5678'],
    ['电话 +86 138 1234 5678', '电话 138****5678'],
    ['电话 +8613812345678', '电话 138****5678'],
    ['电话 0086 13812345678', '电话 138****5678'],
    ['电话 (+86)138-1234-5678', '电话 138****5678'],
    ['电话 ＋８６　１３８１２３４５６７８', '电话 138****5678'],
    ['Tel13812345678', 'Tel138****5678'],
    ['zero\u200bwidth 138\u200b1234\u200b5678', 'zero\u200bwidth 138****5678'],
    ['marks 1\u03323\u03328\u033212345678', 'marks 138****5678'],
  ];
  it.each(mobiles)('masks the mobile in %j', (text, masked) => {
    expect(maskPersonalNumbers(text)).toBe(masked);
  });

  const ids: [string, string][] = [
    ['身份证 110101199003071234', '身份证 110101************'],
    ['身份证 11010119900307123X', '身份证 110101***********X'],
    ['身份证 11010119900307123x', '身份证 110101***********X'],
    ['身份证 １１０１０１１９９００３０７１２３Ｘ', '身份证 110101***********X'],
    ['身份证 110101 19900307 1234', '身份证 110101************'],
    ['身份证 1101-0119-9003-0712-34', '身份证 110101************'],
    ['ID110101199003071234', 'ID110101************'],
    ['老身份证 110101900307123', '老身份证 110101*********'],
    ['老身份证 １１０１０１９００３０７１２３。', '老身份证 110101*********。'],
  ];
  it.each(ids)('masks the ID-card number in %j', (text, masked) => {
    expect(maskPersonalNumbers(text)).toBe(masked);
  });

  const landlines: [string, string][] = [
    ['座机 021-12345678', '座机 021-****678'],
    ['座机 (021) 1234 5678', '座机 021-****678'],
    ['座机 （０２１）１２３４５６７８', '座机 021-****678'],
    ['座机 010 62345678', '座机 010-****678'],
    ['座机 0571-87654321', '座机 0571-****321'],
    ['座机 0571 8765432', '座机 0571-****432'],
    ['座机 +86 21 12345678', '座机 021-****678'],
  ];
  it.each(landlines)('masks the landline in %j', (text, masked) => {
    expect(maskPersonalNumbers(text)).toBe(masked);
  });

  it('leaves the rest of the text exactly as written, full-width punctuation included', () => {
    expect(maskPersonalNumbers('请回电：１３８１２３４５６７８，谢谢！（周一）')).toBe(
      '请回电：138****5678，谢谢！（周一）',
    );
    expect(maskPersonalNumbers('两个号码 13812345678 13912345678、021-12345678')).toBe(
      '两个号码 138****5678 139****5678、021-****678',
    );
  });

  it('leaves dates, amounts, times and other numbers alone', () => {
    for (const text of [
      '2026-11-20 10:00 到窗口，等了 45 分钟',
      '花了 3.5 元，退了 -3.5 元',
      '编号 138123456789',
      '评分 0.5 0.6 0.7 0.8 0.9 1.0',
      '办件 C-2026-000123',
      '１２３４５',
    ]) {
      expect(maskPersonalNumbers(text)).toBe(text);
    }
  });

  it('is idempotent', () => {
    const once = maskPublicText('１３８１２３４５６７８ 021-12345678 11010119900307123X wang@example.com');
    expect(maskPublicText(once)).toBe(once);
  });
});

describe('maskPublicText', () => {
  it('masks e-mail addresses too, full-width ones included, and numbers with them', () => {
    expect(maskPublicText('邮件 wang.li@example.com，电话 13812345678')).toBe(
      '邮件 w***@example.com，电话 138****5678',
    );
    expect(maskPublicText('邮件 ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ 谢谢')).toBe('邮件 w***@example.com 谢谢');
    expect(maskPublicText('QQ 邮箱 13812345678@qq.com')).toBe('QQ 邮箱 1***@qq.com');
    expect(maskPersonalNumbers('wang@example.com')).toBe('wang@example.com');
  });

  it('stays correct (and linear) on 100 kB of adversarial text', () => {
    const n = 100_000;
    // Runs of address characters with no @ (quadratic for a pattern that retries at every position).
    const noAt = 'a'.repeat(n);
    expect(maskPublicText(noAt)).toBe(noAt);
    const dotted = 'a.'.repeat(n / 2);
    expect(maskPublicText(dotted)).toBe(dotted);
    // One huge local part that does end in an address.
    expect(maskPublicText(`${'a'.repeat(n)}@example.com`)).toBe('a***@example.com');
    // Many @ without a dotted domain.
    const ats = 'a@'.repeat(n / 2);
    expect(maskPublicText(ats)).toBe(ats);
    // A domain-like run that never gets a dot, after an @.
    const hyphens = `x@${'a-'.repeat(n / 2)}`;
    expect(maskPublicText(hyphens)).toBe(hyphens);
    // Long digit runs: too long to be any one number.
    const digitsOnly = '1'.repeat(n);
    expect(maskPublicText(digitsOnly)).toBe(digitsOnly);
    // Full-width text (the normalised path) with one phone and one address at the end.
    const wide = `${'１２'.repeat(n / 4)}。 电话 １３８１２３４５６７８ 邮件 ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ`;
    expect(maskPublicText(wide)).toBe(`${'１２'.repeat(n / 4)}。 电话 138****5678 邮件 w***@example.com`);
    // Many real addresses and phones: every one masked.
    const many = 'x1@a.cn 13812345678 '.repeat(5_000);
    expect(maskPublicText(many)).toBe('x***@a.cn 138****5678 '.repeat(5_000));
  });
});
