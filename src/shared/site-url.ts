// The extension's name for the site-address rules; they live with the provider (which may not
// import src/shared: it is bundled alone into the Node library).
export {
  DEFAULT_SITE,
  hasScheme,
  normalizeSite,
  normalizeSiteUrl,
  originPattern,
  sameSite,
} from '../provider/site-url';

/**
 * The host of `url` for showing ("Open chatgptt.me", "could not read the PDF on example.org"). A
 * URL with no host (file:///home/a.pdf) shows whole rather than as nothing; text that is no URL
 * shows as it is.
 */
export function siteName(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}
