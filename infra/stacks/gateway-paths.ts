/**
 * Hono route paths as API Gateway (HTTP API) route paths, and API Gateway's choice of
 * route for a request. The route table is derived from the Hono apps at synth time
 * (api-routes.ts); these are the two translations that derivation needs: what a Hono
 * path is called in API Gateway, and which route API Gateway would pick for it, so
 * synthesis can prove every Hono route reaches the function that serves it.
 */

/**
 * The API Gateway path of a Hono path (`/services/:code` → `/services/{code}`, a final
 * `*` → `{proxy+}`), or `undefined` when API Gateway cannot name it: a literal segment
 * with characters outside `A-Z a-z 0-9 . _ -` (the `:verb` custom methods such as
 * `cases:batch`), a parameter with a pattern or made optional, or a `*` that is not
 * last. Such a route is served through the catch-all that matches it, which synthesis
 * checks (`routeFor`).
 */
export function gatewayPathOf(honoPath: string): string | undefined {
  if (honoPath === '/') return '/';
  const segments = honoPath.split('/').slice(1);
  const out: string[] = [];
  for (const [i, s] of segments.entries()) {
    if (s === '*' && i === segments.length - 1) out.push('{proxy+}');
    else if (/^:[A-Za-z_][A-Za-z0-9_]*$/.test(s)) out.push(`{${s.slice(1)}}`);
    else if (/^[A-Za-z0-9._-]+$/.test(s)) out.push(s);
    else return undefined;
  }
  return `/${out.join('/')}`;
}

/** A request path that matches a Hono path (parameters and wildcards filled in), to route it. */
export function samplePathOf(honoPath: string): string {
  return honoPath
    .split('/')
    .map((s) => (s === '*' ? 'x1/x2' : s.startsWith(':') ? 'x1' : s))
    .join('/');
}

type Segment = { kind: 'literal'; text: string } | { kind: 'variable' } | { kind: 'greedy' };

function segmentsOf(gatewayPath: string): Segment[] {
  return gatewayPath
    .split('/')
    .slice(1)
    .map((s) =>
      /^\{[^}]+\+\}$/.test(s)
        ? { kind: 'greedy' }
        : /^\{[^}]+\}$/.test(s)
          ? { kind: 'variable' }
          : { kind: 'literal', text: s },
    );
}

/** Whether an API Gateway path matches a request path (`{x}` one segment, `{x+}` one or more). */
export function gatewayPathMatches(gatewayPath: string, requestPath: string): boolean {
  const pattern = segmentsOf(gatewayPath);
  const parts = requestPath.split('/').slice(1);
  for (const [i, seg] of pattern.entries()) {
    if (seg.kind === 'greedy') return parts.length > i && parts.slice(i).every((p) => p !== '');
    const part = parts[i];
    if (part === undefined || part === '') return false;
    if (seg.kind === 'literal' && seg.text !== part) return false;
  }
  return parts.length === pattern.length;
}

const rank = { literal: 2, variable: 1, greedy: 0 } as const;

/**
 * Orders two matching paths as API Gateway does: the more specific first, deciding at
 * the first segment where they differ — a literal before a `{variable}`, a variable
 * before a greedy `{proxy+}`.
 */
export function bySpecificity(a: string, b: string): number {
  const sa = segmentsOf(a);
  const sb = segmentsOf(b);
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const x = sa[i];
    const y = sb[i];
    if (!x || !y) return (y ? 1 : 0) - (x ? 1 : 0);
    if (x.kind !== y.kind) return rank[y.kind] - rank[x.kind];
  }
  return 0;
}

/**
 * The route API Gateway picks for a request: among the routes of that method whose path
 * matches, the most specific; `undefined` means `$default`.
 */
export function routeFor<R extends { readonly path: string; readonly methods: readonly string[] }>(
  routes: readonly R[],
  method: string,
  requestPath: string,
): R | undefined {
  return routes
    .filter((r) => r.methods.includes(method) && gatewayPathMatches(r.path, requestPath))
    .sort((a, b) => bySpecificity(a.path, b.path))[0];
}
