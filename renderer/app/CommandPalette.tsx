import { useId, useMemo, useState } from 'react';
import { ContractError, type TripOption } from '../../shared/contract';
import { asLocator } from '../../shared/locator';
import { navigate } from '../client/router';
import { useTrip } from '../client/tripStore';
import { useTripSearch, type HeldSegment } from '../client/tripSearchStore';
import { QuickBook } from '../features/trips/QuickBook';
import { Dialog } from '../ui/Dialog';
import { commands, useCustomerCommands } from './commands';
import { parseAvailability, useAvailabilityCommands, agentToday } from './gdsCommand';
import { useLocatorCommand } from './locatorCommand';

export function CommandPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Commands" onClose={onClose} className="palette">
      {/* Mounted per opening, so each opening starts with an empty query. */}
      {open && <PaletteBody onClose={onClose} />}
    </Dialog>
  );
}

/**
 * The command line: a command's name, a record locator (opens its booking), a GDS availability
 * entry (`JFKLAX 12DEC`, `JFKLAX 12DEC 19DEC 2`: whole-trip options, Enter holds one and the
 * booking's steps follow here), or a customer's name, email or phone (Enter books for them).
 */
function PaletteBody({ onClose }: { onClose: () => void }) {
  const [held, setHeld] = useState<{ segments: HeldSegment[]; seats: number } | null>(null);
  if (held) return <QuickBook held={held.segments} seats={held.seats} onClose={onClose} />;
  return <CommandLine onClose={onClose} onHeld={setHeld} />;
}

function CommandLine({ onClose, onHeld }: { onClose: () => void; onHeld: (h: { segments: HeldSegment[]; seats: number }) => void }) {
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const [holding, setHolding] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const listId = useId();
  const all = useMemo(() => commands(), []);
  // A record locator typed here opens its booking (first, so Enter takes it).
  const byLocator = useLocatorCommand(q);
  const hold = (option: TripOption, seats: number) => {
    setHolding(option.key);
    setProblem(null);
    useTripSearch.getState().hold(option, seats).then((segments) => {
      if (useTrip.getState().customer) onHeld({ segments, seats });
      else {
        // No customer yet: the booking page asks for one first.
        onClose();
        navigate('/book');
      }
    }, (err: unknown) => {
      setHolding(null);
      setProblem(err instanceof ContractError ? `${err.code}: ${err.message}` : 'The seats could not be held.');
    });
  };
  const availability = useAvailabilityCommands(q, hold);
  const isEntry = parseAvailability(q, agentToday()) !== null;
  const customers = useCustomerCommands(q, isEntry || (asLocator(q) !== null && byLocator.command !== null));
  const shown = useMemo(() => {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    const matching = isEntry ? [] : all.filter((c) => words.every((w) => c.label.toLowerCase().includes(w)));
    return [...(byLocator.command ? [byLocator.command] : []), ...availability.commands, ...matching, ...customers.commands];
  }, [all, q, isEntry, byLocator.command, availability.commands, customers.commands]);
  const status = holding ? 'Holding the seats…' : byLocator.status ?? availability.status ?? (shown.length === 0 ? customers.status : null);

  const run = (i: number) => {
    const cmd = shown[i];
    if (!cmd || holding) return;
    if (!cmd.stay) onClose();
    cmd.run();
  };

  return (
    <>
      <input
        className="palette-input"
        type="text"
        role="combobox"
        aria-label="Type a command"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown[active] ? `${listId}-${active}` : undefined}
        placeholder="A command, a locator, JFKLAX 12DEC [19DEC] [2], or a customer…"
        data-autofocus
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
          setProblem(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, shown.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            run(active);
          }
        }}
      />
      <ul className="palette-list" id={listId} role="listbox" aria-label="Commands">
        {shown.map((c, i) => (
          <li
            key={c.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            // Moving the mouse picks, not a list appearing under a resting pointer.
            onMouseMove={() => setActive(i)}
            onClick={() => run(i)}
          >
            <span>{c.label}</span>
            {c.hint && <kbd>{c.hint}</kbd>}
          </li>
        ))}
        {status && <li className="muted" role="presentation">{status}</li>}
        {shown.length === 0 && !status && <li className="muted" role="presentation">No command matches “{q}”.</li>}
      </ul>
      {problem && <p className="error-note" role="alert">{problem}</p>}
    </>
  );
}
