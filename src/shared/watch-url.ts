/** Whether a tab shows a YouTube video, known from its address before the page is read. */

/** Whether `url` is a YouTube watch page (for a label chosen before the page is read). */
export function isWatchUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const { hostname, pathname, searchParams } = new URL(url);
    return (
      ['www.youtube.com', 'youtube.com', 'm.youtube.com'].includes(hostname) &&
      pathname === '/watch' &&
      searchParams.has('v')
    );
  } catch {
    return false;
  }
}
