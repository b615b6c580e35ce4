/** "Previous" and "Next" for a cursor-paged list (see lib/cursor-pages.ts). */
export function Pager({ page, previous, next, label }: { page: number; previous?: () => void; next?: () => void; label: string }) {
  if (!previous && !next) return null;
  return (
    <nav className="buttons pager" aria-label={label}>
      <button type="button" onClick={previous} disabled={!previous}>
        Previous page
      </button>
      <span className="muted">Page {page}</span>
      <button type="button" onClick={next} disabled={!next}>
        Next page
      </button>
    </nav>
  );
}
