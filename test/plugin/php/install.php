<?php
// Installs WordPress for one tier site and sets its basic options. Env: TIER_CONFIG, TIER_PORT, TIER_TITLE.
define('TIER_INSTALLING', true);
require __DIR__ . '/boot.php';

if (!is_blog_installed()) {
    wp_install(getenv('TIER_TITLE') ?: 'ChatGptt tier', 'tieradmin', 'tieradmin@example.invalid', true, '', wp_generate_password(24), 'en_US');
}
update_option('blogdescription', 'ChatGptt real-plugin test tier (offline)');
update_option('permalink_structure', '/%postname%/');
update_option('timezone_string', 'UTC');
update_option('default_comment_status', 'closed');
flush_rewrite_rules(false);
