import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Polled<T> {
  data: T | null;
  error: Error | null;
  refresh: () => void;
}

/**
 * Loads now and again every {@code intervalMs} while the page is visible ({@code null}: once), and again whenever
 * a key changes. The last good data stays on the page when a later load fails.
 */
export function usePoll<T>(load: () => Promise<T>, keys: unknown[], intervalMs: number | null): Polled<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const refresh = useCallback(() => {
    const mine = ++generation.current;
    loadRef.current().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(null);
      },
      (failure: Error) => {
        if (mine === generation.current) setError(failure);
      },
    );
  }, []);

  useEffect(() => {
    setData(null);
    setError(null);
    refresh();
  }, keys);

  useEffect(() => {
    if (intervalMs === null) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [...keys, intervalMs]);

  return { data, error, refresh };
}
