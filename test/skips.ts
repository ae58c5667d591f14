/**
 * Every reason a test may be skipped, in one place. A test that can be skipped names its reason
 * in its own title through `skipNote`, so the skip list of `npm test` says why; with the
 * prerequisites `npm test` installs first, none of them skips, and under CI=true a skip fails
 * the run (scripts/test-all.ts).
 */
export const SKIP_REASONS = {
  firefox: 'needs firefox-esr (FIREFOX_PATH) and extension/test-firefox from npm run build:test',
  firefoxBinary: 'needs firefox-esr (FIREFOX_PATH)',
  realKeys: 'needs an X display and xdotool: npm test runs it under xvfb-run',
  unzip: 'needs unzip (/usr/bin/unzip)',
} as const;

/** " [skipped: why]" for a test that is skipped, "" for one that runs. */
export function skipNote(skipped: boolean, reason: keyof typeof SKIP_REASONS): string {
  return skipped ? ` [skipped: ${SKIP_REASONS[reason]}]` : '';
}
