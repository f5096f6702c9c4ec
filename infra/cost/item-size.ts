/**
 * DynamoDB's billing arithmetic: an item's size as DynamoDB counts it and the request
 * units a read or write of it costs. The request profile states item sizes (≤ 1 KB or
 * not decides whether a write is one unit or two); these functions let a test measure the
 * real items the stores build instead of trusting the profile's comments.
 */

/** Size of a number attribute: about one byte per two significant digits, plus one. */
function numberBytes(n: number): number {
  const digits = String(Math.abs(n))
    .replace(/e.*$/, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

function valueBytes(v: unknown): number {
  if (v === undefined) return 0;
  if (typeof v === 'string') return Buffer.byteLength(v);
  if (typeof v === 'number') return numberBytes(v);
  if (typeof v === 'boolean' || v === null) return 1;
  if (v instanceof Uint8Array) return v.byteLength;
  if (v instanceof Set) return [...v].reduce((n: number, x) => n + valueBytes(x), 0);
  if (Array.isArray(v)) return 3 + v.reduce((n: number, x) => n + 1 + valueBytes(x), 0);
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return 3 + entries.reduce((n, [k, x]) => n + 1 + Buffer.byteLength(k) + valueBytes(x), 0);
  }
  return 0;
}

/**
 * An item's size in bytes as DynamoDB bills it: attribute names plus values (strings in
 * UTF-8, numbers by significant digits, 3 bytes of overhead per map or list and 1 per
 * element). Undefined attributes are not stored (the document client drops them).
 */
export function itemBytes(item: Record<string, unknown>): number {
  return Object.entries(item)
    .filter(([, v]) => v !== undefined)
    .reduce((n, [k, v]) => n + Buffer.byteLength(k) + valueBytes(v), 0);
}

/** Write request units of one standard write of an item this size (1 per started KB). */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

/** Write request units inside TransactWriteItems (twice a standard write). */
export function transactionalWriteUnits(bytes: number): number {
  return 2 * writeUnits(bytes);
}

/** Read request units of one read of `bytes` (1 per started 4 KB; half when eventually consistent). */
export function readUnits(bytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(bytes / 4096));
  return consistent ? units : units / 2;
}
