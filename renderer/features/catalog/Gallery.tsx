import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { call, createAction } from '../../client/contractClient';
import { useSession } from '../../client/sessionStore';
import { useBusyAction } from '../../ui/useBusyAction';
import { ErrorNote } from '../../ui/ErrorNote';
import { isHttpsUrl, Thumb } from '../../ui/Thumb';

type Photo = ChannelOutput<'images.list'>[number];

const actions = createAction();

/**
 * A hotel's or car's photos, in the order a supervisor gave them: everyone sees them; supervisors add
 * a link with a caption, move photos up or down, and remove them. The first one is the search thumbnail.
 */
export function Gallery({ targetKind, targetId, name }: { targetKind: 'hotel' | 'car'; targetId: number; name: string }) {
  const canEdit = useSession((s) => s.can('supervisor'));
  const [photos, setPhotos] = useState<Photo[] | null>(null);
  const { busy, error, setError, run } = useBusyAction();
  const [url, setUrl] = useState('');
  const [caption, setCaption] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(() => {
    call('images.list', { targetKind, targetId }).then(setPhotos, setError);
  }, [targetKind, targetId, setError]);
  useEffect(load, [load]);

  // After every action, done or refused, the gallery is read again.
  const act = (work: () => Promise<unknown>) => run(work).finally(load);

  const add = (e: FormEvent) => {
    e.preventDefault();
    const link = url.trim();
    if (!isHttpsUrl(link)) return setProblem('A photo link starts with https:// (at most 500 characters).');
    setProblem(null);
    void act(async () => {
      await actions.run('images.add', { targetKind, targetId, url: link, ...(caption.trim() ? { caption: caption.trim() } : {}) });
      setUrl('');
      setCaption('');
    });
  };

  const move = (index: number, by: -1 | 1) => {
    if (!photos) return;
    const order = photos.map((p) => p.id);
    const [moved] = order.splice(index, 1);
    if (moved === undefined) return;
    order.splice(index + by, 0, moved);
    void act(async () => setPhotos(await actions.run('images.reorder', { targetKind, targetId, imageIds: order })));
  };

  return (
    <section className="card" aria-labelledby={`gallery-${targetKind}-${targetId}`}>
      <h2 id={`gallery-${targetKind}-${targetId}`}>Photos</h2>
      <ErrorNote error={error} onRetry={load} />
      {photos && photos.length === 0 && <p className="muted">No photos of {name} yet.</p>}
      <ol className="gallery" aria-label={`Photos of ${name}`}>
        {(photos ?? []).map((p, i) => (
          <li key={p.id} className="gallery-item">
            <Thumb src={p.url} alt={p.caption ?? `Photo ${i + 1} of ${name}`} width={200} height={140} />
            <p>{p.caption ?? <span className="muted">No caption</span>}</p>
            {canEdit && (
              <div className="row">
                <button type="button" className="btn btn-small" disabled={busy || i === 0} aria-label={`Move photo ${i + 1} earlier`} onClick={() => move(i, -1)}>↑</button>
                <button type="button" className="btn btn-small" disabled={busy || i === (photos?.length ?? 0) - 1} aria-label={`Move photo ${i + 1} later`} onClick={() => move(i, 1)}>↓</button>
                <button type="button" className="btn btn-small" disabled={busy} aria-label={`Remove photo ${i + 1}`}
                  onClick={() => void act(() => actions.run('images.remove', { imageId: p.id }))}>Remove</button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {canEdit && (
        <form className="row" onSubmit={add} aria-label="Add a photo">
          <label className="field"><span>Photo link</span>
            <input type="url" name="photoUrl" placeholder="https://…" maxLength={500} value={url} onChange={(e) => setUrl(e.target.value)} /></label>
          <label className="field"><span>Caption</span>
            <input name="photoCaption" maxLength={200} value={caption} onChange={(e) => setCaption(e.target.value)} /></label>
          <button type="submit" className="btn btn-primary" disabled={busy || !url.trim()}>Add photo</button>
          {problem && <p className="error-note" role="alert">{problem}</p>}
        </form>
      )}
    </section>
  );
}
