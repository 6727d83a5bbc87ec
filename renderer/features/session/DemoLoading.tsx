import { useDemoLoading } from './demoLoadingStore';

/** "Loading demo data: flights 12000/20070" with its bar, while the first start fills the database. */
export function DemoLoading() {
  const p = useDemoLoading((s) => s.progress);
  if (!p) return null;
  const counted = p.total !== null && p.total > 0;
  return (
    <div className="demo-loading" role="status" aria-live="polite" data-testid="demo-loading">
      <p className="demo-loading-line">
        Loading demo data: {p.phase} {counted ? `${p.done}/${p.total}` : p.done}
      </p>
      {counted ? (
        <progress max={p.total ?? 0} value={Math.min(p.done, p.total ?? 0)} aria-label="Demo data loading progress" />
      ) : (
        <progress aria-label="Demo data loading progress" />
      )}
      <p className="muted">The first start fills this console with demo data; you can sign in once it is ready.</p>
    </div>
  );
}
