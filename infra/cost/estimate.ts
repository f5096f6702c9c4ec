/**
 * `npm run cost -- [--scenario NAME] [--region REGION] [--markdown]` prints what a month
 * of Woodpecker costs for a small city, a large city and a province: a table per
 * scenario with the monthly cost per service in each region, the totals and what drives
 * them. The arithmetic is infra/cost/model.ts; the volumes infra/cost/scenarios.ts; the
 * prices, each with its source and date, infra/cost/prices.ts.
 */
import { parseCommandLine, usageError } from '../local/cli.js';
import { estimate } from './model.js';
import { type Region, regions } from './prices.js';
import { renderMarkdown, renderText } from './render.js';
import { scenarioNamed, scenarios } from './scenarios.js';

const command = 'npm run cost --';
const names = scenarios.map((s) => s.name);
/** Ningxia has the same published prices as Beijing (see prices.ts). */
const regionAliases: Record<string, Region> = {
  'us-east-1': 'us-east-1',
  'cn-north-1': 'cn-north-1',
  'cn-northwest-1': 'cn-north-1',
};

const { values } = parseCommandLine({
  command,
  usage: `[--scenario NAME] [--region REGION] [--markdown]

Prints the monthly AWS cost of a Woodpecker deployment per service, from the request
profile of each business event (infra/cost/profile.ts) and the dated price file
(infra/cost/prices.ts). Free tiers are excluded; SMS is shown apart (sendSms=true only).

  --scenario NAME  one scenario: ${names.join(' | ')} (default: all three)
  --region REGION  one region: us-east-1 (USD) | cn-north-1 | cn-northwest-1 (CNY)
                   (default: us-east-1 and cn-north-1 side by side)
  --markdown       Markdown tables, as pasted into docs/deploy.md
  -h, --help       this text`,
  options: {
    scenario: { type: 'string' },
    region: { type: 'string' },
    markdown: { type: 'boolean', default: false },
  },
});

const chosen = values.scenario === undefined ? [...scenarios] : [scenarioNamed(values.scenario)];
if (chosen.some((s) => s === undefined))
  usageError(command, `--scenario must be one of ${names.join(', ')}, not "${values.scenario}".`);
const region = values.region === undefined ? undefined : regionAliases[values.region];
if (values.region !== undefined && !region)
  usageError(
    command,
    `--region must be one of ${Object.keys(regionAliases).join(', ')}, not "${values.region}".`,
  );

const estimates = chosen.map((s) => estimate(s!, region ? [region] : regions));
process.stdout.write(values.markdown ? renderMarkdown(estimates) : renderText(estimates));
