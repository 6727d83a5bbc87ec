import { useEffect, useState, type FormEvent } from 'react';
import type { Operator, Role } from '../../../shared/contract';
import { useSession } from '../../client/sessionStore';
import { Badge } from '../../ui/Badge';
import { Dialog } from '../../ui/Dialog';
import { ErrorNote } from '../../ui/ErrorNote';
import { useOperators } from './operatorsStore';

const ROLES: Role[] = ['agent', 'supervisor', 'admin'];

function NewOperatorForm({ onDone }: { onDone: () => void }) {
  const create = useOperators((s) => s.create);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await create({ email: email.trim(), name: name.trim(), role, password });
      setPassword('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="grid-form" onSubmit={(e) => void submit(e)} aria-label="New operator">
      <label className="field"><span>Name</span><input value={name} required maxLength={120} onChange={(e) => setName(e.target.value)} autoComplete="off" /></label>
      <label className="field"><span>Operator email</span><input type="email" value={email} required onChange={(e) => setEmail(e.target.value)} autoComplete="off" /></label>
      <label className="field">
        <span>Role</span>
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </label>
      <label className="field"><span>Initial password (8+ characters)</span><input type="password" value={password} minLength={8} required onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" /></label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Creating…' : 'Create operator'}</button>
        <button type="button" className="btn" onClick={onDone}>Cancel</button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}

export function OperatorsPage() {
  const { rows, error, load, setRole, deactivate } = useOperators();
  const me = useSession((s) => s.user);
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<Operator | null>(null);
  useEffect(() => {
    void useOperators.getState().load();
  }, []);
  const run = (fn: () => Promise<void>) => {
    setActionError(null);
    fn().catch(setActionError);
  };
  return (
    <section className="page">
      <div className="record-head">
        <h1 tabIndex={-1}>Operators</h1>
        {!creating && <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>New operator</button>}
      </div>
      {creating && (
        <section className="card" aria-labelledby="new-op-title">
          <h2 id="new-op-title">New operator</h2>
          <NewOperatorForm onDone={() => setCreating(false)} />
        </section>
      )}
      <ErrorNote error={error} onRetry={() => void load()} />
      <ErrorNote error={actionError} />
      <p className="muted">Changing a role or deactivating signs that operator out everywhere.</p>
      <table className="table">
        <caption className="sr-only">Operators</caption>
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
        </thead>
        <tbody>
          {rows?.map((op) => (
            <tr key={op.id}>
              <td>{op.name}{op.id === me?.id && <span className="muted"> (you)</span>}</td>
              <td>{op.email}</td>
              <td>
                <select aria-label={`Role of ${op.email}`} value={op.role} disabled={!op.active || op.id === me?.id}
                  onChange={(e) => run(() => setRole(op.id, e.target.value as Role))}>
                  {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                </select>
              </td>
              <td>{op.active ? <Badge tone="good">active</Badge> : <Badge>deactivated</Badge>}</td>
              <td>
                {op.active && op.id !== me?.id && (
                  <button type="button" className="btn btn-small btn-danger" aria-label={`Deactivate ${op.email}`} onClick={() => setConfirming(op)}>Deactivate</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {confirming && (
        <Dialog open title={`Deactivate ${confirming.name}?`} onClose={() => setConfirming(null)}>
          <p>{confirming.email} will be signed out and can no longer sign in. Their bookings and history stay.</p>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => setConfirming(null)}>Keep active</button>
            <button type="button" className="btn btn-danger solid" onClick={() => { const id = confirming.id; setConfirming(null); run(() => deactivate(id)); }}>Deactivate</button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
