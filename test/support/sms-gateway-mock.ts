/**
 * The local SMS gateway mock for tests (infra/local/sms-gateway-mock.ts): set
 * `WOODPECKER_SMS_GATEWAY_URL` to its `url`. It accepts only registered templates,
 * dedupes on the idempotency key (`deliveriesOf(id)`: 0 or 1; `arrivalsOf(id)`: every
 * request), and `failNext(n)` fails the next n requests with 503.
 */
import {
  type GatewayMessage,
  type SmsGatewayMock,
  startSmsGatewayMock as startMock,
} from '../../infra/local/sms-gateway-mock.js';

export type { GatewayMessage, SmsGatewayMock };

/** Start a gateway mock on a free loopback port. */
export function startSmsGatewayMock(): Promise<SmsGatewayMock> {
  return startMock();
}
