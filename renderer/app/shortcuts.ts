import { useEffect } from 'react';
import { navigate } from '../client/router';
import { useSession } from '../client/sessionStore';
import { useTheme } from '../ui/theme';
import { NAV } from './nav';

/**
 * Global keys: Ctrl/Cmd+K opens the command palette, Alt+<digit or letter> the screens of the
 * left navigation (nav.ts), Alt+N a new booking, Alt+T the theme. `event.code` is used for Alt
 * chords because on macOS Option changes `event.key` into another character.
 */
export function useShortcuts(openPalette: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        openPalette();
        return;
      }
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const key = /^(?:Digit|Key)([\dA-Z])$/.exec(e.code)?.[1];
      const item = key ? NAV.find((n) => n.key === key) : undefined;
      if (item && useSession.getState().can(item.access)) {
        e.preventDefault();
        navigate(item.path);
      } else if (e.code === 'KeyN') {
        e.preventDefault();
        navigate('/book');
      } else if (e.code === 'KeyT') {
        e.preventDefault();
        useTheme.getState().toggle();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openPalette]);
}
