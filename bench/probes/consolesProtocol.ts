/** Messages between the multi-console section and its console processes (bench/probes/consoles.ts). */

export interface ConsoleSpec {
  index: number;
  /** A hydrated device's data dir, copied to `dir` before the console starts. */
  templateDir: string;
  dir: string;
  mysqlUrl: string;
  mongoUrl: string;
  dbKey: string;
  email: string;
  password: string;
}

export interface BookingInput {
  customerId: number;
  expectedTotalCents: number;
  items: Array<{ kind: 'flight'; flightId: number; seats: number; travellers: Array<{ givenNames: string; familyName: string; dateOfBirth: string }> }>;
  payment: { kind: 'card'; card: { number: string; expMonth: number; expYear: number; cvc: string } };
}

export type ConsoleRequest =
  | { type: 'start'; consoles: ConsoleSpec[] }
  | { type: 'writes'; on: boolean; everyMs: number; booking: BookingInput }
  | { type: 'burst'; flightId: number }
  | { type: 'collect' }
  | { type: 'stop' };

export interface PullSample { at: number; ms: number; changes: number; reached: boolean }
export interface WriteSample { at: number; ms: number; ok: boolean; code?: string }

export type ConsoleReply =
  | { type: 'ready' }
  | { type: 'started'; count: number; ms: number }
  | { type: 'ack' }
  | { type: 'burst'; outcomes: Array<{ ms: number; code: string }> }
  | { type: 'samples'; pulls: PullSample[]; writes: WriteSample[] }
  | { type: 'stopped' }
  | { type: 'error'; message: string };
