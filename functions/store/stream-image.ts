/**
 * A stream record's image as an item, for the stream's readers above the store (the
 * alerts): unmarshalled only for the types asked for, so an image of another type —
 * which the local poller may deliver with attributes unmarshall refuses — is never read.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** The image as an item when its `type` is one of `types`, else undefined. */
export function streamImageOf(
  image: unknown,
  types: ReadonlySet<string>,
): Record<string, unknown> | undefined {
  if (!image) return undefined;
  const attrs = image as Record<string, AttributeValue>;
  if (!types.has(attrs.type?.S ?? '')) return undefined;
  return unmarshall(attrs);
}
