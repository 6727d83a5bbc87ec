import type { z } from 'zod';
import type { Access } from './roles';
import { OpId } from './primitives';

export type ChannelSpec = {
  input: z.ZodTypeAny;
  output: z.ZodTypeAny;
  access: Access;
  /** Mutations carry an opId: the same opId twice returns the first result. */
  mutation: boolean;
};

export const query = <I extends z.ZodTypeAny, O extends z.ZodTypeAny>(access: Access, input: I, output: O) =>
  ({ input, output, access, mutation: false as const });
export const mutation = <S extends z.core.$ZodShape, O extends z.ZodTypeAny>(access: Access, input: z.ZodObject<S>, output: O) =>
  ({ input: input.extend({ opId: OpId.optional() }), output, access, mutation: true as const });
