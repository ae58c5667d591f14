/**
 * Puts text on the clipboard from an extension page, the popup or the sidebar frame. The
 * Clipboard API is tried first; where a permissions policy refuses it (the sidebar inside a page
 * that sends `Permissions-Policy: clipboard-write=()`, which no `allow` attribute can lift), the
 * older copy command on a hidden text area does the same job inside the user's click.
 */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch (error) {
    if (!copyWithCommand(text)) throw error;
  }
}

function copyWithCommand(text: string): boolean {
  const previous = document.activeElement;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.cssText = 'position:fixed;top:0;left:0;width:1px;height:1px;opacity:0';
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  if (previous instanceof HTMLElement) previous.focus({ preventScroll: true });
  return copied;
}
