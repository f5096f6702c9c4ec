/**
 * Personal data handling (PIPL): phone numbers are kept only as a keyed hash (to match
 * a caller again) plus a masked form (to show staff), and phone, ID-card numbers and
 * e-mail addresses inside free text are masked before anything is shown in public.
 *
 * Free text is matched on its NFKC form with format characters (zero-width spaces, bidi
 * marks) and combining marks left out, so full-width digits (１３８…), ideographic
 * spaces, full-width @ and dashes, or a zero-width space between digits do not hide a
 * number. Digits may be split by up to three separators (space, dot, dash, underscore,
 * middle dot) anywhere. Only the matched numbers are replaced; the rest of the text is
 * returned exactly as written (full-width punctuation stays full-width).
 *
 * Every pattern is linear in the length of the text: number patterns have bounded
 * length and no overlapping repetition, and an e-mail address is only tried where a
 * run of address characters starts (a look-behind), so a long run without an @ is
 * scanned once, not once per position.
 */
import { createHmac } from 'node:crypto';

/** Characters that may sit between the digits of one number. */
const SEP = '[ \\t._·\\-\\u2010-\\u2015\\u2212\\u30FB\\u30FC]{0,3}';
/** `n` digits, separators allowed between them; an ID card's first digit (its province) is not 0. */
const idDigits = (n: number) => `[1-9](?:${SEP}\\d){${n - 1}}`;
/** +86, 0086, (+86), or a bare 86 before a mobile number. */
const COUNTRY = `\\(?(?:\\+|00)${SEP}86\\)?`;

const ID_18 = `(?<!\\d)(?<id18>${idDigits(17)}${SEP}[\\dXx])(?!\\d)`;
const ID_15 = `(?<!\\d)(?<id15>${idDigits(15)})(?!\\d)`;
const MOBILE = `(?<!\\d)(?:(?:${COUNTRY}|86)${SEP})?(?<mobile>1${SEP}[3-9](?:${SEP}\\d){9})(?!\\d)`;
/** 0 + area code (010, 02x: two digits after the 0; others three) + a 7-8 digit number. */
const LANDLINE =
  `(?<!\\d)(?:${COUNTRY}${SEP}\\(?0?|\\(?0)(?<area>(?:[12]|[3-9]${SEP}\\d)${SEP}\\d)\\)?${SEP}` +
  `(?<local>[1-9](?:${SEP}\\d){6,7})(?!\\d)`;
/** Starts only where a run of local-part characters starts, so the scan stays linear. */
const EMAIL =
  '(?<![A-Za-z0-9._%+-])(?<first>[A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@' +
  '(?<domain>[A-Za-z0-9-]+(?:[.\\u3002][A-Za-z0-9-]+)+)';

/** Alternatives in priority order at one position: ID cards before phones (they mask more). */
const NUMBERS = new RegExp([ID_18, ID_15, MOBILE, LANDLINE].join('|'), 'g');
const NUMBERS_AND_EMAILS = new RegExp([EMAIL, ID_18, ID_15, MOBILE, LANDLINE].join('|'), 'g');

/** Left out of the text that is matched: format characters and combining marks. */
const IGNORED = /[\p{Cf}\p{Mn}\p{Me}]/u;

/** Digits only (after NFKC, so full-width digits count), without a +86 or 0086 prefix. */
export function normalisePhone(phone: string): string {
  const digits = phone.normalize('NFKC').replace(/\D/g, '');
  if (digits.startsWith('0086') && digits.length === 15) return digits.slice(4);
  return digits.startsWith('86') && digits.length === 13 ? digits.slice(2) : digits;
}

/** 138****1234 */
export function maskPhone(phone: string): string {
  const d = normalisePhone(phone);
  if (d.length < 7) return '*'.repeat(d.length);
  return `${d.slice(0, 3)}${'*'.repeat(d.length - 7)}${d.slice(-4)}`;
}

/** A keyed hash, so equal phones can be matched without storing them. */
export function hashPhone(secret: string, phone: string): string {
  return createHmac('sha256', secret)
    .update(`phone:${normalisePhone(phone)}`)
    .digest('base64url');
}

/** Mask mobile, landline and ID-card numbers in free text (staff excerpts and public text). */
export function maskPersonalNumbers(text: string): string {
  return maskMatches(text, NUMBERS);
}

/**
 * Mask everything personal in free text shown in public: mobile, landline and ID-card
 * numbers, and e-mail addresses (w***@example.com). The one function every public view
 * (critique pages, board, Open311, the rater's view) goes through.
 */
export function maskPublicText(text: string): string {
  return maskMatches(text, NUMBERS_AND_EMAILS);
}

/** The masked form of one match, from its named groups (all ASCII after NFKC). */
function replacement(g: Record<string, string | undefined>): string {
  const only = (s: string, keep: RegExp) => s.replace(keep, '');
  if (g.first !== undefined) return `${g.first}***@${g.domain}`;
  if (g.id18 !== undefined) {
    const id = only(g.id18, /[^\dXx]/g);
    return `${id.slice(0, 6)}********${/[Xx]$/.test(id) ? '***X' : '****'}`;
  }
  if (g.id15 !== undefined) return `${only(g.id15, /\D/g).slice(0, 6)}*********`;
  if (g.mobile !== undefined) {
    const d = only(g.mobile, /\D/g);
    return `${d.slice(0, 3)}****${d.slice(-4)}`;
  }
  const local = only(g.local ?? '', /\D/g);
  return `0${only(g.area ?? '', /\D/g)}-****${local.slice(-3)}`;
}

/**
 * The text matched against: NFKC per code point, ignored characters dropped, with the
 * span of the original each matched character came from. Undefined spans: unchanged.
 */
function matchView(text: string): { view: string; from?: number[]; to?: number[] } {
  if (text.normalize('NFKC') === text && !IGNORED.test(text)) return { view: text };
  const from: number[] = [];
  const to: number[] = [];
  const parts: string[] = [];
  let i = 0;
  for (const ch of text) {
    const end = i + ch.length;
    const code = ch.charCodeAt(0);
    // ASCII and the common CJK ideographs are their own NFKC form.
    const stable = code < 0x80 || (code >= 0x4e00 && code <= 0x9fff);
    const n = stable ? ch : IGNORED.test(ch) ? '' : ch.normalize('NFKC');
    for (let k = 0; k < n.length; k++) {
      from.push(i);
      to.push(end);
    }
    parts.push(n);
    i = end;
  }
  return { view: parts.join(''), from, to };
}

function maskMatches(text: string, pattern: RegExp): string {
  const { view, from, to } = matchView(text);
  let out = '';
  let cursor = 0;
  for (const m of view.matchAll(pattern)) {
    const start = from ? from[m.index]! : m.index;
    const end = to ? to[m.index + m[0].length - 1]! : m.index + m[0].length;
    out += text.slice(cursor, Math.max(start, cursor)) + replacement(m.groups ?? {});
    cursor = Math.max(end, cursor);
  }
  return cursor === 0 ? text : out + text.slice(cursor);
}
