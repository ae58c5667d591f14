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
