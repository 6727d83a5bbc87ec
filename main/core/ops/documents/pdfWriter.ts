/**
 * The one place TripDesk draws a PDF. pdfkit, rather than pdf-lib or @react-pdf/renderer:
 * pdfkit is maintained, lays text out itself (wrapping, page breaks, width measures) and embeds
 * TrueType fonts subset, all in plain Node with no browser; pdf-lib would leave line breaking and
 * page flow to us and has had no release since 2021; @react-pdf/renderer brings React and a
 * WebAssembly layout engine into main/core and renders several times slower. The same code runs in
 * the desktop app, the headless server and offline, so a document is the same everywhere.
 *
 * Text is set in DejaVu Sans (embedded, subset), not in the PDF's built-in Helvetica: travellers'
 * names come in any Latin, Greek or Cyrillic letters as on their ID, and labels carry arrows,
 * which Helvetica's WinAnsi encoding cannot show.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { AgencySettings } from '../../config';

const require = createRequire(import.meta.url);

interface Fonts { regular: Buffer; bold: Buffer }
let fonts: Fonts | null = null;
/** Read once per process: a document embeds only the glyphs it uses. */
function loadFonts(): Fonts {
  fonts ??= {
    regular: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

const logos = new Map<string, Buffer | null>();
/**
 * The agency's logo, or null when the file cannot be read or is neither PNG nor JPEG: a missing
 * logo must not keep an agent from handing over an itinerary. Read once per path.
 */
function loadLogo(file: string | null): Buffer | null {
  if (!file) return null;
  if (!logos.has(file)) {
    let bytes: Buffer | null = null;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      bytes = null;
    }
    const png = bytes !== null && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const jpeg = bytes !== null && bytes[0] === 0xff && bytes[1] === 0xd8;
    logos.set(file, png || jpeg ? bytes : null);
  }
  return logos.get(file) ?? null;
}

export interface Column {
  text: string;
  /** Share of the line's width. */
  width: number;
  align?: 'left' | 'right';
  bold?: boolean;
}

const MARGIN = 50;
const BODY = 10;
const SMALL = 8.5;
const GREY = '#555555';
const RULE = '#bbbbbb';

/** A letter-size page with the agency's header, sections and simple tables that break across pages. */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(meta: { title: string; subject: string; author: string; createdAt: Date }) {
    // `font: ''` keeps pdfkit from loading its Helvetica metrics: every run of text is DejaVu.
    this.doc = new PDFDocument({
      size: 'LETTER', margin: MARGIN, font: '', bufferPages: true,
      info: { Title: meta.title, Subject: meta.subject, Author: meta.author, Creator: 'TripDesk', CreationDate: meta.createdAt },
    });
    const f = loadFonts();
    this.doc.registerFont('body', f.regular);
    this.doc.registerFont('bold', f.bold);
    this.doc.font('body').fontSize(BODY).fillColor('black');
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => this.chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  private get left(): number { return this.doc.page.margins.left; }
  private get width(): number { return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right; }

  /** Starts a new page when less than `height` points are left on this one. */
  private room(height: number): void {
    if (this.doc.y + height > this.doc.page.maxY()) this.doc.addPage();
  }

  /** The agency's name, address, phone and logo on the left; the document's title and key facts on the right. */
  header(agency: AgencySettings, title: string, facts: string[]): void {
    const d = this.doc;
    const top = d.y;
    const logo = loadLogo(agency.logoPath);
    let textLeft = this.left;
    if (logo) {
      d.image(logo, this.left, top, { fit: [56, 56] });
      textLeft += 66;
    }
    const half = this.width / 2;
    d.font('bold').fontSize(16).text(agency.name, textLeft, top, { width: half - (textLeft - this.left) });
    d.font('body').fontSize(SMALL).fillColor(GREY);
    if (agency.address) d.text(agency.address, { width: half - (textLeft - this.left) });
    if (agency.phone) d.text(agency.phone, { width: half - (textLeft - this.left) });
    const leftBottom = Math.max(d.y, logo ? top + 56 : top);
    d.fillColor('black').font('bold').fontSize(18).text(title, this.left + half, top, { width: half, align: 'right' });
    d.font('body').fontSize(BODY);
    for (const fact of facts) d.text(fact, this.left + half, d.y, { width: half, align: 'right' });
    d.y = Math.max(d.y, leftBottom) + 10;
    d.x = this.left;
    this.rule();
  }

  rule(): void {
    const d = this.doc;
    d.moveTo(this.left, d.y).lineTo(this.left + this.width, d.y).lineWidth(0.6).strokeColor(RULE).stroke();
    d.y += 8;
  }

  heading(text: string): void {
    this.room(40);
    const d = this.doc;
    d.y += 6;
    d.font('bold').fontSize(12).fillColor('black').text(text, this.left, d.y, { width: this.width });
    d.y += 3;
    d.font('body').fontSize(BODY);
  }

  /** A paragraph; `muted` for the small print. */
  para(text: string, opts: { bold?: boolean; muted?: boolean; indent?: number } = {}): void {
    const d = this.doc;
    d.font(opts.bold ? 'bold' : 'body').fontSize(opts.muted ? SMALL : BODY).fillColor(opts.muted ? GREY : 'black');
    const x = this.left + (opts.indent ?? 0);
    const width = this.width - (opts.indent ?? 0);
    this.room(d.heightOfString(text, { width }));
    d.text(text, x, d.y, { width });
    d.font('body').fontSize(BODY).fillColor('black');
  }

  space(points = 6): void {
    this.doc.y += points;
  }

  /** One table row; each cell wraps within its share of the width, and the row moves to the next page whole. */
  row(columns: Column[], opts: { shade?: boolean } = {}): void {
    const d = this.doc;
    const gap = 6;
    const cells = columns.map((c) => ({ ...c, w: this.width * c.width - gap }));
    const height = Math.max(...cells.map((c) => d.font(c.bold ? 'bold' : 'body').fontSize(BODY).heightOfString(c.text || ' ', { width: c.w }))) + 4;
    this.room(height);
    const top = d.y;
    if (opts.shade) d.rect(this.left, top - 2, this.width, height).fillColor('#f0f0f0').fill().fillColor('black');
    let x = this.left;
    for (const c of cells) {
      d.font(c.bold ? 'bold' : 'body').fontSize(BODY).fillColor('black').text(c.text, x, top, { width: c.w, align: c.align ?? 'left' });
      x += c.w + gap;
    }
    d.x = this.left;
    d.y = top + height;
    d.font('body');
  }

  /** Page numbers in the footer, then the file's bytes. */
  async finish(footer: string): Promise<Buffer> {
    const d = this.doc;
    const range = d.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      d.switchToPage(i);
      const bottom = d.page.height - d.page.margins.bottom;
      // Written below the flow's bottom margin: lifted for the line so it does not start a page.
      d.page.margins.bottom = 0;
      d.font('body').fontSize(SMALL).fillColor(GREY)
        .text(`${footer} · page ${i - range.start + 1} of ${range.count}`, this.left, bottom + 12, { width: this.width, align: 'center', lineBreak: false });
      d.page.margins.bottom = MARGIN;
    }
    d.end();
    return this.done;
  }
}
