/**
 * Turn a store module written as functions of the client (`getOrder(store, id)`) into
 * the object the platform holds (`p.orders.getOrder(id)`): the same functions, same
 * names and documentation, with the client bound once in `createPlatform`. Callers then
 * reach every store the same way, as a field of `Platform`, and never hold the client.
 */
import type { StoreClient } from './client.js';

/** A store function: the client first, then the call's own arguments. */
// biome-ignore lint/suspicious/noExplicitAny: any argument list; `Bound` keeps each function's own.
type StoreFunction = (store: StoreClient, ...args: any[]) => unknown;

/** The functions with their first argument (the client) bound. */
export type Bound<F extends Record<string, StoreFunction>> = {
  [K in keyof F]: F[K] extends (store: StoreClient, ...args: infer A) => infer R ? (...args: A) => R : never;
};

/** Bind `store` as the first argument of each function. */
export function bindStore<F extends Record<string, StoreFunction>>(
  store: StoreClient,
  functions: F,
): Bound<F> {
  const bound: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(functions))
    bound[name] = (...args: unknown[]) => fn(store, ...args);
  return bound as Bound<F>;
}
