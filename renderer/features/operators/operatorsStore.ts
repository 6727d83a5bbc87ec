import { create } from 'zustand';
import type { Operator, Role } from '../../../shared/contract';
import { call, createAction } from '../../client/contractClient';

interface OperatorsState {
  rows: Operator[] | null;
  error: unknown;
  load(): Promise<void>;
  create(input: { email: string; name: string; role: Role; password: string }): Promise<Operator>;
  setRole(operatorId: number, role: Role): Promise<void>;
  deactivate(operatorId: number): Promise<void>;
}

const upsert = (rows: Operator[] | null, op: Operator) =>
  rows ? (rows.some((r) => r.id === op.id) ? rows.map((r) => (r.id === op.id ? op : r)) : [...rows, op].sort((a, b) => a.email.localeCompare(b.email))) : [op];

/**
 * One long-lived action for this screen's mutations: it keys its opId by the input, so "Try
 * again" after a network failure reuses the opId and a new input gets a new one.
 */
const actions = createAction();

export const useOperators = create<OperatorsState>((set, get) => ({
  rows: null,
  error: null,
  async load() {
    try {
      set({ rows: await call('operators.list', {}), error: null });
    } catch (error) {
      set({ error });
    }
  },
  async create(input) {
    const op = await actions.run('operators.create', input);
    set({ rows: upsert(get().rows, op) });
    return op;
  },
  async setRole(operatorId, role) {
    const op = await actions.run('operators.setRole', { operatorId, role });
    set({ rows: upsert(get().rows, op) });
  },
  async deactivate(operatorId) {
    const op = await actions.run('operators.deactivate', { operatorId });
    set({ rows: upsert(get().rows, op) });
  },
}));
