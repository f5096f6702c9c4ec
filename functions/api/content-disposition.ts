/**
 * The Content-Disposition of every download (RFC 6266): `attachment; filename="<ASCII
 * fallback>"; filename*=UTF-8''<percent-encoded UTF-8>` (RFC 8187, which replaced RFC
 * 5987). Header values must be Latin-1 — a district's Chinese name put straight into
 * `filename=` made the response throw (a 500) — and quotes, backslashes, line breaks,
 * bidi overrides and path separators from ids in the name must not reach the header.
 */

/** Controls, format characters (bidi overrides, zero-width), line separators, path separators. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}/\\]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NOT_ATTR_CHAR = /['()*]/g;

/** `attachment; filename="report-district-_-2026-11.csv"; filename*=UTF-8''report-district-%E5%BE%90…`. */
export function attachmentDisposition(filename: string): string {
  const name = filename.replace(LONE_SURROGATE, '\uFFFD').replace(UNSAFE, '_').trim() || 'download';
  const ascii =
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^\.+/, '') || 'download';
  // encodeURIComponent leaves ' ( ) * unescaped; RFC 8187's attr-char does not allow them.
  const encoded = encodeURIComponent(name).replace(
    NOT_ATTR_CHAR,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
