<style>/* removed */</style>
<style>/* removed */</style>

<style>/* removed */</style>

<style>/* removed */</style>
<style>/* removed */</style>
<div class="wpaicg-chat-shortcode"
     data-user-bg-color="#ccf5e1"
     data-color="#495057"
     data-fontsize="14"
     data-ai-bg-color="#d1e8ff"
     data-nonce="{{NONCE}}"
     data-post-id="{{POST_ID}}"
     data-url="{{PAGE_URL}}"
     data-bot-id="{{BOT_ID}}"
     data-width="100%"
     data-height="50%"
     data-footer="true"
     data-has-bar="false"
     data-speech=""
     data-voice=""
     data-elevenlabs-model=""
     data-voice-error=""
     data-typewriter-effect = ""
     data-typewriter-speed="1"
     data-text_height="60"
     data-text_rounded="8"
     data-chat_rounded="8"
     data-voice_service=""
     data-voice_language="en-US"
     data-voice_name="en-US-Studio-M"
     data-voice_device=""
     data-voice_speed="1"
     data-voice_pitch="0"
     data-openai_model="tts-1"
     data-openai_voice="alloy"
     data-openai_output_format="mp3"
     data-openai_voice_speed="1.0"
     data-openai_stream_nav="{{STREAM_NAV}}"
     data-autoload_chat_conversations="0"
     data-copy_btn=""
     data-feedback_btn = ""
     data-feedback_title = "Feedback"
     data-feedback_message = "Please provide details: (optional)"
     data-feedback_success = "Thank you for your feedback!"
     data-user-voice-control = ""
     data-voice-muted-by-default=""
     data-memory-limit = "100"
     data-lead-collection = "0"
     data-lead-title = "Let us know how to contact you"
     data-lead-name = "Name"
     data-enable-lead-name = "1"
     data-lead-email = "Email"
     data-enable-lead-email = "1"
     data-lead-phone = "Phone"
     data-enable-lead-phone = "1"
     data-bg_text_field = "#ffffff"
     data-bg_text_field_font_color = "#495057"
     data-bg_text_field_border_color = "#ced4da"
     data-assistant-enabled="false"
     data-sidebar-enabled=""
     data-type="shortcode"
>
<style>/* removed */</style>
<!-- Begin Chat Content Wrapper -->
<div class="wpaicg-chat-content-wrapper">
    <!-- Insert the toggle and sidebar if $wpaicg_chat_sidebar is enabled -->
        <div class="wpaicg-chat-shortcode-content">
        <ul class="wpaicg-chat-shortcode-messages">
                        <li class="wpaicg-ai-message" style="color: #495057; font-size: 14px; background-color: #d1e8ff">
                <span class="wpaicg-chat-message">
                    Hello 👋, how can I help you today?                </span>
            </li>
        </ul>
        <!-- Conversation Starters -->
                <span class="wpaicg-bot-thinking" style="padding-left: 0;color: #495057;">Gathering thoughts&nbsp;<span class="wpaicg-jumping-dots"><span class="wpaicg-dot-1">.</span><span class="wpaicg-dot-2">.</span><span class="wpaicg-dot-3">.</span></span></span>
        <div class="wpaicg-chat-shortcode-type">
            <textarea type="text" name="wpaicg-chat-shortcode-typing" class="auto-expand wpaicg-chat-shortcode-typing" placeholder="Type a message"></textarea>
            <div class="wpaicg_chat_additions">
                <span class="wpaicg-thumbnail-placeholder"></span>
                <span class="wpaicg-mic-icon" data-type="shortcode" role="button" aria-label="Mic" tabindex="0" style="display:none">
                    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 384 512"><path d="M176 0C123 0 80 43 80 96V256c0 53 43 96 96 96s96-43 96-96V96c0-53-43-96-96-96zM48 216c0-13.3-10.7-24-24-24s-24 10.7-24 24v40c0 89.1 66.2 162.7 152 174.4V464H104c-13.3 0-24 10.7-24 24s10.7 24 24 24h72 72c13.3 0 24-10.7 24-24s-10.7-24-24-24H200V430.4c85.8-11.7 152-85.3 152-174.4V216c0-13.3-10.7-24-24-24s-24 10.7-24 24v40c0 70.7-57.3 128-128 128s-128-57.3-128-128V216z"/></svg>
                </span>
                <span class="wpaicg-img-icon" data-type="shortcode" style="display:none">
                    <svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" class="feather feather-image"><rect x="3" y="3" width="18" height="18" rx="2" ry="2"></rect><circle cx="8.5" cy="8.5" r="1.5"></circle><polyline points="21 15 16 10 5 21"></polyline></svg>
                    <input type="file" id="imageUpload" class="wpaicg-img-file" accept="image/png, image/jpeg, image/webp, image/gif" style="display: none;" />
                    <!-- add nonce -->
                    <input type="hidden" id="wpaicg-img-nonce" value="{{IMG_NONCE}}" />
                </span>
                <span class="wpaicg-img-spinner"></span>
                                                <span class="wpaicg-chat-shortcode-send" role="button" aria-label="Send" tabindex="0">
                    <svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" class="feather feather-send"><line x1="22" y1="2" x2="11" y2="13"></line><polygon points="22 2 15 22 11 13 2 9 22 2"></polygon></svg>
                </span>
                            </div>
        </div>
    </div>
</div>
    <div class="wpaicg-chat-shortcode-footer">
        Local test peer (mock LLM)    </div>
</div>
<script>/* removed */</script>