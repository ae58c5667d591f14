<?php
// Activates AI Power through WordPress (as the admin screen does), so that its activation hook
// creates its tables. Env: TIER_CONFIG, TIER_PORT.
require __DIR__ . '/boot.php';

wp_set_current_user(1);
$plugin = 'gpt3-ai-content-generator/gpt3-ai-content-generator.php';
if (!is_plugin_active($plugin)) {
    $r = activate_plugin($plugin, '', false, false);
    if (is_wp_error($r)) {
        tier_fail('activation failed: ' . $r->get_error_message());
    }
}
