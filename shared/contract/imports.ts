import { z } from 'zod';
import { IsoDate, OpId } from './primitives';
import { mutation, query } from './spec';

/**
 * Back-office files: rates and schedules come in as CSV (imports.run), bookings, customers and
 * billing go out as CSV (exports.run). Both are a supervisor's, and both are audited.
 */
export const ImportKind = z.enum(['hotelRates', 'carRates', 'flights']);
export type ImportKind = z.infer<typeof ImportKind>;

/** At most this many problems come back; the count says how many there were in all. */
export const MAX_REPORTED_PROBLEMS = 1000;
/** A file's data lines, header excluded. */
export const MAX_IMPORT_LINES = 200_000;
/** 200,000 lines of ~60 characters: a CSV the contract takes in one call. */
export const MAX_IMPORT_CHARS = 16_000_000;

/** One thing wrong with one line of the file, as a supervisor fixes it in a spreadsheet: line 1 is the header. */
export const ImportProblem = z.object({
  line: z.number().int().positive(),
  field: z.string(),
  reason: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

/**
 * What an import found and did. A dry run changes nothing; a real run applies every line in one
 * transaction only when no line has a problem (`applied`), otherwise nothing at all.
 */
export const ImportReport = z.object({
  kind: ImportKind,
  dryRun: z.boolean(),
  /** Data lines read (the header excluded). */
  lines: z.number().int().nonnegative(),
  /** Lines without a problem. */
  goodLines: z.number().int().nonnegative(),
  problems: z.array(ImportProblem).max(MAX_REPORTED_PROBLEMS),
  /** Every problem found, including those past the report's cap. */
  problemCount: z.number().int().nonnegative(),
  applied: z.boolean(),
  /** Rows made and rows changed (a dry run: what the import would make and change). */
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportProgress = z.object({
  /** The import's opId: the window that started it follows its own. */
  opId: OpId,
  phase: z.enum(['reading', 'checking', 'applying', 'done']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const ExportKind = z.enum(['bookings', 'customers', 'billing']);
export type ExportKind = z.infer<typeof ExportKind>;

/** An RFC 4180 file (CRLF line ends, quoted where needed), cells a spreadsheet would run as formulas defused. */
export const CsvFile = z.object({
  fileName: z.string().regex(/^[A-Za-z0-9._-]{1,120}\.csv$/, 'a CSV file name'),
  contentType: z.literal('text/csv'),
  /** Data rows, the header excluded. */
  rows: z.number().int().nonnegative(),
  csv: z.string(),
});
export type CsvFile = z.infer<typeof CsvFile>;

export const ImportExportChannels = {
  /**
   * Online-only: a rate sheet is applied to the store of record or not at all (a 5 MB file is no
   * change to queue in the outbox). The file travels in the call, so its row raises the bridge's
   * body limit for it alone.
   */
  'imports.run': mutation('supervisor', z.object({
    kind: ImportKind,
    csv: z.string().min(1).max(MAX_IMPORT_CHARS),
    dryRun: z.boolean().default(true),
  }), ImportReport, { offline: 'online-only' }, { maxInputBytes: 24_000_000 }),
  /** Rows made (bookings, customers) or moved (billing) on the UTC days from..to, both included. */
  'exports.run': query('supervisor', z.object({ kind: ExportKind, from: IsoDate, to: IsoDate })
    .refine((r) => r.from <= r.to, { message: 'to must not be before from', path: ['to'] }), CsvFile),
};
