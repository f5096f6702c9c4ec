/**
 * The critique stores over a platform's table, made once per platform: the platform
 * object is shared by every request of a process (and replaced in tests), so keying on
 * it keeps one set of stores per table without touching the platform wiring.
 */
import type { Platform } from '../../platform.js';
import { DynamoApiKeyStore } from '../../store/critique-api-keys.js';
import { DynamoCritiqueAwardStore } from '../../store/critique-awards.js';
import { DynamoCritiqueStore } from '../../store/critiques.js';

export interface CritiqueStores {
  critiques: DynamoCritiqueStore;
  awards: DynamoCritiqueAwardStore;
  apiKeys: DynamoApiKeyStore;
}

const cache = new WeakMap<Platform, CritiqueStores>();

export function critiqueStores(p: Platform): CritiqueStores {
  let stores = cache.get(p);
  if (!stores) {
    stores = {
      critiques: new DynamoCritiqueStore(p.store),
      awards: new DynamoCritiqueAwardStore(p.store),
      apiKeys: new DynamoApiKeyStore(p.store),
    };
    cache.set(p, stores);
  }
  return stores;
}
