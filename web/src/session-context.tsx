import { useSyncExternalStore } from 'react';
import { session, type SessionState } from './api/session';

/** The current session, re-rendering on sign-in, renewal and sign-out. */
export function useSession(): SessionState | null {
  return useSyncExternalStore(
    (onChange) => session.subscribe(onChange),
    () => session.current,
  );
}
