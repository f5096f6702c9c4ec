/**
 * The static site: the same page routes the local server renders live, rendered to
 * files with Hono's SSG. The cloud's site publisher writes them to the S3 bucket
 * behind CloudFront; locally `publishSite` writes them to a folder.
 */
import { Hono } from 'hono';
import { type FileSystemModule, toSSG } from 'hono/ssg';
import { mountSite } from './site-app.js';

export function createSiteApp(): Hono {
  const app = new Hono();
  mountSite(app);
  return app;
}

export async function publishSite(fs: FileSystemModule, dir: string) {
  const result = await toSSG(createSiteApp(), fs, { dir, concurrency: 4 });
  if (!result.success) throw result.error ?? new Error('Static site generation failed.');
  return result.files;
}
