// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../shared/contract';
import { setTransport, type Transport } from '../../../renderer/client/contractClient';
import { useDocuments } from '../../../renderer/client/documentsStore';
import { BookingRecord } from '../../../renderer/features/bookings/BookingRecord';
import { useBookingRecord } from '../../../renderer/features/bookings/bookingsStore';

const PDF_BYTES = '%PDF-1.3\n%test\n';
const file = (name: string) => ({ fileName: name, contentType: 'application/pdf', base64: btoa(PDF_BYTES) });

const booking = (status = 'confirmed') => ({
  id: 42, customerId: 5, customerName: 'Ada Lovelace', bookingType: 'flight', status, totalCents: 25_000, refundedCents: 0,
  createdAtUtc: '2030-01-01T09:00:00.000Z', createdBy: 1, locator: 'K7QM2T', createdByName: 'Grace Agent', bookedOn: null, madeOffline: false, remarks: [],
  items: [{ id: 420, kind: 'flight', refId: 7, label: 'Delta DL 401 JFK→LAX', startUtc: '2030-12-05T14:00:00.000Z', endUtc: '2030-12-05T20:00:00.000Z',
    startTimeZone: 'America/New_York', endTimeZone: 'America/Los_Angeles', quantity: 1, totalCents: 25_000, status: 'active', refundCents: 0, travellers: [] }],
  billing: [], provisional: false,
});

function fakeCore(status = 'confirmed') {
  const calls: Array<[string, unknown]> = [];
  let failNext = false;
  const t: Transport = {
    kind: 'bridge',
    async invoke(channel, input): Promise<Envelope<unknown>> {
      calls.push([channel, input]);
      if (channel === 'bookings.get') return { ok: true, value: booking(status) };
      if (channel === 'bookings.history') return { ok: true, value: [] };
      if (channel === 'messages.list') return { ok: true, value: [] };
      if (channel === 'documents.itinerary' || channel === 'documents.invoice') {
        if (failNext) {
          failNext = false;
          return { ok: false, error: { code: 'INTERNAL', message: 'the PDF could not be made' } };
        }
        return { ok: true, value: file(channel === 'documents.invoice' ? 'invoice-INV-000007.pdf' : 'itinerary-K7QM2T.pdf') };
      }
      return { ok: false, error: { code: 'NOT_FOUND', message: `${channel}?` } };
    },
    subscribe: () => () => undefined,
  };
  return { t, calls, failOnce: () => { failNext = true; } };
}

const flush = async () => {
  for (let n = 0; n < 4; n++) await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
};

/** jsdom's Blob has no text(): read it the old way. */
const blobText = (b: Blob | undefined) => new Promise<string>((resolve, reject) => {
  if (!b) return reject(new Error('no blob'));
  const r = new FileReader();
  r.onload = () => resolve(String(r.result));
  r.onerror = () => reject(r.error);
  r.readAsText(b);
});

let blobs: Blob[];
beforeEach(() => {
  blobs = [];
  URL.createObjectURL = vi.fn((b: Blob) => { blobs.push(b); return `blob:test/${blobs.length}`; });
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  setTransport(null);
  delete window.tripdesk;
  useBookingRecord.setState({ booking: null, loadedFor: null });
  useDocuments.setState({ busy: null, error: null, notice: null, failed: null });
  document.querySelectorAll('iframe').forEach((f) => f.remove());
});

describe('itinerary and invoice buttons on the booking record', () => {
  it('in a browser, Download fetches the PDF from the core and downloads it under its name', async () => {
    const core = fakeCore();
    setTransport(core.t);
    render(<BookingRecord bookingId={42} />);
    await flush();
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicked.push(this); });
    fireEvent.click(screen.getByRole('button', { name: 'Download invoice' }));
    await flush();
    expect(core.calls).toContainEqual(['documents.invoice', { bookingId: 42 }]);
    expect(clicked.map((a) => [a.download, a.href])).toEqual([['invoice-INV-000007.pdf', 'blob:test/1']]);
    expect(blobs[0]?.type).toBe('application/pdf');
    expect(await blobText(blobs[0])).toBe(PDF_BYTES);
    expect(screen.getByText('Downloaded invoice-INV-000007.pdf.')).toBeTruthy();
    click.mockRestore();
  });

  it('in the desktop app, Download hands the PDF to the save dialog and says where it went', async () => {
    const core = fakeCore();
    setTransport(core.t);
    const save = vi.fn(async () => ({ ok: true as const, value: { saved: true, path: '/home/ada/Downloads/itinerary-K7QM2T.pdf' } }));
    window.tripdesk = { invoke: vi.fn(), subscribe: vi.fn(), documents: { save } };
    render(<BookingRecord bookingId={42} />);
    await flush();
    fireEvent.click(screen.getByRole('button', { name: 'Download itinerary' }));
    await flush();
    expect(save).toHaveBeenCalledWith(file('itinerary-K7QM2T.pdf'));
    expect(screen.getByText('Saved itinerary-K7QM2T.pdf to /home/ada/Downloads/itinerary-K7QM2T.pdf.')).toBeTruthy();
  });

  it('Print opens the PDF in a hidden frame and prints that frame, not the page', async () => {
    const core = fakeCore();
    setTransport(core.t);
    render(<BookingRecord bookingId={42} />);
    await flush();
    const pagePrint = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    fireEvent.click(screen.getByRole('button', { name: 'Print itinerary' }));
    await flush();
    const frame = document.querySelector('iframe');
    expect(frame?.getAttribute('src')).toBe('blob:test/1');
    const framePrint = vi.fn();
    Object.defineProperty(frame?.contentWindow, 'print', { value: framePrint, configurable: true });
    Object.defineProperty(frame?.contentWindow, 'focus', { value: vi.fn(), configurable: true });
    await act(async () => { frame?.dispatchEvent(new Event('load')); });
    expect(framePrint).toHaveBeenCalledTimes(1);
    expect(pagePrint).not.toHaveBeenCalled();
    pagePrint.mockRestore();
  });

  it('a failure is shown with Try again, which asks again; a booking whose payment failed offers no invoice', async () => {
    const core = fakeCore();
    setTransport(core.t);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    core.failOnce();
    render(<BookingRecord bookingId={42} />);
    await flush();
    fireEvent.click(screen.getByRole('button', { name: 'Download itinerary' }));
    await flush();
    expect(screen.getByText(/the PDF could not be made/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Try again/ }));
    await flush();
    expect(core.calls.filter(([c]) => c === 'documents.itinerary')).toHaveLength(2);
    expect(screen.getByText('Downloaded itinerary-K7QM2T.pdf.')).toBeTruthy();
    click.mockRestore();
    cleanup();
    useBookingRecord.setState({ booking: null, loadedFor: null });
    setTransport(fakeCore('payment_failed').t);
    render(<BookingRecord bookingId={42} />);
    await flush();
    expect(screen.getByRole('button', { name: 'Download itinerary' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Download invoice' })).toBeNull();
  });
});
