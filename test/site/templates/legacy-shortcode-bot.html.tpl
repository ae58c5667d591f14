<style>/* removed */</style>
<style>/* removed */</style>

<style>/* removed */</style>

<style>/* removed */</style>
<style>/* removed */</style>
<div class="wpaicg-chat-shortcode"
     data-user-bg-color="#6C757D"
     data-color="#E8E8E8"
     data-fontsize="13"
     data-ai-bg-color="#495057"
     data-nonce="{{NONCE}}"
     data-post-id="{{POST_ID}}"
     data-url="{{PAGE_URL}}"
     data-bot-id="{{BOT_ID}}"
     data-width="100%px"
     data-height="60%px"
     data-footer="true"
     data-has-bar="true"
     data-speech="0"
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
     data-copy_btn="1"
     data-feedback_btn = "1"
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
     data-bg_text_field = "#495057"
     data-bg_text_field_font_color = "#F8F9FA"
     data-bg_text_field_border_color = "#6C757D"
     data-assistant-enabled="false"
     data-sidebar-enabled="1"
     data-type="shortcode"
>
<style>/* removed */</style>
    <div class="wpaicg-chatbox-action-bar">
                    <span class="wpaicg-chatbox-download-btn" data-type="shortcode" role="button" aria-label="Download" tabindex="0">
                <svg role="presentation" version="1.1" id="_x32_" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 512 512"  xml:space="preserve"><path class="st0" d="M243.591,309.362c3.272,4.317,7.678,6.692,12.409,6.692c4.73,0,9.136-2.376,12.409-6.689l89.594-118.094 c3.348-4.414,4.274-8.692,2.611-12.042c-1.666-3.35-5.631-5.198-11.168-5.198H315.14c-9.288,0-16.844-7.554-16.844-16.84V59.777 c0-11.04-8.983-20.027-20.024-20.027h-44.546c-11.04,0-20.022,8.987-20.022,20.027v97.415c0,9.286-7.556,16.84-16.844,16.84 h-34.305c-5.538,0-9.503,1.848-11.168,5.198c-1.665,3.35-0.738,7.628,2.609,12.046L243.591,309.362z"/><path class="st0" d="M445.218,294.16v111.304H66.782V294.16H0v152.648c0,14.03,11.413,25.443,25.441,25.443h461.118 c14.028,0,25.441-11.413,25.441-25.443V294.16H445.218z"/></svg>
            </span>
                            <span data-type="shortcode" class="wpaicg-chatbox-fullscreen" role="button" aria-label="Fullscreen" tabindex="0">
                <svg role="presentation" class="wpaicg-active-fullscreen" viewBox="0 0 16 16" fill="none" xmlns="http://www.w3.org/2000/svg"><path fill-rule="evenodd" clip-rule="evenodd" d="M10 15H15V10H13.2V13.2H10V15ZM6 15V13.2H2.8V10H1V15H6ZM10 2.8H12.375H13.2V6H15V1H10V2.8ZM6 1V2.8H2.8V6H1V1H6Z"/></svg>
                <svg role="presentation" class="wpaicg-exit-fullscreen" viewBox="0 0 16 16" xmlns="http://www.w3.org/2000/svg"><path d="M1 6L6 6L6 1L4.2 1L4.2 4.2L1 4.2L1 6Z"/><path d="M15 10L10 10L10 15L11.8 15L11.8 11.8L15 11.8L15 10Z"/><path d="M6 15L6 10L1 10L1 11.8L4.2 11.8L4.2 15L6 15Z"/><path d="M10 1L10 6L15 6L15 4.2L11.8 4.2L11.8 1L10 1Z"/></svg>
            </span>
                            <span class="wpaicg-chatbox-clear-btn" data-type="shortcode" role="button" aria-label="Clear Chat" tabindex="0">
            <svg role="presentation" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 448 512"><path d="M170.5 51.6L151.5 80h145l-19-28.4c-1.5-2.2-4-3.6-6.7-3.6H177.1c-2.7 0-5.2 1.3-6.7 3.6zm147-26.6L354.2 80H368h48 8c13.3 0 24 10.7 24 24s-10.7 24-24 24h-8V432c0 44.2-35.8 80-80 80H112c-44.2 0-80-35.8-80-80V128H24c-13.3 0-24-10.7-24-24S10.7 80 24 80h8H80 93.8l36.7-55.1C140.9 9.4 158.4 0 177.1 0h93.7c18.7 0 36.2 9.4 46.6 24.9zM80 128V432c0 17.7 14.3 32 32 32H336c17.7 0 32-14.3 32-32V128H80zm80 64V400c0 8.8-7.2 16-16 16s-16-7.2-16-16V192c0-8.8 7.2-16 16-16s16 7.2 16 16zm80 0V400c0 8.8-7.2 16-16 16s-16-7.2-16-16V192c0-8.8 7.2-16 16-16s16 7.2 16 16zm80 0V400c0 8.8-7.2 16-16 16s-16-7.2-16-16V192c0-8.8 7.2-16 16-16s16 7.2 16 16z"/></svg>
    </span>
        
    </div>
<!-- Begin Chat Content Wrapper -->
<div class="wpaicg-chat-content-wrapper">
    <!-- Insert the toggle and sidebar if $wpaicg_chat_sidebar is enabled -->
            <span class="wpaicg-sidebar-toggle" role="button" aria-label="Toggle Sidebar" tabindex="0">
            <span class="dashicons dashicons-menu"></span>
        </span>
        
    <div class="wpaicg-sidebar">
        <div class="wpaicg-sidebar-header">
            <button type="button" class="wpaicg-new-chat-button" style="margin-top:10px">New Chat</button>
        </div>
        <ul class="wpaicg-conversation-list">
            <!-- Conversations will be loaded here dynamically -->
        </ul>
    </div>
        <div class="wpaicg-chat-shortcode-content">
        <ul class="wpaicg-chat-shortcode-messages">
                        <li class="wpaicg-ai-message" style="color: #E8E8E8; font-size: 13px; background-color: #495057">
                <span class="wpaicg-chat-message">
                    Hello 👋, how can I help you today?                </span>
            </li>
        </ul>
        <!-- Conversation Starters -->
                    <div class="wpaicg-conversation-starters">
                                    <button type="button" class="wpaicg-conversation-starter">
                        What’s today’s date?                    </button>
                                    <button type="button" class="wpaicg-conversation-starter">
                        Can you tell me a joke?                    </button>
                            </div>
                <span class="wpaicg-bot-thinking" style="padding-left: 0;color: #CED4DA;">Gathering thoughts&nbsp;<span class="wpaicg-jumping-dots"><span class="wpaicg-dot-1">.</span><span class="wpaicg-dot-2">.</span><span class="wpaicg-dot-3">.</span></span></span>
        <div class="wpaicg-chat-shortcode-type">
            <textarea type="text" name="wpaicg-chat-shortcode-typing" class="auto-expand wpaicg-chat-shortcode-typing" placeholder="Type your message here..."></textarea>
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
        Powered by AI    </div>
</div>
<script>/* removed */</script>