/**
 * Setup file of the e2e project (vitest.config.ts): every file's API answers, whoever asked,
 * must match the OpenAPI document; the file fails after its tests when one departed.
 */
import { enforceContract } from './test-server.js';

enforceContract();
