/**
 * A Hono SSG file system that writes into the site bucket, with content types and
 * short cache lifetimes (the publisher refreshes pages after data changes).
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { FileSystemModule } from 'hono/ssg';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

export function s3FileSystem(bucket: string, client = new S3Client({})): FileSystemModule {
  return {
    mkdir: async () => undefined,
    writeFile: async (path, data) => {
      const key = path.replace(/^\.?\/+/, '');
      const ext = key.split('.').pop() ?? 'html';
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
