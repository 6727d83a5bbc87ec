// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/contract';
import { setTransport, type Transport } from '../../../renderer/client/contractClient';
import { ReviewForm } from '../../../renderer/features/reviews/ReviewForm';

afterEach(() => {
  cleanup();
  setTransport(null);
});

describe('review photos', () => {
  it('takes up to four https links, refuses others, and sends them with the review', async () => {
    const calls: Record<string, unknown>[] = [];
    const t: Transport = {
      kind: 'electron',
      async invoke(_channel, input): Promise<Envelope<unknown>> {
        calls.push(input as Record<string, unknown>);
        return { ok: true, value: { id: 'r1' } };
      },
      subscribe: () => () => undefined,
    };
    setTransport(t);
    render(<ReviewForm targetKind="hotel" targetId={7} customerId={12} onCreated={() => undefined} />);
    const link = screen.getByLabelText('Photo link');
    fireEvent.change(link, { target: { value: 'http://images.tripdesk.test/a.jpg' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add photo' }));
    expect(screen.getByRole('alert').textContent).toMatch(/must be a full https:\/\/ address/);
    for (let i = 1; i <= 4; i++) {
      fireEvent.change(screen.getByLabelText('Photo link'), { target: { value: `https://images.tripdesk.test/${i}.jpg` } });
      fireEvent.click(screen.getByRole('button', { name: 'Add photo' }));
    }
    expect(screen.getAllByRole('button', { name: /^Remove photo/ })).toHaveLength(4);
    expect(screen.queryByLabelText('Photo link')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Remove photo 2' }));
    fireEvent.change(screen.getByLabelText('Review'), { target: { value: 'Quiet rooms.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save review' }));
    await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
    expect(calls[0]).toMatchObject({
      targetKind: 'hotel', targetId: 7, customerId: 12, text: 'Quiet rooms.',
      imageUrls: ['https://images.tripdesk.test/1.jpg', 'https://images.tripdesk.test/3.jpg', 'https://images.tripdesk.test/4.jpg'],
    });
  });
});
