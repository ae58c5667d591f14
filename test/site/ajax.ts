// admin-ajax.php routing: which generation's handler answers which action, and WordPress's
// `wp_die('0', 400)` for everything else.
import { handleAipkit, AIPKIT_ACTIONS } from './aipkit';
import { handleLegacy, LEGACY_ACTIONS } from './legacy';
import type { AjaxContext } from './options';
import { zeroReply, type Reply } from './wire';

export const AJAX_PATH = '/wp-admin/admin-ajax.php';

export function handleAjax(ctx: AjaxContext): Reply {
  // $_REQUEST['action']: PHP fills $_POST only from form bodies, so a JSON body has no action.
  const action = ctx.form['action'] ?? ctx.query['action'] ?? '';
  if (!action) return zeroReply(false);
  // On a ≥2.3 site the legacy handler is no longer loaded, and before it AIPKit did not exist.
  const actions: readonly string[] =
    ctx.options.generation === 'G5' ? AIPKIT_ACTIONS : LEGACY_ACTIONS;
  if (!actions.includes(action)) return zeroReply(true);
  return ctx.options.generation === 'G5' ? handleAipkit(ctx, action) : handleLegacy(ctx, action);
}
