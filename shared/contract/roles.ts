import { z } from 'zod';

export const Role = z.enum(['agent', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;

const RANK: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 };

/** Who may call a channel: 'public' needs no session, otherwise the least role that may. */
export type Access = 'public' | Role;

export function roleAllows(role: Role, access: Access): boolean {
  return access === 'public' || RANK[role] >= RANK[access];
}
