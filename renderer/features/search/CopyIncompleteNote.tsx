/**
 * Above results answered offline from a copy whose download stopped short: the flight, room or
 * car the agent does not see may still exist, so "none" is not an answer to give the customer.
 */
export function CopyIncompleteNote({ incomplete }: { incomplete: boolean }) {
  if (!incomplete) return null;
  return <p className="notice notice-warn" role="status">Offline copy incomplete — results may be missing</p>;
}
