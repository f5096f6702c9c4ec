/**
 * Stand-in for `@aws-sdk/credential-provider-node` in Lambda bundles. In Lambda the
 * execution role's credentials are always in the environment, so the SDK's full
 * default chain (SSO, INI files, web identity, process, IMDS and the STS/SSO clients
 * behind them, about 130 KB minified) is dead weight in every bundle and on every cold
 * start. The bundler aliases the chain to this module; local runs keep the real chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = () => fromEnv();
