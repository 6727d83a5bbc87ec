import type { LogLevel } from '../../../shared/contract';

/** How every part of the core writes an application log line (the host decides where it goes). */
export type LogFn = (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;

/** A line in `logs`: an application log or (level `audit`) an audit entry. */
export interface LogDoc {
  id: string;
  ts: Date;
  level: LogLevel;
  source: string;
  message: string;
  operatorId: number | null;
  opId: string | null;
  entity: string | null;
  entityId: string | null;
}

export interface LogFilter {
  level?: LogLevel;
  q?: string;
  operatorId?: number;
  from?: Date;
  to?: Date;
  before?: { ts: Date; id: string };
  limit: number;
}

export interface LogStore {
  appendLogs(lines: LogDoc[]): Promise<void>;
  /** Newest first. */
  listLogs(filter: LogFilter): Promise<LogDoc[]>;
}
