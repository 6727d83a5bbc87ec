import { create } from 'zustand';
import type { ExportKind, ImportKind, ImportProgress, ImportReport } from '../../../shared/contract';
import { uuidv7 } from '../../../shared/uuidv7';
import { call, subscribe } from '../../client/contractClient';

export interface FileChoice {
  name: string;
  text: string;
}

interface ImportsState {
  kind: ImportKind;
  file: FileChoice | null;
  /** The dry run of the chosen file: the report the Import button waits on. */
  check: ImportReport | null;
  /** The real run's answer. */
  result: ImportReport | null;
  busy: 'checking' | 'importing' | null;
  progress: ImportProgress | null;
  error: unknown;
  setKind(kind: ImportKind): void;
  choose(file: FileChoice | null): Promise<void>;
  /** Runs the import for real; only offered once the dry run found no problem. */
  commit(): Promise<void>;

  exportKind: ExportKind;
  from: string;
  to: string;
  exporting: boolean;
  exportError: unknown;
  setExport(patch: Partial<Pick<ImportsState, 'exportKind' | 'from' | 'to'>>): void;
  /** The file as the core made it, for the page to save. */
  exportFile(): Promise<{ fileName: string; csv: string; rows: number } | null>;
}

const monthAgo = () => new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Runs one import call with its own opId and follows that opId's progress events, so two windows
 * importing at once each see their own bar.
 */
async function runWithProgress(input: { kind: ImportKind; csv: string; dryRun: boolean }, onProgress: (p: ImportProgress) => void): Promise<ImportReport> {
  const opId = uuidv7();
  const stop = subscribe('imports.progress', (p) => { if (p.opId === opId) onProgress(p); });
  try {
    return await call('imports.run', { ...input, opId });
  } finally {
    stop();
  }
}

let gen = 0;

export const useImports = create<ImportsState>((set, get) => ({
  kind: 'hotelRates',
  file: null,
  check: null,
  result: null,
  busy: null,
  progress: null,
  error: null,
  setKind(kind) {
    set({ kind });
    const { file } = get();
    if (file) void get().choose(file);
  },
  async choose(file) {
    const g = ++gen;
    set({ file, check: null, result: null, error: null, progress: null, busy: file ? 'checking' : null });
    if (!file) return;
    try {
      const check = await runWithProgress({ kind: get().kind, csv: file.text, dryRun: true }, (progress) => { if (g === gen) set({ progress }); });
      if (g === gen) set({ check, busy: null });
    } catch (error) {
      if (g === gen) set({ error, busy: null });
    }
  },
  async commit() {
    const { file, kind, check } = get();
    if (!file || !check || check.problemCount > 0) return;
    const g = ++gen;
    set({ busy: 'importing', error: null, progress: null });
    try {
      const result = await runWithProgress({ kind, csv: file.text, dryRun: false }, (progress) => { if (g === gen) set({ progress }); });
      // Refused meanwhile (a booking took the last rooms after the dry run): the report says where.
      if (g === gen) set({ result, check: result.applied ? check : result, busy: null });
    } catch (error) {
      if (g === gen) set({ error, busy: null });
    }
  },

  exportKind: 'bookings',
  from: monthAgo(),
  to: today(),
  exporting: false,
  exportError: null,
  setExport(patch) {
    set(patch);
  },
  async exportFile() {
    const { exportKind, from, to } = get();
    set({ exporting: true, exportError: null });
    try {
      const file = await call('exports.run', { kind: exportKind, from, to });
      set({ exporting: false });
      return file;
    } catch (exportError) {
      set({ exporting: false, exportError });
      return null;
    }
  },
}));
