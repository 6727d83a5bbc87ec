import { create } from 'zustand';
import type { z } from 'zod';
import type { Airport, UsState } from '../../shared/contract';
import { call } from './contractClient';

export type AirportT = z.infer<typeof Airport>;
export type UsStateT = z.infer<typeof UsState>;

interface ReferenceState {
  airports: AirportT[];
  states: UsStateT[];
  error: unknown;
  /** Asks the core once; later calls are free once the lists are in. */
  load(): Promise<void>;
}

/**
 * Airports and US states: the lists behind the pickers of search, inventory and the customer
 * form. They rarely change, so one read serves every screen for the session.
 */
export const useReference = create<ReferenceState>((set, get) => ({
  airports: [],
  states: [],
  error: null,
  async load() {
    if (get().airports.length > 0) return;
    try {
      const [airports, states] = await Promise.all([call('airports.list', {}), call('states.list', {})]);
      set({ airports: [...airports].sort((a, b) => a.iata.localeCompare(b.iata)), states, error: null });
    } catch (error) {
      set({ error });
    }
  },
}));
