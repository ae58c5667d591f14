<?php
// Site B (AI Power 2.4.71, "AIPKit", G5): the OpenAI provider on the echo model, an inline bot
// (5, on the front page 6) and a popup-mode bot (7, on page 8), as the captures b-* had them.
// Env: TIER_CONFIG, TIER_PORT, TIER_MODEL_ORIGIN.
require __DIR__ . '/boot.php';
wp_set_current_user(1);

use WPAICG\AIPKit_Providers;
use WPAICG\Chat\Storage\BotSettingsManager;
use WPAICG\Chat\Storage\DefaultBotSetup;

$origin = rtrim(getenv('TIER_MODEL_ORIGIN'), '/');
$api_key = 'sk-tier-echo-0000000000000000';
if (!class_exists(AIPKit_Providers::class) || !class_exists(BotSettingsManager::class)) {
    tier_fail('AIPKit classes not loaded: is AI Power 2.4.71 active?');
}
// AIPKit streams with its own curl handle: its base URL option is the way to the echo model.
AIPKit_Providers::save_current_provider('OpenAI');
AIPKit_Providers::save_provider_data('OpenAI', [
    'api_key' => $api_key, 'model' => 'gpt-4o-mini', 'base_url' => $origin, 'api_version' => 'v1', 'api_mode' => 'responses',
]);
$openai = AIPKit_Providers::get_provider_data('OpenAI');
if (($openai['base_url'] ?? '') !== $origin) {
    tier_fail('OpenAI provider settings did not stick: ' . wp_json_encode($openai));
}
DefaultBotSetup::ensure_default_chatbot(); // post 4 on a fresh install

/** An AIPKit bot with the plugin's own initial settings (as "Create bot" in the admin does). */
function tier_aipkit_bot(int $id, string $name, string $deploy_mode)
{
    $fresh = !get_post($id);
    tier_post($id, ['post_type' => 'aipkit_chatbot', 'post_title' => $name, 'post_content' => '']);
    if ($fresh || get_post_meta($id, '_aipkit_deploy_mode', true) !== $deploy_mode) {
        BotSettingsManager::set_initial_bot_settings($id, $name, $deploy_mode);
    }
    update_post_meta($id, '_aipkit_provider', 'OpenAI');
    update_post_meta($id, '_aipkit_model', 'gpt-4o-mini');
}
tier_aipkit_bot(5, 'Tier Inline Bot', 'inline');
tier_page(6, 'Chat', 'chat', 'AI Power 2.4.71 (AIPKit) inline chatbot.', '[aipkit_chatbot id=5]');
tier_aipkit_bot(7, 'Tier Popup Bot', 'popup');
tier_page(8, 'Popup', 'popup', 'AI Power 2.4.71 (AIPKit) popup chatbot.', '[aipkit_chatbot id=7]');
tier_finish(6);
