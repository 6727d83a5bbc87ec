import path from 'node:path';
import type { BrowserWindow, Dialog, WebContents } from 'electron';
import { ContractError, DocumentFile } from '../../shared/contract';

/** A PDF the core made is a few hundred kilobytes; anything far larger did not come from it. */
const MAX_BYTES = 20 * 1024 * 1024;

export interface SaveResult {
  saved: boolean;
  /** Where it was written, when it was. */
  path: string | null;
}

export interface DocumentSaver {
  save(sender: WebContents, input: unknown): Promise<SaveResult>;
}

export interface DocumentSaverDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  writeFile(file: string, data: Buffer): Promise<void>;
  /** The folder the dialog opens in (the user's Downloads). */
  defaultDir(): string;
  windowOf(sender: WebContents): BrowserWindow | null;
}

/**
 * Saves a document the renderer holds (documents.itinerary / documents.invoice's answer) where
 * the user picks in the system's save dialog. The renderer names no path: main asks the user, so a
 * page cannot write anywhere by itself, and only a PDF is written.
 */
export function createDocumentSaver(deps: DocumentSaverDeps): DocumentSaver {
  return {
    async save(sender, input) {
      const parsed = DocumentFile.safeParse(input);
      if (!parsed.success) throw new ContractError('VALIDATION', `document: ${parsed.error.issues[0]?.message ?? 'not a document'}`);
      const bytes = Buffer.from(parsed.data.base64, 'base64');
      if (bytes.length > MAX_BYTES || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
        throw new ContractError('VALIDATION', 'document: not a PDF that TripDesk made');
      }
      const options = {
        title: 'Save document',
        defaultPath: path.join(deps.defaultDir(), path.basename(parsed.data.fileName)),
        filters: [{ name: 'PDF document', extensions: ['pdf'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'>,
      };
      const owner = deps.windowOf(sender);
      const choice = owner ? await deps.dialog.showSaveDialog(owner, options) : await deps.dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { saved: false, path: null };
      const file = /\.pdf$/i.test(choice.filePath) ? choice.filePath : `${choice.filePath}.pdf`;
      await deps.writeFile(file, bytes);
      return { saved: true, path: file };
    },
  };
}
