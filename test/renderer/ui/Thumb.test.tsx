// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Thumb } from '../../../renderer/ui/Thumb';

afterEach(cleanup);

describe('thumbnails', () => {
  it('loads lazily at a fixed size, and a photo that fails becomes a same-size box with the alt text', () => {
    render(<Thumb src="https://images.tripdesk.test/hotels/7/1.jpg" alt="Photo of Harbor Inn" />);
    const img = screen.getByRole('img', { name: 'Photo of Harbor Inn' });
    expect(img.tagName).toBe('IMG');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('width')).toBe('64');
    fireEvent.error(img);
    const box = screen.getByRole('img', { name: 'Photo of Harbor Inn' });
    expect(box.tagName).toBe('SPAN');
    expect(box.textContent).toBe('Photo of Harbor Inn');
    expect(box.style.width).toBe('64px');
    expect(box.style.height).toBe('44px');
  });

  it('a listing without a photo shows the box at once', () => {
    render(<Thumb src={null} alt="Photo of Hertz Corolla" width={96} height={64} />);
    expect(screen.getByRole('img', { name: 'Photo of Hertz Corolla' }).style.width).toBe('96px');
  });
});
