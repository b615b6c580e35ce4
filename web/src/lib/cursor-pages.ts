import { useState } from 'react';

/**
 * Cursor paging with a way back: the API only knows "the page after this cursor", so the cursors of the pages
 * already seen are kept to step back. Changing the query (filters, search) starts again at the first page.
 */
export function useCursorPages<Q>(initial: Q) {
  const [query, setQueryState] = useState(initial);
  const [trail, setTrail] = useState<(string | undefined)[]>([undefined]);
  const cursor = trail[trail.length - 1];
  return {
    query,
    cursor,
    page: trail.length,
    setQuery: (next: Q) => {
      setQueryState(next);
      setTrail([undefined]);
    },
    next: (nextCursor: string) => setTrail([...trail, nextCursor]),
    previous: trail.length > 1 ? () => setTrail(trail.slice(0, -1)) : undefined,
  };
}
