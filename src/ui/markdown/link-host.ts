/**
 * Links that lie: an answer's link whose text reads like one address and opens another
 * (`[https://bank.example](https://evil.example)`), or whose host uses look-alike letters
 * (punycode `xn--`, or a name mixing Latin with Cyrillic or Greek). The renderer shows the real
 * host next to such a link; links whose text is plain words are left alone.
 */

export type LinkWarning =
  /** The text names another host (or mail address) than the link opens. */
  | { kind: 'mismatch'; host: string }
  /** The host the link opens is written with non-Latin or mixed-script letters. */
  | { kind: 'lookalike'; host: string };

/** Something shaped like a host: labels with a dot, a final label of letters. */
const HOSTLIKE =
  /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^\s/@:]+@)?((?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,}|\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?(?:[/?#]\S*)?\.?$/iu;
const EMAIL = /^(?:mailto:)?([^\s@]+@[^\s@]+\.[^\s@]+)$/iu;

/** What (if anything) to say next to a link with `text` that opens `href` (already safe). */
export function linkWarning(text: string, href: string): LinkWarning | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const shown = text.trim();
  if (url.protocol === 'mailto:') {
    const address = decodeURIComponent(url.pathname).toLowerCase();
    const claimed = EMAIL.exec(shown)?.[1]?.toLowerCase();
    if (claimed && claimed !== address) return { kind: 'mismatch', host: address };
    return null;
  }
  const host = url.hostname.toLowerCase();
  const claimedHost = hostOf(shown);
  if (claimedHost !== null && !sameOrSubdomain(host, claimedHost))
    return { kind: 'mismatch', host };
  if (isLookalike(host) || (claimedHost !== null && mixedScript(shown))) {
    return { kind: 'lookalike', host };
  }
  return null;
}

/** The ASCII host a link text names, or null when the text does not read like an address. */
function hostOf(text: string): string | null {
  const match = HOSTLIKE.exec(text);
  if (!match?.[1]) return null;
  try {
    return new URL(`http://${match[1]}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

const strip = (host: string): string => host.replace(/^www\./, '').replace(/\.$/, '');

/** `docs.example.com` for text `example.com` is the same site; `example.com.evil` is not. */
function sameOrSubdomain(real: string, claimed: string): boolean {
  const a = strip(real);
  const b = strip(claimed);
  return a === b || a.endsWith(`.${b}`);
}

/** A punycode label (`xn--`): the host is written in letters other than plain Latin. */
function isLookalike(host: string): boolean {
  return host.split('.').some((label) => label.startsWith('xn--'));
}

/** Text that mixes Latin letters with Cyrillic or Greek ones in one word (`bаnk`, `pаypal`). */
function mixedScript(text: string): boolean {
  return text
    .split(/[^\p{L}]+/u)
    .some(
      (word) =>
        /\p{Script=Latin}/u.test(word) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(word),
    );
}
