/**
 * An HTTP API's route selection as API Gateway does it: of the routes whose method is the
 * request's (or `ANY`), the most specific path wins — segment by segment from the left, a
 * literal beats a `{variable}`, which beats a greedy `{proxy+}` — a method route beats
 * `ANY`, and `$default` answers what nothing matches.
 */

export interface GatewayRoute<T> {
  /** `GET /api/v1/services/{code}`, `ANY /x/{proxy+}` or `$default`. */
  routeKey: string;
  target: T;
}

export interface Selected<T> {
  route: GatewayRoute<T>;
  pathParameters: Record<string, string>;
}

type Segment = { kind: 0; text: string } | { kind: 1; name: string } | { kind: 2; name: string };

function segmentsOf(path: string): Segment[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      const greedy = /^\{(.+)\+\}$/.exec(s);
      if (greedy) return { kind: 2, name: greedy[1]! } as const;
      const variable = /^\{(.+)\}$/.exec(s);
      if (variable) return { kind: 1, name: variable[1]! } as const;
      return { kind: 0, text: s } as const;
    });
}

/** The path parameters if `pattern` matches `path`, else undefined. */
function matchPath(pattern: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const seg = pattern[i]!;
    if (seg.kind === 2) {
      const rest = parts.slice(i);
      if (!rest.length) return undefined;
      params[seg.name] = rest.join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (seg.kind === 0 && seg.text !== part) return undefined;
    if (seg.kind === 1) params[seg.name] = decodeURIComponent(part);
  }
  return parts.length === pattern.length ? params : undefined;
}

/** Negative when `a` is more specific than `b`. */
function compareSpecificity(a: Segment[], b: Segment[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const ka = a[i]?.kind ?? 3;
    const kb = b[i]?.kind ?? 3;
    if (ka !== kb) return ka - kb;
  }
  return 0;
}

/** A route table to select from. */
export function routeTable<T>(routes: GatewayRoute<T>[]) {
  const parsed = routes
    .filter((r) => r.routeKey !== '$default')
    .map((r) => {
      const [method, path] = r.routeKey.split(' ') as [string, string];
      return { route: r, method, segments: segmentsOf(path) };
    });
  const fallback = routes.find((r) => r.routeKey === '$default');
  return {
    select(method: string, path: string): Selected<T> | undefined {
      const parts = path.split('/').filter(Boolean);
      const candidates = parsed
        .filter((r) => r.method === method || r.method === 'ANY')
        .map((r) => ({ r, params: matchPath(r.segments, parts) }))
        .filter((c) => c.params !== undefined);
      candidates.sort(
        (x, y) =>
          compareSpecificity(x.r.segments, y.r.segments) ||
          Number(x.r.method === 'ANY') - Number(y.r.method === 'ANY'),
      );
      const best = candidates[0];
      if (best) return { route: best.r.route, pathParameters: best.params! };
      return fallback ? { route: fallback, pathParameters: {} } : undefined;
    },
  };
}
