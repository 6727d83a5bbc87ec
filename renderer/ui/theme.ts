import { create } from 'zustand';

export type ThemeChoice = 'light' | 'dark' | 'system';
const KEY = 'tripdesk.theme';

function systemDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

function stored(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

function apply(choice: ThemeChoice): 'light' | 'dark' {
  const effective = choice === 'system' ? (systemDark() ? 'dark' : 'light') : choice;
  if (typeof document !== 'undefined') {
    document.documentElement.dataset.theme = effective;
    document.documentElement.style.colorScheme = effective;
  }
  return effective;
}

interface ThemeState {
  choice: ThemeChoice;
  effective: 'light' | 'dark';
  set(choice: ThemeChoice): void;
  toggle(): void;
}

export const useTheme = create<ThemeState>((set, get) => ({
  choice: stored(),
  effective: apply(stored()),
  set(choice) {
    try {
      if (choice === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch {
      /* private mode: the choice lasts for this window only */
    }
    set({ choice, effective: apply(choice) });
  },
  toggle() {
    get().set(get().effective === 'dark' ? 'light' : 'dark');
  },
}));

if (typeof matchMedia === 'function') {
  matchMedia('(prefers-color-scheme: dark)').addEventListener?.('change', () => {
    const { choice } = useTheme.getState();
    if (choice === 'system') useTheme.setState({ effective: apply('system') });
  });
}
