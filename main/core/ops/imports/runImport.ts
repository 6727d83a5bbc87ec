import type { ImportKind, ImportReport } from '../../../../shared/contract';
import { operation } from '../operation';
import { runMutation } from '../runMutation';
import type { ServiceContext } from '../context';
import { readCsvLines, ProblemLog, type Progress } from './csvLines';
import { carRates, hotelRates } from './dayRates';
import { flightSchedule } from './flightSchedule';
import type { Plan, Sheet } from './sheet';

const SHEETS: Record<ImportKind, Sheet<unknown>> = {
  hotelRates: hotelRates as Sheet<unknown>,
  carRates: carRates as Sheet<unknown>,
  flights: flightSchedule as Sheet<unknown>,
};

/** A progress event at most every PROGRESS_MS (and at each phase's end), so a large file does not flood the window. */
const PROGRESS_MS = 100;

function progressOf(ctx: ServiceContext): Progress {
  let last = 0;
  let lastPhase = '';
  return (phase, done, total) => {
    const t = Date.now();
    const ends = total !== null && done >= total;
    if (phase === lastPhase && !ends && t - last < PROGRESS_MS) return;
    last = t;
    lastPhase = phase;
    ctx.emit('imports.progress', { opId: ctx.opId, phase, done, total });
  };
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Reads a rate sheet or a schedule and reports every bad line (line, field, reason). A dry run
 * stops there and changes nothing. A real run checks the lines again inside one transaction, with
 * the rows it will change locked, and writes them all in batched multi-row upserts only when no
 * line has a problem: all or nothing. Its answer and audit entry are kept like any mutation's.
 */
export const runImport = operation('imports.run', async (ctx, input) => {
  const sheet = SHEETS[input.kind];
  const log = new ProblemLog();
  const progress = progressOf(ctx);
  const lines: unknown[] = [];
  progress('reading', 0, null);
  const lineCount = await readCsvLines(input.csv, sheet.header, log, progress, (l) => {
    const parsed = sheet.line(l, log);
    if (parsed !== undefined) lines.push(parsed);
  });
  const report = (checked: ProblemLog, plan: Plan | null, applied: boolean): ImportReport => ({
    kind: input.kind, dryRun: input.dryRun, lines: lineCount, goodLines: Math.max(0, lineCount - checked.lineCount),
    problems: checked.sorted(), problemCount: checked.count, applied, created: plan?.created ?? 0, updated: plan?.updated ?? 0,
  });

  if (input.dryRun) {
    const plan = lineCount > 0 ? await sheet.check(ctx.engine.sql, lines, log, '') : null;
    progress('done', lineCount, lineCount);
    return report(log, plan, false);
  }

  let applied: Plan | null = null;
  const answer = await runMutation(ctx, async (tx) => {
    applied = null;
    const checked = log.copy();
    const plan = lineCount > 0 ? await sheet.check(tx, lines, checked, tx.lockForUpdate) : null;
    if (checked.count > 0 || !plan) return report(checked, plan, false);
    const learnt = await sheet.apply(tx, plan, progress, ctx.now());
    applied = { ...plan, changes: [...plan.changes, ...learnt] };
    return report(checked, plan, true);
  }, (r) => ({
    entity: 'import', entityId: input.kind,
    summary: r.applied
      ? `${input.kind}: ${count(r.lines)} lines imported; ${count(r.created)} rows created, ${count(r.updated)} changed`
      : `${input.kind}: refused, ${count(r.problemCount)} problem(s) on ${count(r.lines - r.goodLines)} of ${count(r.lines)} lines; nothing changed`,
  }));
  progress('done', lineCount, lineCount);
  const done = applied as Plan | null;
  if (done && done.changes.length > 0) await ctx.inventoryChanged?.(done.changes);
  return answer;
});
