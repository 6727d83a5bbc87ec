import type { LogFn } from '../engine/logs';
import type { CoreConfig } from '../config';
import { centralEngine } from '../engine/centralEngine';
import type { Engine } from '../engine/engine';
import { migrateMongo } from '../engine/mongo/migrate';
import { MongoDocuments } from '../engine/mongo/mongoDocuments';
import { migrateMysql } from '../engine/mysql/migrate';
import { pingCentral, type CentralLink } from './connectivity';

export type DeviceLog = LogFn;

/**
 * The central servers as an engine. It is made the first time both answer, after migrating their
 * schemas: a console may start while they are away and must not touch them before they are ready.
 */
export class CentralTier {
  private current: Engine | null = null;
  private docs: MongoDocuments | null = null;

  constructor(private readonly link: CentralLink, private readonly config: CoreConfig, private readonly log: DeviceLog) {}

  /** Null until the servers have answered once. */
  engine(): Engine | null {
    return this.current;
  }

  /** Pings both servers (migrating them the first time they answer); false, and logged, when they are away. */
  async reachable(): Promise<boolean> {
    try {
      await pingCentral(this.link);
      if (!this.current) {
        await migrateMysql(this.link.mysql.pool);
        await migrateMongo(this.link.mongoDb, { retentionDays: this.config.retentionDays, log: (m) => this.log('info', m) });
        this.docs = new MongoDocuments(this.link.mongoClient, this.link.mongoDb, this.log, { rollupsIn: this.link.mysql });
        this.current = centralEngine(this.link.mysql, this.docs);
      }
      return true;
    } catch (err) {
      this.log('warn', 'central servers unreachable', { error: String((err as Error)?.message ?? err) });
      return false;
    }
  }

  /** Audit entries still queued for MongoDB are written before the client closes. */
  async closeAudit(): Promise<void> {
    await this.docs?.closeAudit();
  }
}
