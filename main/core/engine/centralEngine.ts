import type { DocumentStore } from './documents';
import type { Engine } from './engine';
import { PLAIN_BOX } from './secretBox';
import { isMongoUnreachable } from './mongo/unreachable';
import { isConnectionError, type MysqlDb } from './mysql/mysqlDb';

/** MySQL for the records, MongoDB (usually) for the documents: the central tier every console shares. */
export function centralEngine(sql: MysqlDb, docs: DocumentStore): Engine {
  return {
    kind: 'central', sql, docs, secrets: PLAIN_BOX, provisional: false,
    isUnreachable: (err) => isConnectionError(err) || isMongoUnreachable(err),
  };
}
