import { ContractError } from '../../shared/contract';

export function errorMessage(err: unknown): string {
  if (err instanceof ContractError) {
    const fields = (err.details as { fields?: { field: string; message: string }[] } | undefined)?.fields;
    if (err.code === 'VALIDATION' && fields && fields.length > 1) return fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    return err.message;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

const TITLES: Record<string, string> = {
  VALIDATION: 'Check the form',
  NOT_FOUND: 'Not found',
  SOLD_OUT: 'Sold out',
  PRICE_CHANGED: 'Price changed',
  HOLD_EXPIRED: 'Hold expired',
  CONFLICT: 'Conflict',
  FORBIDDEN: 'Not allowed',
  OFFLINE: 'Offline',
  UNAUTHENTICATED: 'Signed out',
  INTERNAL: 'Something went wrong',
};

/** A failure shown where it happened, in words an agent can act on. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  const code = error instanceof ContractError ? error.code : 'INTERNAL';
  // A stay the hotel's rate rules refuse is not a mistake in the form: say it is the hotel's rule.
  const rateRule = error instanceof ContractError && code === 'VALIDATION' && typeof (error.details as { rule?: unknown } | undefined)?.rule === 'string';
  return (
    <div className="error-note" role="alert">
      <strong>{rateRule ? "The hotel's rule" : (TITLES[code] ?? 'Error')}:</strong> {errorMessage(error)}
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
