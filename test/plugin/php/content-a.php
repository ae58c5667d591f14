<?php
// Site A (AI Power 1.9.18, "G4") and site C (1.8.79, "G2"): settings, custom bots and pages with
// the IDs of the captures (shared/captures a-*). Env: TIER_CONFIG, TIER_PORT, TIER_MODEL_ORIGIN.
require __DIR__ . '/boot.php';
wp_set_current_user(1);
global $wpdb;

$origin = rtrim(getenv('TIER_MODEL_ORIGIN'), '/');

// The OpenAI key lives in the plugin's own table (row wpaicg_settings), made on activation.
$table = $wpdb->prefix . 'wpaicg';
$wpdb->update($table, ['api_key' => 'sk-tier-echo-0000000000000000'], ['name' => 'wpaicg_settings']);
if (!$wpdb->get_var($wpdb->prepare("SELECT COUNT(*) FROM $table WHERE name=%s", 'wpaicg_settings'))) {
    tier_fail('no wpaicg_settings row: was the plugin activated through WordPress?');
}

update_option('wpaicg_provider', 'OpenAI');
update_option('wpaicg_shortcode_stream', '1');          // bot 0 shortcode streams (SSE)
delete_option('wpaicg_widget_stream');                   // as on a fresh site (the server streams)
update_option('wpaicg_banned_words', 'trigger_banned');
update_option('wpaicg_banned_ips', '');
update_option('wpaicg_azure_endpoint', $origin . '/');   // <endpoint>openai/deployments/<d>/chat/completions
update_option('wpaicg_azure_deployment', 'gpt-4o-mini');
update_option('wpaicg_azure_api_key', 'azure-tier-echo-key');

$chat = [
    'provider' => 'OpenAI', 'model' => 'gpt-4o-mini', 'language' => 'en', 'tone' => 'friendly',
    'profession' => 'none', 'remember_conversation' => 'yes', 'content_aware' => 'yes',
    'save_logs' => true, 'log_request' => false, 'guest_limited' => false, 'user_limited' => false,
    'footer_text' => 'ChatGptt test tier (echo model)',
];
update_option('wpaicg_chat_shortcode_options', $chat);
// The site-wide floating widget (bot 0), on every page.
update_option('wpaicg_chat_widget', [
    'status' => 'active', 'position' => 'right', 'tone' => 'friendly', 'proffesion' => 'none',
    'remember_conversation' => 'yes', 'content_aware' => 'yes', 'save_logs' => true, 'fontsize' => 14,
    'audio_enable' => 'true', 'text_height' => 60, 'text_rounded' => 8, 'chat_rounded' => 8,
    'download_btn' => 'true', 'clear_btn' => 'true', 'fullscreen' => 'true', 'height' => '60%', 'width' => '60%',
]);

/** A custom bot (post type wpaicg_chatbot, its settings as JSON), as the admin's bot builder makes one. */
function tier_bot(int $id, string $name, array $over)
{
    $bot = array_merge([
        'id' => (string) $id, 'name' => $name, 'type' => 'shortcode', 'pages' => '', 'position' => 'left',
        'width' => '100%', 'height' => '60%', 'chat_rounded' => '8', 'fontsize' => '13', 'text_height' => '60',
        'text_rounded' => '8', 'send_button_enabled' => '1', 'icon' => 'default', 'provider' => 'OpenAI',
        'model' => 'gpt-4o-mini', 'openai_stream_nav' => '0', 'chat_addition' => '1',
        'chat_addition_text' => 'You are a helpful AI Assistant. Please be friendly.', 'internet_browsing' => '0',
        'max_tokens' => '1500', 'temperature' => '0', 'top_p' => '0', 'best_of' => '1', 'frequency_penalty' => '0',
        'presence_penalty' => '0', 'audio_enable' => '0', 'image_enable' => '0', 'fullscreen' => '1', 'clear_btn' => '1',
        'sidebar' => '1', 'download_btn' => '1', 'copy_btn' => '1', 'feedback_btn' => '1', 'close_btn' => '1',
        'welcome' => 'Hello, how can I help you today?', 'newchat' => 'New Chat', 'ai_thinking' => 'Gathering thoughts',
        'placeholder' => 'Type your message here...', 'no_answer' => '', 'content_aware' => 'yes', 'user_aware' => 'no',
        'remember_conversation' => 'yes', 'conversation_cut' => '100', 'embedding' => '0', 'use_default_embedding' => '1',
        'embedding_type' => 'openai', 'language' => 'en', 'tone' => 'friendly', 'proffesion' => 'none',
        'chat_to_speech' => '0', 'save_logs' => '1', 'log_request' => '0',
        'limited_message' => 'You have reached your token limit.', 'reset_limit' => '0', 'footer_text' => 'Powered by AI',
        'guest_limited' => '0', 'guest_tokens' => '0', 'user_limited' => '0', 'user_tokens' => '0',
    ], $over);
    return tier_post($id, [
        'post_type' => 'wpaicg_chatbot',
        'post_title' => $name,
        'post_content' => wp_json_encode($bot, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES),
    ]);
}
tier_bot(4, 'Plain', ['openai_stream_nav' => '0']);
tier_bot(5, 'Limited', ['openai_stream_nav' => '0', 'guest_limited' => '1', 'guest_tokens' => '20']);
tier_bot(6, 'Limited Stream', ['openai_stream_nav' => '1', 'guest_limited' => '1', 'guest_tokens' => '20']);
tier_bot(7, 'Stream Bot', ['openai_stream_nav' => '1']);
tier_bot(8, 'Azure', ['provider' => 'Azure', 'model' => 'gpt-4o-mini', 'openai_stream_nav' => '1']);

tier_page(9, 'Chat', 'chat', 'Default AI Power shortcode chat (streams SSE).', '[wpaicg_chatgpt]');
tier_page(10, 'Plain', 'plain', 'Custom bot with streaming off (JSON replies).', '[wpaicg_chatgpt id=4]');
tier_page(11, 'Stream Bot', 'stream-bot', 'Custom bot with streaming on (SSE replies).', '[wpaicg_chatgpt id=7]');
tier_page(12, 'Limited', 'limited', 'Custom bot with a guest token limit (JSON replies).', '[wpaicg_chatgpt id=5]');
tier_page(13, 'Limited Stream', 'limited-stream', 'Custom bot with a guest token limit (SSE replies).', '[wpaicg_chatgpt id=6]');
tier_page(14, 'About', 'about', 'A page without a chat shortcode: only the site-wide floating widget.');
tier_page(15, 'Azure', 'azure', 'Custom bot whose provider is Azure OpenAI (endpoint: the echo model).', '[wpaicg_chatgpt id=8]');
tier_finish(9);
