/**
 * Feeds the table's stream to the same handler Lambda would call, with the same event
 * shape. Follows shards as they open and close, reads each to its end, keeps a
 * checkpoint per shard in the data folder (so a restart resumes, and a crash at worst
 * redelivers, which the aggregator tolerates), retries a partial batch failure from
 * the first failed record instead of dropping it, and filters on item types as the
 * cloud's event source does — Lambda's own semantics.
 */
import { readFileSync, renameSync } from 'node:fs';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type Shard,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { writePrivateFile } from './paths.js';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;

interface Checkpoints {
  streamArn?: string;
  /** Last sequence number fully processed per shard. */
  shards: Record<string, string>;
  /** Shards read to their end. */
  done: string[];
}

export interface PollerOptions {
  client: DynamoDBClient;
  endpoint: string;
  tableName: string;
  handler: StreamHandler;
  checkpointFile?: string;
  batchSize?: number;
  idleMs?: number;
  log?: (message: string, extra?: Record<string, unknown>) => void;
  /**
   * Item types whose changes reach the handler, by the `type` of the new or the old
   * image: what the Lambda event source's filter lets through in AWS (pass the same list,
   * e.g. `aggregatedTypes()`). Other records are acknowledged unseen. Default: all.
   */
  itemTypes?: readonly string[];
}

/** Whether a record passes an event filter on item types (new or old image), as Lambda's does. */
export function passesTypeFilter(record: DynamoDBRecord, types: ReadonlySet<string>): boolean {
  const typeOf = (image: unknown) => (image as { type?: { S?: string } } | undefined)?.type?.S;
  const newType = typeOf(record.dynamodb?.NewImage);
  const oldType = typeOf(record.dynamodb?.OldImage);
  return (newType !== undefined && types.has(newType)) || (oldType !== undefined && types.has(oldType));
}

/** SDK v3 stream records use Dates where Lambda's event uses epoch seconds. */
export function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const d = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? 'ddblocal',
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime: d.ApproximateCreationDateTime
        ? Math.floor(new Date(d.ApproximateCreationDateTime).getTime() / 1000)
        : undefined,
      Keys: d.Keys as never,
      NewImage: d.NewImage as never,
      OldImage: d.OldImage as never,
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
    },
  };
}

export class StreamPoller {
  private readonly streams: DynamoDBStreamsClient;
  private checkpoints: Checkpoints = { shards: {}, done: [] };
  private readonly iterators = new Map<string, string>();
  private readonly itemTypes: ReadonlySet<string> | undefined;
  private running = false;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** Records handed to the handler and acknowledged. */
  delivered = 0;
  /** Handler invocations that reported failures and were retried. */
  retries = 0;

  constructor(private readonly options: PollerOptions) {
    this.streams = new DynamoDBStreamsClient({
      endpoint: options.endpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    this.itemTypes = options.itemTypes ? new Set(options.itemTypes) : undefined;
    if (options.checkpointFile) {
      try {
        this.checkpoints = JSON.parse(readFileSync(options.checkpointFile, 'utf8')) as Checkpoints;
      } catch {
        /* first run */
      }
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopped = true;
    this.wake?.();
    await this.loop;
    this.streams.destroy();
  }

  private save(): void {
    const file = this.options.checkpointFile;
    if (!file) return;
    writePrivateFile(`${file}.tmp`, JSON.stringify(this.checkpoints));
    renameSync(`${file}.tmp`, file);
  }

  private async run(): Promise<void> {
    const idle = this.options.idleMs ?? 250;
    while (this.running) {
      let got = 0;
      try {
        got = await this.pollOnce();
      } catch (err) {
        this.options.log?.('stream poll failed; retrying', { error: String(err) });
        got = 0;
      }
      if (got === 0 && this.running) {
        await new Promise<void>((r) => {
          const t = setTimeout(r, idle);
          this.wake = () => {
            clearTimeout(t);
            r();
          };
        });
      }
    }
  }

  private async streamArn(): Promise<string | undefined> {
    const t = await this.options.client.send(new DescribeTableCommand({ TableName: this.options.tableName }));
    const arn = t.Table?.LatestStreamArn;
    if (arn && this.checkpoints.streamArn !== arn) {
      this.checkpoints = { streamArn: arn, shards: {}, done: [] };
      this.iterators.clear();
    }
    return arn;
  }

  private async listShards(arn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start, Limit: 100 }),
      );
      shards.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  }

