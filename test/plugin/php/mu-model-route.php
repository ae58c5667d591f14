<?php
/**
 * Plugin Name: ChatGptt tier model route
 * Description: Sends AI Power's calls to https://api.openai.com (hard-coded in 1.9.18 and 1.8.79)
 *              to the tier's echo model. WordPress's HTTP API hands the curl handle to the
 *              `http_api_curl` action right before curl_exec, for JSON and streaming calls alike.
 *              Test tier only; not part of the AI Power plugin.
 */
if (!defined('ABSPATH')) {
    exit;
}

add_action('http_api_curl', function ($handle, $parsed_args = null, $url = null) {
    if (!is_string($url) || $url === '') {
        $url = curl_getinfo($handle, CURLINFO_EFFECTIVE_URL);
    }
    $prefix = 'https://api.openai.com';
    if (!defined('TIER_MODEL_ORIGIN') || !is_string($url) || strncasecmp($url, $prefix, strlen($prefix)) !== 0) {
        return;
    }
    // TRIGGER_UNREACHABLE in the request: a model nobody listens to (curl's own "Couldn't connect
    // to server", which the plugin passes on to the visitor).
    $body = is_array($parsed_args) && isset($parsed_args['body']) && is_string($parsed_args['body']) ? $parsed_args['body'] : '';
    $origin = strpos($body, 'TRIGGER_UNREACHABLE') !== false ? TIER_DEAD_ORIGIN : TIER_MODEL_ORIGIN;
    curl_setopt($handle, CURLOPT_URL, $origin . substr($url, strlen($prefix)));
}, 999, 3); // late: the plugin's own callbacks (stream writer, SSL options) stay as they are
