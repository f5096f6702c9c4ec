/**
 * The cost tables as text (for the terminal) or Markdown (pasted into docs/deploy.md):
 * one table per scenario, a column per region, a row per service, the totals with and
 * without SMS, and the events that drive the bill. Marks say which figures rest on
 * prices not verified here (†) and which services the region cannot provide (n/a).
 */

import type { Estimate, EventName, ServiceCost } from './model.js';
import { PRICE_FILE_DATE, USD_CNY } from './prices.js';
import { BEHAVIOUR } from './profile.js';
import { type Service, services } from './usage.js';

export const eventLabels: Record<EventName, string> = {
  caseWrite: 'case rows ingested',
  invitation: 'rating invitations',
  rating: 'ratings',
  critique: 'critiques',
  pageView: 'public page views',
  staffPageView: 'staff console pages',
  sweeperRun: 'sweeper runs',
  standingChange: 'sweeper colour changes',
  standing: 'fixed resources and storage',
};

const int = (n: number) => Math.round(n).toLocaleString('en-US');

function money(n: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function cell(c: ServiceCost): string {
  if (c.unavailable) return 'n/a';
  return `${money(c.amount)}${c.unverified ? ' †' : ''}`;
}

const rowLabel: Partial<Record<Service, string>> = { 'SMS (SNS)': 'SMS (only with sendSms=true)' };

/** Header, rows and notes of one scenario's table. */
function tableOf(e: Estimate): { title: string; header: string[]; rows: string[][]; notes: string[] } {
  const s = e.scenario;
  const header = ['service', ...e.costs.map((c) => `${c.region} (${c.currency}/month)`)];
  const body = services.filter((svc) => svc !== 'SMS (SNS)');
  const anyUnverified = (pick: (c: Estimate['costs'][number]) => boolean) => e.costs.map(pick);
  const totalUnverified = anyUnverified((c) => body.some((svc) => c.byService[svc].unverified));
  const rows = [
    ...body.map((svc) => [rowLabel[svc] ?? svc, ...e.costs.map((c) => cell(c.byService[svc]))]),
    ['**Total**', ...e.costs.map((c, i) => `**${money(c.total)}${totalUnverified[i] ? ' †' : ''}**`)],
    [rowLabel['SMS (SNS)']!, ...e.costs.map((c) => cell(c.byService['SMS (SNS)']))],
    ['Total with SMS', ...e.costs.map((c) => `${money(c.totalWithSms)} †`)],
  ];
  const first = e.costs[0]!;
  const drivers = e.drivers
    .filter((d) => d.share >= 0.05)
    .slice(0, 4)
    .map((d) => `${eventLabels[d.event]} ${Math.round(d.share * 100)}%`)
    .join(', ');
  const notes = [
    `Largest drivers (${first.region}, without SMS): ${drivers}.`,
    `Public page renders on edge misses: ${int(e.usage.byEvent.pageView.count * (1 - BEHAVIOUR.dynamicPageShare) * e.usage.context.cacheMissRatio)} a month (miss ratio ${e.usage.context.cacheMissRatio}).`,
  ];
  return {
    title: `${s.title}: ${int(s.casesPerMonth)} cases, ${int(s.ratingsPerMonth)} ratings, ${int(s.critiquesPerMonth)} critiques, ${int(s.pageViewsPerMonth)} page views a month`,
    header,
    rows,
    notes,
  };
}

const legend = (estimates: Estimate[]) => {
  const hasCny = estimates.some((e) => e.costs.some((c) => c.currency === 'CNY'));
  return [
    `Prices from infra/cost/prices.ts (looked up ${PRICE_FILE_DATE}); free tiers excluded.`,
    '† includes prices not verified from a stored page (see the price file).',
    ...(hasCny
      ? [
          `n/a: not available in the China regions as these stacks deploy it. Most CNY figures are placeholders (us-east-1 × ${USD_CNY}).`,
        ]
      : []),
  ];
};

/** Markdown: a heading-less bold title, a pipe table and notes per scenario. */
export function renderMarkdown(estimates: Estimate[]): string {
  const out: string[] = [];
  for (const e of estimates) {
    const t = tableOf(e);
    out.push(`**${t.title}**`, '');
    out.push(`| ${t.header.join(' | ')} |`);
    out.push(`| ${t.header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
    for (const row of t.rows) out.push(`| ${row.join(' | ')} |`);
    out.push('', ...t.notes.map((n) => `- ${n}`), '');
  }
  out.push(...legend(estimates).map((n) => `- ${n}`));
  return `${out.join('\n')}\n`;
}

/** Plain text with aligned columns. */
export function renderText(estimates: Estimate[]): string {
  const out: string[] = [];
  for (const e of estimates) {
    const t = tableOf(e);
    const rows = [t.header, ...t.rows.map((r) => r.map((c) => c.replaceAll('**', '')))];
    const widths = t.header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
    out.push(t.title);
    for (const r of rows)
      out.push(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
    out.push(...t.notes.map((n) => `  ${n}`), '');
  }
  out.push(...legend(estimates));
  return `${out.join('\n')}\n`;
}
