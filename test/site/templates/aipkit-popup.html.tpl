    <div class="aipkit_popup_wrapper aipkit-popup-theme-custom aipkit-popup-standard" id="aipkit_popup_wrapper_{{BOT_ID}}" data-config='{{DATA_CONFIG}}' data-bot-id="{{BOT_ID}}" data-icon-size="medium" style="--aipkit-chat-accent-color:#0B5FFF;--aipkit-chat-accent-rgb:11,95,255;--aipkit-chat-selection-rgb:11,95,255;--aipkit-chat-on-accent-color:#FFFFFF;--aipkit-chat-on-accent-rgb:255,255,255;--aipkit-chat-accent-hover-color:#2872FF;--aipkit-chat-accent-tint-color:#E2ECFF;--aipkit-chat-accent-on-tint-color:#0B5FFF;--aipkit-chat-accent-shadow-color:rgba(11,95,255,0.3);--aipkit-chat-header-avatar-bg-color:rgba(255,255,255,0.18);--aipkit-chat-header-status-text-color:rgba(255,255,255,0.85);">
        <button type="button" class="aipkit_popup_trigger aipkit_popup_position-bottom-right aipkit_popup_trigger--size-medium" id="aipkit_popup_trigger_{{BOT_ID}}" aria-label="Open Chat" title="Open Chat" aria-haspopup="dialog" aria-controls="aipkit_chat_container_{{BOT_ID}}" aria-expanded="false"  data-icon-style="circle" data-icon-type="default" data-label-open="Open Chat" data-label-close="Close Chat">
            <span class="aipkit_popup_icon aipkit_popup_icon--open">
                <svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" class="icon icon-tabler icons-tabler-outline icon-tabler-message-circle"><path stroke="none" d="M0 0h24v24H0z" fill="none"/><path d="M3 20l1.3 -3.9c-2.324 -3.437 -1.426 -7.872 2.1 -10.374c3.526 -2.501 8.59 -2.296 11.845 .48c3.255 2.777 3.695 7.266 1.029 10.501c-2.666 3.235 -7.615 4.215 -11.574 2.293l-4.7 1" /></svg>            </span>
        </button>
                    <div
                class="aipkit_popup_hint aipkit_popup_position-bottom-right aipkit_popup_hint--size-large"
                id="aipkit_popup_hint_{{BOT_ID}}"
                role="status"
                aria-live="polite"
                aria-atomic="true"
                aria-hidden="true"
                inert
                hidden
                data-bot-id="{{BOT_ID}}"
            >
                <span class="aipkit_popup_hint_text">Need help? Ask me!</span>
                                    <button type="button" class="aipkit_popup_hint_close" aria-label="Dismiss" aria-controls="aipkit_popup_hint_{{BOT_ID}}" title="Dismiss">&times;</button>
                            </div>
                <div class="aipkit_chat_container aipkit_popup_content aipkit-theme-custom  aipkit_popup_position-bottom-right aipkit-sidebar-state-closed   " id="aipkit_chat_container_{{BOT_ID}}" aria-hidden="true" inert data-custom-theme='{&quot;primary_color&quot;:&quot;#0B5FFF&quot;,&quot;secondary_color&quot;:&quot;#F1F5FF&quot;,&quot;accent_color&quot;:&quot;#111111&quot;,&quot;font_family&quot;:&quot;inherit&quot;,&quot;bubble_border_radius&quot;:16,&quot;container_max_width&quot;:896,&quot;popup_width&quot;:380,&quot;container_height&quot;:620,&quot;container_max_height&quot;:90,&quot;container_min_height&quot;:320,&quot;popup_height&quot;:620,&quot;popup_min_height&quot;:320,&quot;popup_max_height&quot;:90}' style="--aipkit-chat-accent-color:#0B5FFF;--aipkit-chat-accent-rgb:11,95,255;--aipkit-chat-selection-rgb:11,95,255;--aipkit-chat-on-accent-color:#FFFFFF;--aipkit-chat-on-accent-rgb:255,255,255;--aipkit-chat-accent-hover-color:#2872FF;--aipkit-chat-accent-tint-color:#E2ECFF;--aipkit-chat-accent-on-tint-color:#0B5FFF;--aipkit-chat-accent-shadow-color:rgba(11,95,255,0.3);--aipkit-chat-header-avatar-bg-color:rgba(255,255,255,0.18);--aipkit-chat-header-status-text-color:rgba(255,255,255,0.85);" >
        <div class="aipkit_chat_body">
                        <div class="aipkit_chat_main">
                                        <div class="aipkit_chat_header">
        <div class="aipkit_header_info">
                                </div>
                <div class="aipkit_header_actions">
                            <button type="button" class="aipkit_header_btn aipkit_fullscreen_btn" title="Fullscreen" aria-label="Fullscreen" aria-expanded="false">
                    <svg  xmlns="http://www.w3.org/2000/svg"  width="24"  height="24"  viewBox="0 0 24 24"  fill="none"  stroke="currentColor"  stroke-width="2"  stroke-linecap="round"  stroke-linejoin="round"  class="icon icon-tabler icons-tabler-outline icon-tabler-arrows-maximize"><path stroke="none" d="M0 0h24v24H0z" fill="none"/><path d="M16 4l4 0l0 4" /><path d="M14 10l6 -6" /><path d="M8 20l-4 0l0 -4" /><path d="M4 20l6 -6" /><path d="M16 20l4 0l0 -4" /><path d="M14 14l6 6" /><path d="M8 4l-4 0l0 4" /><path d="M4 4l6 6" /></svg>                </button>
                                            </div>
    </div>
                                    <div class="aipkit_chat_messages"></div>
                                    <div class="aipkit_conversation_starters"></div>
                                    <div class="aipkit_chat_input">
        <div class="aipkit_chat_input_wrapper">
            <textarea
                id="aipkit_chat_input_field_{{BOT_ID}}"
                name="aipkit_chat_message_{{BOT_ID}}"
                class="aipkit_chat_input_field"
                placeholder="Type your message..."
                aria-label="Chat message input"
                rows="1"
            ></textarea>
            <div
                class="aipkit_voice_recording_panel"
                role="group"
                aria-label="Voice recording"
                hidden
            >
                <div class="aipkit_voice_waveform_stage" aria-hidden="true">
                    <canvas class="aipkit_voice_waveform_canvas" width="320" height="40"></canvas>
                    <div class="aipkit_voice_transcribing_indicator" hidden>
                        <span class="aipkit_spinner"></span>
                        <span>Transcribing audio&#8230;</span>
                    </div>
                </div>
                <span class="aipkit_voice_recording_status" aria-live="polite">Listening&#8230;</span>
                <button
                    type="button"
                    class="aipkit_voice_recording_control aipkit_voice_cancel_btn"
                    aria-label="Cancel recording"
                    title="Cancel recording"
                >
                    <svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M18 6l-12 12" /><path d="M6 6l12 12" /></svg>                </button>
                <button
                    type="button"
                    class="aipkit_voice_recording_control aipkit_voice_confirm_btn"
                    aria-label="Finish recording"
                    title="Finish recording"
                >
                    <svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M5 12l5 5l10 -10" /></svg>                </button>
            </div>
             <div class="aipkit_chat_input_actions_bar">
                <div class="aipkit_chat_input_actions_left">
                    <button
                        type="button"
                        class="aipkit_input_action_btn aipkit_input_action_toggle"
                        aria-label="Attach files or use tools"
                        role="button"
                                                    aria-haspopup="true"
                            aria-controls=""
                            aria-expanded="false"
                                                hidden                    >
                        <svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" class="icon icon-tabler icons-tabler-outline icon-tabler-paperclip"><path stroke="none" d="M0 0h24v24H0z" fill="none"/><path d="M15 7l-6.5 6.5a1.5 1.5 0 0 0 3 3l6.5 -6.5a3 3 0 0 0 -6 -6l-6.5 6.5a4.5 4.5 0 0 0 9 9l6.5 -6.5" /></svg>                    </button>
                                                         </div>
                <div class="aipkit_chat_input_actions_right">
                    <button
                        class="aipkit_input_action_btn aipkit_realtime_voice_agent_btn"
                        aria-label="Start Voice Conversation"
                        title="Start Voice Conversation"
                        type="button"
                        hidden                    >
                        <svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" class="icon icon-tabler icons-tabler-outline icon-tabler-volume"><path stroke="none" d="M0 0h24v24H0z" fill="none"/><path d="M15 8a5 5 0 0 1 0 8" /><path d="M17.7 5a9 9 0 0 1 0 14" /><path d="M6 15h-2a1 1 0 0 1 -1 -1v-4a1 1 0 0 1 1 -1h2l3.5 -4.5a.8 .8 0 0 1 1.5 .5v14a.8 .8 0 0 1 -1.5 .5l-3.5 -4.5" /></svg>                    </button>
                    <button
                        class="aipkit_input_action_btn aipkit_voice_input_btn"
                        aria-label="Voice input"
                        title="Voice input"
                        aria-pressed="false"
                        type="button"
                        hidden                    >
                        <svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" class="icon icon-tabler icons-tabler-outline icon-tabler-microphone"><path stroke="none" d="M0 0h24v24H0z" fill="none"/><path d="M9 2m0 3a3 3 0 0 1 3 -3h0a3 3 0 0 1 3 3v5a3 3 0 0 1 -3 3h0a3 3 0 0 1 -3 -3z" /><path d="M5 10a7 7 0 0 0 14 0" /><path d="M8 21l8 0" /><path d="M12 17l0 4" /></svg>                    </button>
                    <span class="aipkit_chat_action_timer" aria-hidden="true" hidden></span>
                    <button
                        class="aipkit_input_action_btn aipkit_chat_action_btn aipkit_send_btn"
                        aria-label="Send Message"
                        title="Send Message"
                        type="button"
                    >
                        <svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" class="icon icon-tabler icons-tabler-outline icon-tabler-arrow-up aipkit_send_icon"><path stroke="none" d="M0 0h24v24H0z" fill="none"/><path d="M12 5l0 14" /><path d="M18 11l-6 -6" /><path d="M6 11l6 -6" /></svg>                        <svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" class="icon icon-tabler icons-tabler-outline icon-tabler-eraser aipkit_clear_icon" hidden><path stroke="none" d="M0 0h24v24H0z" fill="none"/><path d="M19 20h-10.5l-4.21 -4.3a1 1 0 0 1 0 -1.41l10 -10a1 1 0 0 1 1.41 0l5 5a1 1 0 0 1 0 1.41l-9.2 9.3" /><path d="M18 13.3l-6.3 -6.3" /></svg>                        <span class="aipkit_spinner" hidden></span>
                    </button>
                </div>
            </div>
        </div>
            </div>
                </div>
        </div>
            </div>
    
    </div>
    