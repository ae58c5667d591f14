/** Resolves the one manifest.json for a browser: `{{chrome}}.key` / `{{firefox}}.key` keep only for that target. */
export type Target = 'chrome' | 'firefox';

/** Host access the test build adds so automated tests never meet a permission prompt. */
// https://127.0.0.1 too: the options e2e types a bare host, which becomes https first (and
// fails there, as the test site speaks http only); without it that needs a permission prompt.
export const TEST_HOSTS = ['http://127.0.0.1/*', 'https://127.0.0.1/*', 'http://localhost/*'];

/**
 * The builds made from the one tree. `chrome-proxy` is Chrome with the `proxy` permission, which
 * Chrome cannot make optional and which alone makes Chrome warn "Read and change all your data on
 * all websites" (issue 15): only users who need the chat-site proxy install that package.
 */
export type Variant = Target | 'chrome-proxy';
export const VARIANTS: Variant[] = ['chrome', 'chrome-proxy', 'firefox'];

export function targetOf(variant: Variant): Target {
  return variant === 'firefox' ? 'firefox' : 'chrome';
}

export function resolveManifest(
  source: Record<string, unknown>,
  variant: Variant,
  options: { test?: boolean } = {},
): Record<string, unknown> {
  const target = targetOf(variant);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    const match = /^\{\{(chrome|firefox)\}\}\.(.+)$/.exec(key);
    if (!match) out[key] = value;
    else if (match[1] === target) out[match[2] as string] = value;
  }
  if (variant === 'chrome-proxy') {
    out.permissions = [...((out.permissions as string[] | undefined) ?? []), 'proxy'];
  }
  if (options.test) {
    const hosts = (out.host_permissions as string[] | undefined) ?? [];
    out.host_permissions = [...hosts, ...TEST_HOSTS];
  }
  return out;
}
