import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Loaded<T> {
  data?: T;
  error?: Error;
  loading: boolean;
  /** Loads again (keeping the data shown meanwhile). */
  reload(): Promise<void>;
  /** When the data was last loaded. */
  at?: number;
}

/**
 * Loads data for a page and reloads it when `deps` change, every `refreshMs` while the page is
 * visible, and when the window regains focus: the inbox refreshes itself when something changes.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], refreshMs?: number): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean; at?: number }>({ loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await loadRef.current();
      if (mine === generation.current) setState({ data, loading: false, at: Date.now() });
    } catch (error) {
      if (mine === generation.current) setState((s) => ({ ...s, error: error as Error, loading: false }));
    }
  }, []);

  useEffect(() => {
    setState({ loading: true });
    void reload();
  }, deps);

  useEffect(() => {
    if (!refreshMs) return;
    const tick = () => document.visibilityState === 'visible' && void reload();
    const timer = setInterval(tick, refreshMs);
    window.addEventListener('focus', tick);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', tick);
    };
  }, [refreshMs]);

  return { ...state, reload };
}
