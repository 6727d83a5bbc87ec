import { useEffect, useState, type FormEvent } from 'react';
import { useSavedTravellers } from '../../client/travellersStore';
import { ProvisionalBadge } from '../../ui/Badge';
import { ErrorNote } from '../../ui/ErrorNote';
import { emptyTraveller, TravellerFields, travellerDetails, type TravellerDraft } from '../../ui/TravellerFields';

/** The travellers a customer books for (themselves, family): the booking flow offers them to pick. */
export function SavedTravellers({ customerId }: { customerId: number }) {
  const list = useSavedTravellers((s) => s.byCustomer[customerId]);
  const loadError = useSavedTravellers((s) => s.error);
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState<TravellerDraft>(emptyTraveller);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void useSavedTravellers.getState().load(customerId);
  }, [customerId]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = travellerDetails(draft);
    if ('problem' in checked) {
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    setBusy(true);
    setError(null);
    try {
      await useSavedTravellers.getState().save({ customerId, ...checked.details });
      setDraft(emptyTraveller);
      setAdding(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (travellerId: number) => {
    setError(null);
    try {
      await useSavedTravellers.getState().remove(customerId, travellerId);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="card" aria-labelledby="saved-travellers-title">
      <h2 id="saved-travellers-title">Saved travellers</h2>
      <ErrorNote error={loadError} />
      <ErrorNote error={error} />
      {list && list.length === 0 && <p className="muted">No saved travellers.</p>}
      <ul className="pick-list">
        {list?.map((t) => (
          <li key={t.id}>
            <span>
              <strong>{t.givenNames} {t.familyName}</strong> <span className="muted">born {t.dateOfBirth}</span>
              {t.passport && <span className="muted"> · passport ending {t.passport.last4} ({t.passport.country}, expires {t.passport.expiry})</span>}
              {' '}<ProvisionalBadge show={t.provisional} />
            </span>
            <button type="button" className="btn btn-small btn-danger" aria-label={`Remove ${t.givenNames} ${t.familyName}`} onClick={() => void remove(t.id)}>Remove</button>
          </li>
        ))}
      </ul>
      {adding ? (
        <form onSubmit={(e) => void submit(e)} aria-label="Add a traveller">
          <TravellerFields legend="New traveller" draft={draft} onChange={setDraft} />
          {problem && <p className="error-note" role="alert">{problem}</p>}
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save traveller'}</button>
            <button type="button" className="btn" onClick={() => { setAdding(false); setProblem(null); }}>Cancel</button>
          </div>
        </form>
      ) : (
        <button type="button" className="btn" onClick={() => setAdding(true)}>Add a traveller</button>
      )}
    </section>
  );
}
