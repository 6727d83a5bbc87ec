import { useId, useMemo, useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { commands } from './commands';
import { useLocatorCommand } from './locatorCommand';

export function CommandPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Commands" onClose={onClose} className="palette">
      {/* Mounted per opening, so each opening starts with an empty query. */}
      {open && <PaletteBody onClose={onClose} />}
    </Dialog>
  );
}

function PaletteBody({ onClose }: { onClose: () => void }) {
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const all = useMemo(() => commands(), []);
  // A record locator typed here opens its booking (first, so Enter takes it).
  const byLocator = useLocatorCommand(q);
  const shown = useMemo(() => {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    const matching = all.filter((c) => words.every((w) => c.label.toLowerCase().includes(w)));
    return byLocator.command ? [byLocator.command, ...matching] : matching;
  }, [all, q, byLocator.command]);

  const run = (i: number) => {
    const cmd = shown[i];
    if (!cmd) return;
    onClose();
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
        placeholder="Type a command…"
        data-autofocus
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
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
            onMouseEnter={() => setActive(i)}
            onClick={() => run(i)}
          >
            <span>{c.label}</span>
            {c.hint && <kbd>{c.hint}</kbd>}
          </li>
        ))}
        {byLocator.status && <li className="muted" role="presentation">{byLocator.status}</li>}
        {shown.length === 0 && !byLocator.status && <li className="muted" role="presentation">No command matches “{q}”.</li>}
      </ul>
    </>
  );
}
