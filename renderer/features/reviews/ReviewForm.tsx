import { useState, type FormEvent } from 'react';
import type { ReviewFormProps } from '../../client/slots';
import { ErrorNote } from '../../ui/ErrorNote';
import { isHttpsUrl, Thumb } from '../../ui/Thumb';
import { useReviews } from './reviewsStore';

/** The contract takes up to four photo links per review. */
export const MAX_REVIEW_IMAGES = 4;

export function ReviewForm({ targetKind, targetId, customerId, onCreated }: ReviewFormProps) {
  const [rating, setRating] = useState(5);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [images, setImages] = useState<string[]>([]);
  const [imageDraft, setImageDraft] = useState('');
  const [imageProblem, setImageProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await useReviews.getState().create({
        targetKind, targetId, customerId, rating, text: text.trim(), ...(title.trim() ? { title: title.trim() } : {}), imageUrls: images,
      });
      setTitle('');
      setText('');
      setImages([]);
      onCreated(r);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const addImage = () => {
    const url = imageDraft.trim();
    if (!isHttpsUrl(url)) return setImageProblem('A photo link must be a full https:// address (up to 500 characters).');
    if (images.includes(url)) return setImageProblem('That photo is already added.');
    if (images.length >= MAX_REVIEW_IMAGES) return setImageProblem(`At most ${MAX_REVIEW_IMAGES} photos.`);
    setImages([...images, url]);
    setImageDraft('');
    setImageProblem(null);
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
      <fieldset className="review-images" style={{ gridColumn: '1 / -1' }}>
        <legend>Photos (optional, up to {MAX_REVIEW_IMAGES} https links)</legend>
        {images.length > 0 && (
          <ul className="thumb-list" aria-label="Photos to attach">
            {images.map((url, i) => (
              <li key={url}>
                <Thumb src={url} alt={`Photo ${i + 1}`} />
                <button type="button" className="btn btn-small" aria-label={`Remove photo ${i + 1}`} onClick={() => setImages(images.filter((u) => u !== url))}>Remove</button>
              </li>
            ))}
          </ul>
        )}
        {images.length < MAX_REVIEW_IMAGES && (
          <div className="row">
            <label className="field grow">
              <span>Photo link</span>
              <input type="text" inputMode="url" name="imageUrl" value={imageDraft} maxLength={500} placeholder="https://…" aria-invalid={imageProblem !== null}
                onChange={(e) => { setImageDraft(e.target.value); setImageProblem(null); }}
                onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); addImage(); } }} />
            </label>
            <button type="button" className="btn" onClick={addImage} disabled={!imageDraft.trim()}>Add photo</button>
          </div>
        )}
        {imageProblem && <p className="error-note" role="alert">{imageProblem}</p>}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !text.trim()}>{busy ? 'Saving…' : 'Save review'}</button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}
