import { MongoClient } from 'mongodb';

/**
 * A console's MongoDB budget: at most this many pooled connections (the driver's default is 100).
 * Many consoles share one server, and a console's document traffic (audit batches, reviews,
 * watches) is light: operations beyond it wait in the driver's queue. The driver's monitoring
 * connections (one or two per server) come on top and carry no operations.
 */
export const MONGO_POOL_SIZE = 4;

/** The client a console talks to MongoDB with; fails fast (3 s) when the server is away, so the console goes offline. */
export function openMongoClient(url: string): MongoClient {
  return new MongoClient(url, {
    serverSelectionTimeoutMS: 3000,
    connectTimeoutMS: 3000,
    maxPoolSize: MONGO_POOL_SIZE,
    // Idle connections are closed after a while instead of kept at the budget's size forever.
    maxIdleTimeMS: 60_000,
  });
}
