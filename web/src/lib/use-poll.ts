import { useEffect, useState } from 'react';

/**
 * Keeps re-reading a server record (a command, a bulk action) every `intervalMs` until `settled` says it will not
 * change any more, so the page shows progress without a reload. A failed read keeps the last known state; the
 * next tick tries again.
 */
export function usePoll<T>(initial: T, read: (current: T) => Promise<T>, settled: (current: T) => boolean, intervalMs = 1500): T {
  const [value, setValue] = useState(initial);
  useEffect(() => setValue(initial), [initial]);
  useEffect(() => {
    if (settled(value)) return;
    const timer = setTimeout(() => {
      read(value).then(setValue, () => setValue((v) => ({ ...v })));
    }, intervalMs);
    return () => clearTimeout(timer);
  }, [value]);
  return value;
}
