import { create } from 'zustand';
import type { CustomerRemark } from '../../../shared/contract';
import { call, createAction } from '../../client/contractClient';

interface RemarksState {
  customerId: number | null;
  remarks: CustomerRemark[] | null;
  error: unknown;
  load(customerId: number): Promise<void>;
  add(customerId: number, text: string): Promise<void>;
}

/** One action for adding remarks: "Try again" after a cut reuses the opId, so a remark is added once. */
const actions = createAction();

/** The remarks on the profile on screen, oldest first. */
export const useCustomerRemarks = create<RemarksState>((set, get) => ({
  customerId: null,
  remarks: null,
  error: null,
  async load(customerId) {
    set({ customerId, remarks: get().customerId === customerId ? get().remarks : null, error: null });
    try {
      const remarks = await call('customers.remarks', { customerId });
      if (get().customerId === customerId) set({ remarks });
    } catch (error) {
      set({ error });
    }
  },
  async add(customerId, text) {
    const remark = await actions.run('customers.addRemark', { customerId, text });
    if (get().customerId === customerId) set({ remarks: [...(get().remarks ?? []), remark] });
  },
}));
