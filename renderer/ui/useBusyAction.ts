import { useCallback, useState } from 'react';

/**
 * One action at a time from a card's buttons: `busy` while it runs (the buttons disable), its
 * failure kept in `error` for the card's ErrorNote, cleared when the next one starts.
 */
export function useBusyAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (work: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
