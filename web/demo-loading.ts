/**
 * Whether `npm start` is still loading the demo data behind a site that already
 * serves. The local start sets it for the seed's duration, and the layout then shows a
 * status banner on every page; nothing sets it in the cloud, so there it is always off.
 */
let loading = false;

export function setDemoLoading(on: boolean): void {
  loading = on;
}

export function demoLoading(): boolean {
  return loading;
}
