import { createServer } from 'node:http';
import { expect, it } from 'vitest';
import { axeViolations, launchBrowser, newPage } from '../support/browser.js';
it('probe', async () => {
  const log: string[] = [];
  const server = createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    res.setHeader('content-type', 'text/html');
    if (req.method === 'POST') { res.statusCode = 303; res.setHeader('location', '/done'); res.end(); return; }
    const csp = process.env.PROBE_CSP ?? '';
    if (csp) res.setHeader('content-security-policy', csp);
    res.end('<!doctype html><html><body><main><table><tr><td><form method="post" action="/x/login"><input type="hidden" name="user" value="a"><button type="submit" aria-label="Sign in as A">Sign in</button></form></td></tr></table></main></body></html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as any).port;
  const browser = await launchBrowser();
  for (const csp of ['', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://127.0.0.1:1; frame-ancestors 'none'; base-uri 'none'"]) {
    process.env.PROBE_CSP = csp;
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(`http://127.0.0.1:${port}/`);
    console.log('AXE', JSON.stringify(await axeViolations(page)));
    await page.getByRole('button', { name: /Sign in as/ }).click();
    await new Promise((r) => setTimeout(r, 1500));
    console.log('PROBE', JSON.stringify(csp).slice(0, 30), page.url(), log.join(','));
    await page.context().close();
  }
  await browser.close(); server.close();
  expect(1).toBe(1);
});
