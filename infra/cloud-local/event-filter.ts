/**
 * Lambda's event filtering (the `FilterCriteria` of an event source mapping), for the
 * cloud topology's stream: a record reaches the function when any filter's pattern
 * matches it. A pattern is EventBridge's content filter: every key of the pattern must
 * match; an array lists what a value may be — a literal, or `{prefix}`, `{suffix}`,
 * `{"anything-but": […]}`, `{exists}`, `{numeric: [op, n, …]}`; an object goes one level
 * down.
 */

type Pattern = Record<string, unknown>;

function matchesCondition(value: unknown, condition: unknown, present: boolean): boolean {
  if (condition === null || typeof condition !== 'object') return present && value === condition;
  const c = condition as Record<string, unknown>;
  if ('exists' in c) return c.exists === present;
  if (!present) return false;
  if ('prefix' in c) return typeof value === 'string' && value.startsWith(String(c.prefix));
  if ('suffix' in c) return typeof value === 'string' && value.endsWith(String(c.suffix));
  if ('anything-but' in c) {
    const but = c['anything-but'];
    return !(Array.isArray(but) ? but : [but]).some((b) => matchesCondition(value, b, true));
  }
  if ('numeric' in c) {
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n)) return false;
    const ops = c.numeric as (string | number)[];
    for (let i = 0; i < ops.length; i += 2) {
      const bound = Number(ops[i + 1]);
      const ok = { '=': n === bound, '<': n < bound, '<=': n <= bound, '>': n > bound, '>=': n >= bound }[
        String(ops[i]) as '='
      ];
      if (!ok) return false;
    }
    return true;
  }
  throw new Error(`event filter: unsupported condition ${JSON.stringify(condition)}`);
}

/** Whether `event` (a record as the function would receive it) matches one pattern. */
export function matchesPattern(event: unknown, pattern: Pattern): boolean {
  const obj = (event ?? {}) as Record<string, unknown>;
  return Object.entries(pattern).every(([key, rule]) => {
    const present = key in obj && obj[key] !== undefined;
    if (Array.isArray(rule)) return rule.some((condition) => matchesCondition(obj[key], condition, present));
    if (rule && typeof rule === 'object') return present && matchesPattern(obj[key], rule as Pattern);
    throw new Error(`event filter: ${key} must be an array or an object`);
  });
}

/** The mapping's filters as a predicate (no `FilterCriteria`: every record passes). */
export function eventFilter(criteria: { Filters?: { Pattern: string }[] } | undefined) {
  const patterns = (criteria?.Filters ?? []).map((f) => JSON.parse(f.Pattern) as Pattern);
  return (record: unknown) => !patterns.length || patterns.some((p) => matchesPattern(record, p));
}
