import { useEffect, useState, type FormEvent } from 'react';
import { useReference } from '../../client/referenceStore';
import { navigate, queryParam } from '../../client/router';
import { ProvisionalBadge } from '../../ui/Badge';
import { CustomerForm } from '../../ui/CustomerForm';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatInstant } from '../../ui/format';
import { useCustomers } from './customersStore';

export function CustomersPage() {
  const s = useCustomers();
  const [creating, setCreating] = useState(() => queryParam('new') === '1');
  useEffect(() => {
    void useReference.getState().load();
    void useCustomers.getState().search();
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.search();
  };
  return (
    <section className="page">
      <div className="record-head">
        <h1 tabIndex={-1}>Customers</h1>
        {!creating && <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>New customer</button>}
      </div>
      {creating && (
        <section className="card" aria-labelledby="new-customer-title">
          <h2 id="new-customer-title">New customer</h2>
          <CustomerForm onSaved={(c) => { setCreating(false); navigate(`/customers/${c.id}`); }} onCancel={() => setCreating(false)} />
        </section>
      )}
      <form className="search-form" onSubmit={submit} aria-label="Find customers">
        <label className="field grow">
          <span>Name or email</span>
          <input type="search" name="q" value={s.q} onChange={(e) => s.setQ(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary">Find customers</button>
      </form>
      <ErrorNote error={s.error} onRetry={() => void s.search()} />
      <table className="table">
        <caption className="sr-only">Customers</caption>
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Phone</th><th scope="col">State</th><th scope="col">Customer since</th></tr>
        </thead>
        <tbody>
          {s.rows.map((c) => (
            <tr key={c.id}>
              <td>
                <a href={`#/customers/${c.id}`} onClick={(e) => { e.preventDefault(); navigate(`/customers/${c.id}`); }}>{c.firstName} {c.lastName}</a>{' '}
                <ProvisionalBadge show={c.provisional} />
              </td>
              <td>{c.email}</td>
              <td>{c.phone ?? '—'}</td>
              <td>{c.stateCode ?? '—'}</td>
              <td>{formatInstant(c.createdAtUtc)}</td>
            </tr>
          ))}
          {!s.loading && s.rows.length === 0 && <tr><td colSpan={5} className="muted empty-cell">No customers found.</td></tr>}
        </tbody>
      </table>
      {s.loading && <p className="muted" role="status">Loading…</p>}
      {s.nextCursor && !s.loading && <p><button type="button" className="btn" onClick={() => void s.loadMore()}>Load more customers</button></p>}
    </section>
  );
}
