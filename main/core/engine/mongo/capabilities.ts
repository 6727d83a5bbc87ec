import type { Db } from 'mongodb';

export interface MongoCapabilities {
  server: string;
  /** FerretDB accepts TTL index options but (in 1.x) never deletes expired documents. */
  ttlIndexes: boolean;
  transactions: boolean;
}

export async function detectCapabilities(db: Db): Promise<MongoCapabilities> {
  const info = (await db.admin().command({ buildInfo: 1 })) as Record<string, unknown>;
  const ferret = typeof info.ferretdbVersion === 'string' || 'ferretdbFeatures' in info;
  const hello = (await db.admin().command({ hello: 1 })) as Record<string, unknown>;
  const replicated = typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
  return {
    server: ferret ? `FerretDB ${String(info.ferretdbVersion ?? '')}`.trim() : `MongoDB ${String(info.version ?? '')}`,
    ttlIndexes: !ferret,
    transactions: !ferret && replicated,
  };
}
