/**
 * Three deployments to price: a small city, a large city and a province. Volumes are
 * assumptions, stated here so an operator can replace them with their own figures; the
 * small city follows the issue (about 0.5 million people: 40,000 cases, 8,000 ratings,
 * 300 critiques and 100,000 page views a month) and the others scale it by population
 * (×20 and ×120), with catalogues and staff that grow less than linearly.
 */

export interface Scenario {
  name: 'small-city' | 'large-city' | 'province';
  title: string;
  population: number;
  /** Cases accepted a month (each is written `caseWritesPerCase` times by the upstream feed). */
  casesPerMonth: number;
  /** Upstream pushes per case: accepted, then completed (suspensions add more). */
  caseWritesPerCase: number;
  /** Share of newly completed cases whose applicant gets the rating link by SMS (feed cases with a phone). */
  invitedShare: number;
  ratingsPerMonth: number;
  critiquesPerMonth: number;
  /** Public pages viewed a month (from the CloudFront cache or rendered on a miss; a share are personal). */
  pageViewsPerMonth: number;
  /** Catalogue size: services, departments, districts, service windows. */
  services: number;
  departments: number;
  districts: number;
  windows: number;
  /** Staff who sign in during a month (Cognito monthly active users). */
  staff: number;
  /** Console pages each active staff member opens a month. */
  staffPageViewsPerStaff: number;
  /** Upstream case systems pushing `cases:batch`, each every `feedIntervalMinutes`. */
  upstreamSystems: number;
  feedIntervalMinutes: number;
  /** Catalogue, ranking and calendar edits a month. */
  catalogueChangesPerMonth: number;
  /** Average warm execution environments per function (secret and calendar refreshes scale with it). */
  warmEnvironments: number;
  /** Share of public-page requests CloudFront sends to the pages function (pages live 60 s in the cache). */
  cacheMissRatio: number;
  /** Months of history in the table (storage); the public pages show the last 24. */
  historyMonths: number;
}

export const scenarios: readonly Scenario[] = [
  {
    name: 'small-city',
    title: 'Small city (~0.5 M people)',
    population: 500_000,
    casesPerMonth: 40_000,
    caseWritesPerCase: 2,
    invitedShare: 0.5,
    ratingsPerMonth: 8_000,
    critiquesPerMonth: 300,
    pageViewsPerMonth: 100_000,
    services: 800,
    departments: 40,
    districts: 6,
    windows: 60,
    staff: 300,
    staffPageViewsPerStaff: 150,
    upstreamSystems: 2,
    feedIntervalMinutes: 1,
    catalogueChangesPerMonth: 50,
    warmEnvironments: 1,
    cacheMissRatio: 0.9,
    historyMonths: 24,
  },
  {
    name: 'large-city',
    title: 'Large city (~10 M people)',
    population: 10_000_000,
    casesPerMonth: 800_000,
    caseWritesPerCase: 2,
    invitedShare: 0.5,
    ratingsPerMonth: 160_000,
    critiquesPerMonth: 6_000,
    pageViewsPerMonth: 2_000_000,
    services: 2_500,
    departments: 70,
    districts: 16,
    windows: 600,
    staff: 4_000,
    staffPageViewsPerStaff: 150,
    upstreamSystems: 6,
    feedIntervalMinutes: 1,
    catalogueChangesPerMonth: 200,
    warmEnvironments: 3,
    cacheMissRatio: 0.6,
    historyMonths: 24,
  },
  {
    name: 'province',
    title: 'Province (~60 M people)',
    population: 60_000_000,
    casesPerMonth: 4_800_000,
    caseWritesPerCase: 2,
    invitedShare: 0.5,
    ratingsPerMonth: 960_000,
    critiquesPerMonth: 36_000,
    pageViewsPerMonth: 12_000_000,
    services: 6_000,
    departments: 1_500,
    districts: 120,
    windows: 3_000,
    staff: 25_000,
    staffPageViewsPerStaff: 150,
    upstreamSystems: 20,
    feedIntervalMinutes: 1,
    catalogueChangesPerMonth: 1_000,
    warmEnvironments: 8,
    cacheMissRatio: 0.4,
    historyMonths: 24,
  },
];

export function scenarioNamed(name: string): Scenario | undefined {
  return scenarios.find((s) => s.name === name);
}
