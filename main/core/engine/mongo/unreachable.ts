/**
 * The MongoDB driver's ways of saying the server is out of reach, as opposed to refusing the
 * request. Told apart by name: the driver's error classes differ between its major versions, and
 * fakes in tests need not construct them.
 */
const UNREACHABLE = new Set([
  'MongoServerSelectionError', 'MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoTopologyClosedError', 'MongoNotConnectedError',
]);

export function isMongoUnreachable(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return typeof name === 'string' && UNREACHABLE.has(name);
}
