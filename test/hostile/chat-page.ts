/**
 * A legacy (G4, plugin 1.9.18) shortcode page for case number `id`: the hostile server's good
 * chat page, in a file of its own because bad-replies.ts builds pages with it too.
 */
export function chatPage(id: number, origin: string, path: string): string {
  return `<!DOCTYPE html><html><head><title>Hostile case ${id}</title>
<link rel="stylesheet" href="${origin}/wp-content/plugins/gpt3-ai-content-generator/public/css/wpaicg-chat.css?ver=1.9.18">
</head><body class="page page-id-${id}">
<div class="wpaicg-chat-shortcode" data-nonce="a1b2c3d4e5" data-post-id="${id}" data-url="${origin}${path}"
 data-bot-id="0" data-type="shortcode" data-openai_stream_nav="1" data-memory-limit="100">
<ul class="wpaicg-chat-shortcode-messages"></ul><textarea class="wpaicg-chat-shortcode-typing"></textarea></div>
</body></html>`;
}