  /** One pass over every open shard; returns the number of records delivered. */
  async pollOnce(): Promise<number> {
    const arn = await this.streamArn();
    if (!arn) return 0;
    const shards = await this.listShards(arn);
    const done = new Set(this.checkpoints.done);
    const known = new Set(shards.map((s) => s.ShardId));
    let delivered = 0;
    for (const shard of shards) {
      const id = shard.ShardId;
      if (!id || done.has(id)) continue;
      // Parents first, so a case's older change is not applied after its newer one.
      if (shard.ParentShardId && known.has(shard.ParentShardId) && !done.has(shard.ParentShardId)) continue;
      delivered += await this.drainShard(arn, id, done);
    }
    this.checkpoints.done = [...done].filter((id) => known.has(id));
    return delivered;
  }

  private async iteratorFor(arn: string, shardId: string): Promise<string | undefined> {
    const cached = this.iterators.get(shardId);
    if (cached) return cached;
    const after = this.checkpoints.shards[shardId];
    const out = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: arn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return out.ShardIterator;
  }

  private async drainShard(arn: string, shardId: string, done: Set<string>): Promise<number> {
    let delivered = 0;
    for (let round = 0; round < 20 && !this.stopped; round++) {
      let iterator = await this.iteratorFor(arn, shardId);
      if (!iterator) {
        done.add(shardId);
        this.iterators.delete(shardId);
        this.save();
        return delivered;
      }
      let out: GetRecordsCommandOutput;
      try {
        out = await this.streams.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: this.options.batchSize ?? 100 }),
        );
      } catch (err) {
        if (err instanceof ExpiredIteratorException || err instanceof TrimmedDataAccessException) {
          this.iterators.delete(shardId);
          if (err instanceof TrimmedDataAccessException) delete this.checkpoints.shards[shardId];
          continue;
        }
        throw err;
      }
      const records = out.Records ?? [];
      if (records.length) {
        await this.deliver(records, arn, shardId);
        delivered += records.length;
      }
      if (!out.NextShardIterator) {
        done.add(shardId);
        this.iterators.delete(shardId);
        this.save();
        return delivered;
      }
      iterator = out.NextShardIterator;
      this.iterators.set(shardId, iterator);
      if (!records.length) return delivered;
    }
    return delivered;
  }

  /** Deliver until every record is acknowledged, retrying from the first failure. */
  private async deliver(records: _Record[], arn: string, shardId: string): Promise<void> {
    const all = records.map((r) => toLambdaRecord(r, arn));
    const types = this.itemTypes;
    let pending = types ? all.filter((r) => passesTypeFilter(r, types)) : all;
    /** Where the checkpoint goes once every pending record is acknowledged: past the filtered ones too. */
    const end = all.at(-1)?.dynamodb?.SequenceNumber;
    if (!pending.length) {
      if (end) {
        this.checkpoints.shards[shardId] = end;
        this.save();
      }
      return;
    }
    let attempt = 0;
    while (pending.length) {
      let failedFrom = -1;
      try {
        const result = await this.options.handler({ Records: pending });
        const failures = result?.batchItemFailures ?? [];
        if (failures.length) {
          const ids = new Set(failures.map((f) => f.itemIdentifier));
          failedFrom = pending.findIndex((r) => ids.has(r.dynamodb?.SequenceNumber ?? ''));
          if (failedFrom < 0) failedFrom = 0;
        }
      } catch (err) {
        this.options.log?.('stream handler threw; retrying the whole batch', { error: String(err) });
        failedFrom = 0;
      }
      const ok = failedFrom < 0 ? pending : pending.slice(0, failedFrom);
      const last = failedFrom < 0 ? end : ok.at(-1)?.dynamodb?.SequenceNumber;
      if (last) {
        this.checkpoints.shards[shardId] = last;
        this.save();
      }
      this.delivered += ok.length;
      if (failedFrom < 0) return;
      pending = pending.slice(failedFrom);
      this.retries++;
      attempt++;
      if (this.stopped) return;
      await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** Math.min(attempt, 6))));
    }
  }
}
