import { useRef, useState, type FormEvent } from 'react';
import type { Review } from '../../../shared/contract';
import { createAction } from '../../client/contractClient';
import { ErrorNote } from '../../ui/ErrorNote';

export function ReviewForm({ targetKind, targetId, customerId, onCreated }: {
  targetKind: 'hotel' | 'flight' | 'car';
  targetId: number;
  customerId: number;
  onCreated: (r: Review) => void;
}) {
  const [rating, setRating] = useState(5);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const action = useRef(createAction());
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await action.current.run('reviews.create', {
        targetKind, targetId, customerId, rating, text: text.trim(), ...(title.trim() ? { title: title.trim() } : {}),
      });
      setTitle('');
      setText('');
      onCreated(r);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="grid-form" onSubmit={(e) => void submit(e)} aria-label="Write a review">
      <label className="field field-narrow">
        <span>Rating</span>
        <select value={rating} onChange={(e) => setRating(Number(e.target.value))}>
          {[5, 4, 3, 2, 1].map((n) => <option key={n} value={n}>{n} star{n === 1 ? '' : 's'}</option>)}
        </select>
      </label>
      <label className="field">
        <span>Title (optional)</span>
        <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field" style={{ gridColumn: '1 / -1' }}>
        <span>Review</span>
        <textarea value={text} maxLength={5000} required onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !text.trim()}>{busy ? 'Saving…' : 'Save review'}</button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}
