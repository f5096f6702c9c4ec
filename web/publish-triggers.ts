/**
 * The item types the static pages are rendered from (web/publish.ts renders them with
 * the site's own routes): a change to one makes the site publisher run soon, besides its
 * schedule. In AWS this is the publisher's stream filter (infra/stacks/site-stack.ts);
 * locally the server renders every page live and the publisher runs on its timer only.
 * A static page that reads a new item type adds it here, and only here.
 */
export const publishTriggerTypes = [
  // The catalogue: home, services and service pages, departments.
  'department',
  'window',
  'service',
  'serviceLimit',
  // Rankings and their published versions.
  'ranking',
  // The find-fault window's front page and the hall of fame.
  'critique',
  // Working days change due dates and the calendar banners.
  'calendarYear',
] as const;
