import { create } from 'zustand';
import type { DocumentFile } from '../../shared/contract';
import { call } from './contractClient';
import { preload, unwrap } from './preloadApi';

export type DocumentKind = 'itinerary' | 'invoice';

interface DocumentsState {
  /** What is being made right now ("invoice:42"), so its buttons wait. */
  busy: string | null;
  error: unknown;
  /** Where the last document was saved, in words, for the page to say. */
  notice: string | null;
  /** The request that failed, for "Try again". */
  failed: { kind: DocumentKind; bookingId: number; action: 'download' | 'print' } | null;
  download(kind: DocumentKind, bookingId: number): Promise<void>;
  print(kind: DocumentKind, bookingId: number): Promise<void>;
  retry(): Promise<void>;
  clear(): void;
}

const CHANNEL = { itinerary: 'documents.itinerary', invoice: 'documents.invoice' } as const;

function fetchDocument(kind: DocumentKind, bookingId: number): Promise<DocumentFile> {
  return call(CHANNEL[kind], { bookingId });
}

function pdfBlob(file: DocumentFile): Blob {
  const bin = atob(file.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: file.contentType });
}

/** The browser's own download of a blob: an <a download> clicked once, its URL let go after. */
function browserDownload(file: DocumentFile): void {
  const url = URL.createObjectURL(pdfBlob(file));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Prints the PDF itself, not the page: a hidden frame shows the blob (the CSP's frame-src allows
 * blob: for exactly this) and the platform's PDF viewer prints it. The frame stays until the next
 * print, since some viewers keep reading it while the print dialog is open.
 */
let printFrame: HTMLIFrameElement | null = null;
function printPdf(file: DocumentFile): Promise<void> {
  printFrame?.remove();
  const url = URL.createObjectURL(pdfBlob(file));
  const frame = document.createElement('iframe');
  frame.title = `Printing ${file.fileName}`;
  // Laid out but not seen (a frame with display: none is not printed); CSSOM, so the CSP allows it.
  Object.assign(frame.style, { position: 'fixed', right: '0', bottom: '0', width: '0', height: '0', border: '0' });
  frame.setAttribute('aria-hidden', 'true');
  printFrame = frame;
  return new Promise((resolve) => {
    frame.addEventListener('load', () => {
      try {
        frame.contentWindow?.focus();
        frame.contentWindow?.print();
      } finally {
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        resolve();
      }
    }, { once: true });
    frame.src = url;
    document.body.append(frame);
  });
}

/** Itinerary and invoice PDFs of a booking: made by the core, saved (desktop: the save dialog) or printed. */
export const useDocuments = create<DocumentsState>((set, get) => ({
  busy: null,
  error: null,
  notice: null,
  failed: null,
  async download(kind, bookingId) {
    if (get().busy) return;
    set({ busy: `${kind}:${bookingId}`, error: null, notice: null, failed: null });
    try {
      const file = await fetchDocument(kind, bookingId);
      const desktop = preload()?.documents;
      if (desktop) {
        const saved = await unwrap(desktop.save(file));
        set({ notice: saved.saved ? `Saved ${file.fileName}${saved.path ? ` to ${saved.path}` : ''}.` : null });
      } else {
        browserDownload(file);
        set({ notice: `Downloaded ${file.fileName}.` });
      }
    } catch (error) {
      set({ error, failed: { kind, bookingId, action: 'download' } });
    } finally {
      set({ busy: null });
    }
  },
  async print(kind, bookingId) {
    if (get().busy) return;
    set({ busy: `${kind}:${bookingId}`, error: null, notice: null, failed: null });
    try {
      await printPdf(await fetchDocument(kind, bookingId));
    } catch (error) {
      set({ error, failed: { kind, bookingId, action: 'print' } });
    } finally {
      set({ busy: null });
    }
  },
  async retry() {
    const f = get().failed;
    if (f) await get()[f.action](f.kind, f.bookingId);
  },
  clear() {
    set({ error: null, notice: null, failed: null });
  },
}));
