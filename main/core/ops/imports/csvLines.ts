import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { MAX_IMPORT_LINES, MAX_REPORTED_PROBLEMS, type ImportProblem, type ImportProgress } from '../../../../shared/contract';

/** Every problem is counted; the first MAX_REPORTED_PROBLEMS are kept for the report, in line order. */
export class ProblemLog {
  readonly kept: ImportProblem[] = [];
  count = 0;
  private readonly badLines = new Set<number>();

  add(line: number, field: string, reason: string): void {
    this.count += 1;
    this.badLines.add(line);
    if (this.kept.length < MAX_REPORTED_PROBLEMS) this.kept.push({ line, field, reason });
  }
  has(line: number): boolean {
    return this.badLines.has(line);
  }
  get lineCount(): number {
    return this.badLines.size;
  }
  /** The database checks run again if their transaction is retried: each attempt logs into its own copy. */
  copy(): ProblemLog {
    const c = new ProblemLog();
    c.kept.push(...this.kept);
    c.count = this.count;
    for (const l of this.badLines) c.badLines.add(l);
    return c;
  }
  /** Problems come from several passes (the shape of a line, then the database); the report reads by line. */
  sorted(): ImportProblem[] {
    return [...this.kept].sort((a, b) => a.line - b.line);
  }
}

export type Progress = (phase: ImportProgress['phase'], done: number, total: number | null) => void;

/** A data line: its number in the file (the header is line 1) and its cells by header name. */
export interface CsvLine {
  line: number;
  cell(name: string): string;
  /** The columns the file's header names. */
  readonly columns: ReadonlySet<string>;
}

/** What the header must name: every `required` column, and one column of each `oneOf` group. */
export interface HeaderRule {
  required: readonly string[];
  oneOf: ReadonlyArray<readonly string[]>;
  optional: readonly string[];
}

const CHUNK_CHARS = 64 * 1024;
const PROGRESS_EVERY = 2_000;

function quoteReason(err: CsvError): string {
  switch (err.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const m = /expect (\d+), got (\d+)/.exec(err.message);
      return m ? `${m[2]} fields where the header has ${m[1]}` : 'not as many fields as the header';
    }
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_QUOTE_NOT_CLOSED':
      // After a broken quote the parser cannot tell where the next line starts: it says so once.
      return 'a quoted field is not closed, or text follows its closing quote; the lines after it cannot be read reliably';
    default:
      return err.message;
  }
}

/**
 * Reads a CSV file line by line as csv-parse streams it (64 KB at a time, so a large file yields
 * to the event loop and progress reaches the window while it is read), checks the header against
 * `rule`, and hands every well-formed data line to `onLine`. Lines csv-parse cannot read (a wrong
 * number of fields, a broken quote) and a wrong header are problems in `log`. Returns the number of
 * data lines (read or not); 0 when the header is wrong, since no line can then be read.
 */
export async function readCsvLines(csv: string, rule: HeaderRule, log: ProblemLog, progress: Progress, onLine: (line: CsvLine) => void): Promise<number> {
  let total = 0;
  for (let i = csv.indexOf('\n'); i !== -1; i = csv.indexOf('\n', i + 1)) total += 1;
  if (!csv.endsWith('\n')) total += 1;
  const dataTotal = Math.max(0, total - 1);

  let header: string[] | null = null;
  let index = new Map<string, number>();
  let columns: ReadonlySet<string> = new Set();
  let lines = 0;
  let headerRefused = false;
  const parser = parse({
    info: true, trim: true, skip_empty_lines: true, bom: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (!err) return undefined;
      lines += 1;
      log.add(Number(err.lines) || 1, '(line)', quoteReason(err));
      return undefined;
    },
  });
  Readable.from(chunks(csv)).pipe(parser);

  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const { record, info } = item;
    if (header === null) {
      header = record.map((h) => h.toLowerCase());
      index = new Map(header.map((h, i) => [h, i]));
      columns = new Set(header);
      headerRefused = !headerFits(header, rule, log);
      // Leaving the loop ends the parse (the iterator destroys the stream).
      if (headerRefused) break;
      continue;
    }
    lines += 1;
    if (lines > MAX_IMPORT_LINES) {
      log.add(info.lines, '(file)', `a file takes at most ${MAX_IMPORT_LINES.toLocaleString('en-US')} lines; split it`);
      break;
    }
    const cells = record;
    onLine({ line: info.lines, cell: (name) => cells[index.get(name) ?? -1] ?? '', columns });
    if (lines % PROGRESS_EVERY === 0) progress('checking', lines, dataTotal);
  }
  if (header === null) log.add(1, '(file)', 'the file is empty: it needs a header line and at least one line of data');
  else if (!headerRefused && lines === 0) log.add(2, '(file)', 'the file has a header but no lines of data');
  progress('checking', lines, dataTotal);
  return headerRefused ? 0 : lines;
}

function* chunks(text: string): Generator<string> {
  for (let at = 0; at < text.length; at += CHUNK_CHARS) yield text.slice(at, at + CHUNK_CHARS);
}

function headerFits(header: string[], rule: HeaderRule, log: ProblemLog): boolean {
  const before = log.count;
  const known = new Set([...rule.required, ...rule.oneOf.flat(), ...rule.optional]);
  for (const name of rule.required) {
    if (!header.includes(name)) log.add(1, name, `the header has no ${name} column`);
  }
  for (const group of rule.oneOf) {
    const given = group.filter((g) => header.includes(g));
    if (given.length === 0) log.add(1, group.join(' or '), `the header needs one of ${group.join(', ')}`);
    if (given.length > 1) log.add(1, given.join(' and '), `give one of ${given.join(', ')}, not both`);
  }
  const seen = new Set<string>();
  for (const name of header) {
    if (!known.has(name)) log.add(1, name || '(empty)', `unknown column; the columns are ${[...known].join(', ')}`);
    if (seen.has(name)) log.add(1, name, 'the column is named twice');
    seen.add(name);
  }
  return log.count === before;
}
