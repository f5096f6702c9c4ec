/**
 * Free text as the find-fault window accepts it: Unicode-normalised, line endings
 * unified, control characters other than newline and tab removed (they cannot be shown
 * and are not valid in XML), and trimmed. Nicknames are short public names of letters,
 * digits and a few separators, so they cannot carry markup or look like a URL.
 */

const CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const NICKNAME = /^[\p{L}\p{N}\p{M}_.·\- ]+$/u;

export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

/** A cleaned nickname, or undefined when it has characters a nickname may not have. */
export function cleanNickname(value: string): string | undefined {
  const v = cleanText(value).replace(/\s+/g, ' ');
  return v && NICKNAME.test(v) ? v : undefined;
}

/** The leaderboard key of a nickname: case and width folded so 'Ａbc' and 'abc' are one. */
export function nicknameKey(nickname: string): string {
  return nickname.normalize('NFKC').toLowerCase();
}

/** The first `max` characters (by code point), with an ellipsis when cut. */
export function excerpt(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('').trimEnd()}…`;
}
