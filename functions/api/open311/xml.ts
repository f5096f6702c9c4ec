/**
 * A small XML writer for Open311's documents, built by hand (no dependency): element
 * names are fixed by the spec, text is escaped (& < > " ') and characters XML 1.0 does
 * not allow are dropped, so user text can never break or inject markup.
 */

const INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(value: string): string {
  return value.replace(INVALID, '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

export type XmlScalar = string | number | boolean | null | undefined;

/** `<tag>text</tag>`, or `<tag/>` for null/undefined. */
export function leaf(tag: string, value: XmlScalar): string {
  if (value === null || value === undefined) return `<${tag}/>`;
  return `<${tag}>${escapeXml(String(value))}</${tag}>`;
}

/** `<tag>` around already-written children. */
export function node(tag: string, children: readonly string[]): string {
  return `<${tag}>${children.join('')}</${tag}>`;
}

/** An element per property of a flat record, in its key order. */
export function record(tag: string, value: Record<string, XmlScalar>): string {
  return node(
    tag,
    Object.entries(value).map(([k, v]) => leaf(k, v)),
  );
}

export function xmlDocument(root: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}`;
}
