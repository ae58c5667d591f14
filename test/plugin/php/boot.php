<?php
// Loads one tier site's WordPress from the command line. Debian's /usr/share/wordpress picks
// /etc/wordpress/config-$WORDPRESS_CONFIG.php. Env: TIER_CONFIG (that name), TIER_PORT.
// Define TIER_INSTALLING first to load WordPress in install mode.
if (PHP_SAPI !== 'cli') {
    exit(1);
}
$tier_port = getenv('TIER_PORT') ?: '80';
$_SERVER['HTTP_HOST'] = '127.0.0.1:' . $tier_port;
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = $tier_port;
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['WORDPRESS_CONFIG'] = getenv('TIER_CONFIG');
if (defined('TIER_INSTALLING')) {
    define('WP_INSTALLING', true);
    // No mail here: the install notification is pluggable, keep it silent.
    function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}
}
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/post.php';

function tier_fail($msg)
{
    fwrite(STDERR, '[' . getenv('TIER_CONFIG') . '] ' . $msg . "\n");
    exit(1);
}

/** Creates or updates a post with a fixed ID, so that the pages have the IDs of the captures. */
function tier_post(int $id, array $fields)
{
    $existing = get_post($id);
    $data = array_merge(['post_status' => 'publish', 'post_author' => 1, 'comment_status' => 'closed', 'ping_status' => 'closed'], $fields);
    $data = wp_slash($data); // wp_insert_post() unslashes; bot JSON must keep its backslashes
    if ($existing) {
        $data['ID'] = $id;
        $r = wp_update_post($data, true);
    } else {
        $data['import_id'] = $id;
        $r = wp_insert_post($data, true);
    }
    if (is_wp_error($r) || (int) $r !== $id) {
        tier_fail("post $id: " . (is_wp_error($r) ? $r->get_error_message() : "got ID $r"));
    }
    return $id;
}

/** A page in block markup: a paragraph, then (optionally) a shortcode block. */
function tier_page(int $id, string $title, string $slug, string $para, string $shortcode = '')
{
    $blocks = "<!-- wp:paragraph --><p>$para</p><!-- /wp:paragraph -->";
    if ($shortcode !== '') {
        $blocks .= "\n<!-- wp:shortcode -->$shortcode<!-- /wp:shortcode -->";
    }
    return tier_post($id, ['post_type' => 'page', 'post_title' => $title, 'post_name' => $slug, 'post_content' => $blocks]);
}

/** Front page, no sample page, pretty permalinks in effect. */
function tier_finish(int $front)
{
    update_option('show_on_front', 'page');
    update_option('page_on_front', $front);
    if (($sample = get_post(2)) && $sample->post_name === 'sample-page') {
        wp_delete_post(2, true);
    }
    flush_rewrite_rules(false);
}
