/**
 * The single table, described once. The CDK stateful stack and the local runtime's
 * table creation both read this object, so the cloud and `npm start` can never drift
 * apart on key names, indexes, the stream or the TTL attribute.
 */
export interface IndexDefinition {
  /** Index name as DynamoDB knows it. */
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** Why the index exists: the access pattern it serves. */
  readonly purpose: string;
}

export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
  /** The aggregator needs both images to compute a delta (new contribution minus old). */
  streamViewType: 'NEW_AND_OLD_IMAGES',
  globalSecondaryIndexes: [
    {
      name: 'gsi1',
      partitionKey: 'gsi1pk',
      sortKey: 'gsi1sk',
      purpose: 'Lists and items by owner and time: catalogue listings, a department’s cases, inboxes.',
    },
    {
      name: 'gsi2',
      partitionKey: 'gsi2pk',
      sortKey: 'gsi2sk',
      purpose:
        'Sparse "open and due" index: only open items carry gsi2 keys, so the sweeper reads what is due soon, never the table.',
    },
    {
      name: 'gsi3',
      partitionKey: 'gsi3pk',
      sortKey: 'gsi3sk',
      purpose: 'Items by status and time: the public critique board, ranking versions, orders by status.',
    },
  ] satisfies IndexDefinition[],
} as const;

/** Every attribute used as a key anywhere, all strings. */
export const keyAttributes = [
  tableDefinition.partitionKey,
  tableDefinition.sortKey,
  ...tableDefinition.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
] as const;

/**
 * Attributes the table design adds to an item besides the entity it holds: the keys,
 * `type`, `v` and the TTL. Stores drop them when turning an item back into an entity.
 */
export const itemAttributes = [...keyAttributes, 'type', 'v', tableDefinition.ttlAttribute] as const;
