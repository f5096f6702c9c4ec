/**
 * The assembly's EventBridge schedules (`AWS::Events::Rule` with a `ScheduleExpression`):
 * each target function is invoked with a scheduled event at the rule's rate, and tests
 * run a rule at once with `runNow`. `rate(…)` is kept exactly; a `cron(…)` rule runs
 * every minute here (its calendar is EventBridge's business, not the platform's).
 */
import { randomUUID } from 'node:crypto';
import { type Assembly, type Json, resourcesOfType } from './assembly.js';

export interface Schedule {
  rule: string;
  expression: string;
  everyMs: number;
  functionNames: string[];
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Milliseconds between runs of a schedule expression. */
export function intervalOf(expression: string): number {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (rate) return Number(rate[1]) * UNIT_MS[rate[2]!]!;
  if (/^cron\(.+\)$/.test(expression)) return UNIT_MS.minute!;
  throw new Error(`not a schedule expression: ${expression}`);
}

/** The scheduled event EventBridge sends a Lambda target. */
export function scheduledEvent(rule: string, now = new Date()) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'ap-east-1',
    resources: [`arn:aws:events:ap-east-1:000000000000:rule/${rule}`],
    detail: {},
  };
}

export function schedulesOf(
  assembly: Assembly,
  resolve: (stack: string, value: unknown) => Json,
): Schedule[] {
  return resourcesOfType(assembly, 'AWS::Events::Rule')
    .filter(({ resource }) => resource.Properties?.ScheduleExpression)
    .map(({ stack, id, resource }) => {
      const expression = String(resource.Properties!.ScheduleExpression);
      const targets = (resource.Properties!.Targets ?? []) as { Arn: unknown }[];
      return {
        rule: id,
        expression,
        everyMs: intervalOf(expression),
        functionNames: targets.map((t) => String(resolve(stack.name, t.Arn)).split(':function:')[1]!),
      };
    });
}

export function startSchedules(
  schedules: Schedule[],
  invoke: (functionName: string, event: unknown) => Promise<unknown>,
  options: {
    background: boolean;
    log?: (line: string) => void;
    /** Timed runs are skipped until this resolves (`npm start` while the demo loads). */
    holdUntil?: Promise<unknown>;
  },
) {
  let held = options.holdUntil !== undefined;
  options.holdUntil?.then(
    () => {
      held = false;
    },
    () => {},
  );
  const run = (s: Schedule) =>
    Promise.all(s.functionNames.map((f) => invoke(f, scheduledEvent(s.rule)))).then(() => undefined);
  const timers = options.background
    ? schedules.map((s) =>
        setInterval(() => {
          if (!held) run(s).catch((err) => options.log?.(`${s.rule} failed: ${String(err)}`));
        }, s.everyMs),
      )
    : [];
  for (const t of timers) t.unref();
  return {
    schedules,
    /** Run every schedule whose target is `functionName` (all when omitted) now. */
    runNow: (functionName?: string) =>
      Promise.all(
        schedules.filter((s) => !functionName || s.functionNames.includes(functionName)).map(run),
      ).then(() => undefined),
    stop: () => {
      for (const t of timers) clearInterval(t);
    },
  };
}
