/**
 * Woodpecker awards and the nickname leaderboard. An award sits beside its critique
 * (one per critique, a conditional put) and is listed by time for the hall of fame.
 * A nickname's row counts its adopted critiques (those that led to a change) and its
 * awards; its gsi1 sort key is the score, so the leaderboard is one Query of the top
 * rows. Both are written in the same transaction as the critique change that causes
 * them (see DynamoCritiqueStore.save), so a count can neither be lost nor doubled.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '../domain/ports.js';
import type { StoreClient } from './client.js';
import type { TransactItem } from './critiques.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

export interface AwardRecord {
  trackingCode: string;
  citation: string;
  grantedAt: string;
  nickname?: string;
  category: string;
  targetName?: string;
  departmentName?: string;
  /** Masked excerpt of the critique. */
  excerpt: string;
}

export interface LeaderRow {
  nickname: string;
  nicknameKey: string;
  adopted: number;
  awards: number;
}

const pad = (n: number) => String(Math.max(0, n)).padStart(6, '0');

export function awardPut(tableName: string, award: AwardRecord): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.critiqueAward(award.trackingCode),
        ...keys.critiqueAwardList(award.grantedAt, award.trackingCode),
        type: 'critiqueAward',
        v: 1,
        ...award,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export function awardDelete(tableName: string, trackingCode: string): TransactItem {
  return {
    Delete: {
      TableName: tableName,
      Key: keys.critiqueAward(trackingCode),
      ConditionExpression: 'attribute_exists(pk)',
    },
  };
}

/** Replace a nickname's row, conditional on the counts it was read with. */
export function leaderPut(tableName: string, prev: LeaderRow | undefined, next: LeaderRow): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.critiqueLeader(next.nicknameKey),
        ...keys.critiqueLeaderRank(`${pad(next.awards)}#${pad(next.adopted)}`, next.nicknameKey),
        type: 'critiqueLeader',
        v: 1,
        ...next,
      },
      ...(prev
        ? {
            ConditionExpression: 'adopted = :a AND awards = :w',
            ExpressionAttributeValues: { ':a': prev.adopted, ':w': prev.awards },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
}

export class DynamoCritiqueAwardStore {
  constructor(private readonly store: StoreClient) {}

  /** The award's put, for the transaction of the critique change that grants it (`awardPut`). */
  awardPut(award: AwardRecord): TransactItem {
    return awardPut(this.store.tableName, award);
  }

  /** The award's delete, for the transaction of the change that revokes it (`awardDelete`). */
  awardDelete(trackingCode: string): TransactItem {
    return awardDelete(this.store.tableName, trackingCode);
  }

  /** A nickname row's replacement, for the transaction of the change that moves it (`leaderPut`). */
  leaderPut(prev: LeaderRow | undefined, next: LeaderRow): TransactItem {
    return leaderPut(this.store.tableName, prev, next);
  }

  async leader(nicknameKey: string): Promise<LeaderRow | undefined> {
    const out = await this.store.doc.send(
      new GetCommand({
        TableName: this.store.tableName,
        Key: keys.critiqueLeader(nicknameKey),
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    const { nickname, adopted, awards } = out.Item;
    return { nickname, nicknameKey, adopted: Number(adopted) || 0, awards: Number(awards) || 0 };
  }

  /** The hall of fame: awards, newest first. */
  async awards(options: { limit: number; cursor?: string | undefined }): Promise<Page<AwardRecord>> {
    const { gsi1pk } = keys.critiqueAwardList('', '');
    const start = decodeCursor(options.cursor, { index: 'gsi1', partition: gsi1pk });
    const { items, lastKey } = await queryAll(
      this.store,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk },
        ScanIndexForward: false,
      },
      { startKey: start, limit: options.limit, maxRequests: 1 },
    );
    return {
      items: items.map(
        ({ trackingCode, citation, grantedAt, nickname, category, targetName, departmentName, excerpt }) => ({
          trackingCode,
          citation,
          grantedAt,
          category,
          excerpt,
          ...(nickname ? { nickname } : {}),
          ...(targetName ? { targetName } : {}),
          ...(departmentName ? { departmentName } : {}),
        }),
      ),
      nextCursor: encodeCursor(lastKey),
    };
  }

  /** The top nicknames by awards, then adopted critiques. */
  async leaderboard(limit: number): Promise<LeaderRow[]> {
    const { items } = await queryAll(
      this.store,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.critiqueLeaderRank('', '').gsi1pk },
        ScanIndexForward: false,
      },
      { limit: limit, maxRequests: 1 },
    );
    return items.map(({ nickname, nicknameKey, adopted, awards }) => ({
      nickname,
      nicknameKey,
      adopted: Number(adopted) || 0,
      awards: Number(awards) || 0,
    }));
  }
}
