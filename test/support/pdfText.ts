import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PDFParse } from 'pdf-parse';
import type { ChannelOutput } from '../../shared/contract';

type DocumentFile = ChannelOutput<'documents.itinerary'>;

/**
 * The PDF's text and page count, as pdf.js reads them (pdf-parse): pure JavaScript, so the check
 * needs no poppler on the machine; runs of spaces are made one.
 */
export async function pdfText(file: DocumentFile): Promise<string> {
  return (await readPdf(file)).text;
}

export async function pdfPages(file: DocumentFile): Promise<number> {
  return (await readPdf(file)).pages;
}

async function readPdf(file: DocumentFile): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: Buffer.from(file.base64, 'base64') });
  try {
    const r = await parser.getText();
    return { text: r.text.replace(/[ \t]+/g, ' '), pages: r.total };
  } finally {
    await parser.destroy();
  }
}

/** Where tests leave pictures for people to look at (as the browser tests' screenshots). */
const SHOTS = process.env.TRIPDESK_SCREENSHOTS_DIR ?? path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');

/** The first page as a PNG (poppler's `pdftoppm -png -r 60 -singlefile`) in the screenshots folder; answers its path. */
export function firstPagePng(file: DocumentFile, name: string, dpi = 60): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'td-pdf-'));
  try {
    const pdf = path.join(dir, file.fileName);
    fs.writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
    fs.mkdirSync(SHOTS, { recursive: true });
    const out = path.join(SHOTS, name);
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-singlefile', pdf, out.replace(/\.png$/, '')]);
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A small RGB PNG (a blue square with a white band) for the agency's logo. */
export function logoPng(size = 32): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const band = y > size / 3 && y < (2 * size) / 3;
      row.set(band ? [255, 255, 255] : [20, 70, 160], 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0)),
  ]);
}
