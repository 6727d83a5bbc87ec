/**
 * MySQL / MariaDB errors that mean "this account may not do that" (not a broken connection, not
 * a wrong statement): what a console signed in with the restricted console account gets for DDL,
 * GRANT, or rewriting history.
 */
const ACCESS_DENIED_ERRNOS = new Set([
  1044, // ER_DBACCESS_DENIED_ERROR: Access denied for user … to database …
  1045, // ER_ACCESS_DENIED_ERROR (also: "you need the FILE privilege" on some servers)
  1142, // ER_TABLEACCESS_DENIED_ERROR: CREATE / ALTER / DROP / UPDATE … command denied … for table …
  1143, // ER_COLUMNACCESS_DENIED_ERROR
  1227, // ER_SPECIFIC_ACCESS_DENIED_ERROR: you need (at least one of) the … privilege(s)
  1370, // ER_PROCACCESS_DENIED_ERROR
  1410, // ER_CANT_CREATE_USER_WITH_GRANT: You are not allowed to create a user with GRANT
]);

export function isAccessDenied(err: unknown): boolean {
  const e = err as { errno?: number; code?: string } | null;
  if (!e) return false;
  if (typeof e.errno === 'number' && ACCESS_DENIED_ERRNOS.has(e.errno)) return true;
  return typeof e.code === 'string' && /ACCESS_DENIED/.test(e.code);
}
