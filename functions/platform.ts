/**
 * Everything a request or job needs, wired once per process: the store client, the
 * stores over it, and the clock (injectable so tests can move time).
 */

import { DynamoCalendarStore } from './store/calendar.js';
import { DynamoCaseStore } from './store/cases.js';
import { DynamoCatalogueStore } from './store/catalogue.js';
import { type StoreClient, storeClient } from './store/client.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Platform {
  store: StoreClient;
  catalogue: DynamoCatalogueStore;
  cases: DynamoCaseStore;
  calendar: DynamoCalendarStore;
  clock: Clock;
}

export function createPlatform(store: StoreClient, clock: Clock = systemClock): Platform {
  return {
    store,
    catalogue: new DynamoCatalogueStore(store),
    cases: new DynamoCaseStore(store),
    calendar: new DynamoCalendarStore(store),
    clock,
  };
}

let shared: Platform | undefined;

/** The process-wide platform built from the environment. */
export function platform(): Platform {
  shared ??= createPlatform(storeClient());
  return shared;
}

/** Replace the process-wide platform (local runtime and tests). */
export function setPlatform(p: Platform): void {
  shared = p;
}
