/** Joins CSV pages from the API (each with its header row) into one file with a single header. */
export function joinCsvPages(pages: string[]): string {
  if (pages.length === 0) return '';
  const [first, ...rest] = pages;
  const bodies = rest.map((page) => {
    const end = page.indexOf('\r\n');
    return end === -1 ? '' : page.slice(end + 2);
  });
  return [first, ...bodies].join('');
}
