/**
 * A Hono SSG file system that writes into the site bucket, with content types and
 * short cache lifetimes (the publisher refreshes pages after data changes). The S3
 * client is the Lambda runtime's (external to the bundle) and is loaded on the first
 * write, not at import: a static import would be hoisted into the bundle's head and
 * load on every cold start.
 */
import type { PutObjectCommand as PutObject, S3Client } from '@aws-sdk/client-s3';
import type { FileSystemModule } from 'hono/ssg';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
};

export function s3FileSystem(bucket: string, client?: S3Client): FileSystemModule {
  let s3: Promise<{ client: S3Client; PutObjectCommand: typeof PutObject }> | undefined;
  const load = () => {
    s3 ??= import('@aws-sdk/client-s3').then((m) => ({
      client: client ?? new m.S3Client({}),
      PutObjectCommand: m.PutObjectCommand,
    }));
    return s3;
  };
  return {
    mkdir: async () => undefined,
    writeFile: async (path, data) => {
      const key = path.replace(/^\.?\/+/, '');
      const ext = key.split('.').pop() ?? 'html';
      const { client, PutObjectCommand } = await load();
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: data,
          ContentType: TYPES[ext] ?? 'application/octet-stream',
          CacheControl: ext === 'js' ? 'public, max-age=3600' : 'public, max-age=60',
        }),
      );
    },
  };
}
