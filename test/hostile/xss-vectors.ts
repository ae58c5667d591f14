/**
 * Cross-site-scripting vectors for the chat renderer: model output is untrusted (design §4).
 * Each vector, if it ever ran, calls `__xss(<id>)` (a tripwire global the tests install) or
 * `alert(<id>)` (a dialog the tests listen for). Categories follow issue 8: tags, event
 * attributes, SVG and MathML, dangerous URL schemes in Markdown links and images, entity and
 * Unicode tricks, CSS injection. Collected from public filter-evasion lists (OWASP cheat sheet,
 * PortSwigger's XSS cheat sheet, DOMPurify's and marked's own test cases) and adapted to call
 * the tripwire.
 */

export type XssCategory =
  | 'script'
  | 'style'
  | 'frame'
  | 'event'
  | 'svg'
  | 'mathml'
  | 'markdown-url'
  | 'entity-unicode'
  | 'css'
  | 'form-meta'
  | 'mixed';

export interface XssVector {
  id: number;
  category: XssCategory;
  /** The Markdown the "model" answers. */
  markdown: string;
}

/** What a payload runs: both the tripwire and a dialog, so either detector sees it. */
const run = (id: number): string => `__xss(${id});alert(${id})`;
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

const LIST: Array<[XssCategory, (id: number) => string]> = [
  // ---- raw tags
  ['script', (i) => `<script>${run(i)}</script>`],
  ['script', (i) => `<SCRIPT>${run(i)}</SCRIPT>`],
  ['script', (i) => `<script src="data:text/javascript,${encodeURIComponent(run(i))}"></script>`],
  ['script', (i) => `<script/x>${run(i)}</script>`],
  ['script', (i) => `<<script>${run(i)};//<</script>`],
  ['script', (i) => `<scr<script>ipt>${run(i)}</scr</script>ipt>`],
  ['script', (i) => `Inline text <script>${run(i)}</script> in a paragraph.`],
  ['script', (i) => `<script type="module">${run(i)}</script>`],
  ['script', (i) => `<noscript><p title="</noscript><img src=x onerror=${run(i)}>"></noscript>`],
  ['script', (i) => `<template><script>${run(i)}</script></template><div>after template</div>`],
  [
    'style',
    (i) => `<style>@import 'data:text/css,body{background:url(javascript:${run(i)})}';</style>`,
  ],
  ['style', (i) => `<style>*{background-image:url("javascript:${run(i)}")}</style>`],
  ['style', (i) => `<style>img{x:expression(${run(i)})}</style>`],
  ['style', (i) => `<style onload="${run(i)}"></style>`],
  ['frame', (i) => `<iframe src="javascript:${run(i)}"></iframe>`],
  ['frame', (i) => `<iframe srcdoc="<script>parent.${run(i)}</script>"></iframe>`],
  [
    'frame',
    (i) =>
      `<iframe src="data:text/html;base64,${b64(`<script>parent.${run(i)}</script>`)}"></iframe>`,
  ],
  ['frame', (i) => `<object data="javascript:${run(i)}"></object>`],
  ['frame', (i) => `<embed src="javascript:${run(i)}">`],
  ['frame', (i) => `<object data="data:text/html,<script>parent.${run(i)}</script>"></object>`],
  ['frame', (i) => `<frameset onload=${run(i)}>`],
  ['frame', (i) => `<iframe onload="${run(i)}"></iframe>`],
  // ---- event attributes
  ['event', (i) => `<img src=x onerror=${run(i)}>`],
  ['event', (i) => `<img src="x" onerror="${run(i)}">`],
  ['event', (i) => `<IMG SRC=x OnErRoR=${run(i)}>`],
  ['event', (i) => `<img src=x:x onerror\n=\n${run(i)}>`],
  ['event', (i) => `<img/src/onerror=${run(i)}>`],
  ['event', (i) => `<body onload=${run(i)}>`],
  ['event', (i) => `<details open ontoggle=${run(i)}>x</details>`],
  ['event', (i) => `<input autofocus onfocus=${run(i)}>`],
  ['event', (i) => `<video><source onerror="${run(i)}"></video>`],
  ['event', (i) => `<audio src=x onerror=${run(i)}>`],
  ['event', (i) => `<marquee onstart=${run(i)}>m</marquee>`],
  ['event', (i) => `<div onmouseover="${run(i)}" style="position:fixed;inset:0">hover</div>`],
  ['event', (i) => `<a href="#" onclick="${run(i)}">click</a>`],
  ['event', (i) => `<select autofocus onfocus=${run(i)}><option>x</option></select>`],
  ['event', (i) => `<textarea autofocus onfocus=${run(i)}>t</textarea>`],
  ['event', (i) => `<keygen autofocus onfocus=${run(i)}>`],
  ['event', (i) => `<div tabindex=1 autofocus onfocusin=${run(i)}>f</div>`],
  ['event', (i) => `<img src=x onerror=&#x5f;&#x5f;xss(${i})>`],
  ['event', (i) => `<img src="x" onerror="eval(atob('${b64(run(i))}'))">`],
  ['event', (i) => `<p onpointerenter=${run(i)} style="height:100vh">p</p>`],
  ['event', (i) => `<image src=x onerror=${run(i)}>`],
  ['event', (i) => `<img src=x onerror=${run(i)}//`],
  ['event', (i) => `<div onanimationstart=${run(i)} style="animation:spin 1s">a</div>`],
  ['event', (i) => `<x contenteditable onblur=${run(i)}>lose focus</x>`],
  // ---- SVG
  ['svg', (i) => `<svg onload=${run(i)}>`],
  ['svg', (i) => `<svg><script>${run(i)}</script></svg>`],
  ['svg', (i) => `<svg><script href="data:,${run(i)}" /></svg>`],
  [
    'svg',
    (i) =>
      `<svg><a xlink:href="javascript:${run(i)}"><text x="20" y="20">svg link</text></a></svg>`,
  ],
  ['svg', (i) => `<svg><a href="javascript:${run(i)}"><text y="20">svg2</text></a></svg>`],
  ['svg', (i) => `<svg><animate onbegin=${run(i)} attributeName=x dur=1s>`],
  ['svg', (i) => `<svg><set attributeName="href" to="javascript:${run(i)}" /></svg>`],
  ['svg', (i) => `<svg><foreignObject><img src=x onerror=${run(i)}></foreignObject></svg>`],
  ['svg', (i) => `<svg><image href="javascript:${run(i)}" /></svg>`],
  [
    'svg',
    (i) =>
      `<svg><use href="data:image/svg+xml;base64,${b64(`<svg id="x" xmlns="http://www.w3.org/2000/svg"><image href="1" onerror="top.${run(i)}"/></svg>`)}#x" /></svg>`,
  ],
  [
    'svg',
    (i) =>
      `![svg](data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg" onload="top.${run(i)}"/>`)})`,
  ],
  ['svg', (i) => `<svg><style><img src=x onerror=${run(i)}></style></svg>`],
  ['svg', (i) => `<svg><title><img src=x onerror=${run(i)}></title></svg>`],
  ['svg', (i) => `<svg><desc><![CDATA[</desc><script>${run(i)}</script>]]></svg>`],
  // ---- MathML
  [
    'mathml',
    (i) =>
      `<math><mtext><table><mglyph><style><img src=x onerror=${run(i)}></style></mglyph></table></mtext></math>`,
  ],
  ['mathml', (i) => `<math href="javascript:${run(i)}">CLICKME</math>`],
  [
    'mathml',
    (i) =>
      `<math><maction actiontype="statusline" xlink:href="javascript:${run(i)}">m<mtext>x</mtext></maction></math>`,
  ],
  ['mathml', (i) => `<math><mi xlink:href="data:x,<script>${run(i)}</script>">mi</mi></math>`],
  ['mathml', (i) => `<math><mtext><h1><a href="javascript:${run(i)}">h1</a></h1></mtext></math>`],
  [
    'mathml',
    (i) =>
      `<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=${run(i)} src>">`,
  ],
  [
    'mathml',
    (i) =>
      `<math><annotation-xml encoding="text/html"><img src=x onerror=${run(i)}></annotation-xml></math>`,
  ],
  // ---- Markdown links and images with dangerous schemes
  ['markdown-url', (i) => `[link](javascript:${run(i)})`],
  ['markdown-url', (i) => `[link](JaVaScRiPt:${run(i)})`],
  ['markdown-url', (i) => `[link](javascript&#58;${run(i)})`],
  ['markdown-url', (i) => `[link](javascript&colon;${run(i)})`],
  ['markdown-url', (i) => `[link](<javascript:${run(i)}>)`],
  ['markdown-url', (i) => `[link](  javascript:${run(i)})`],
  ['markdown-url', (i) => `[link](java%0Ascript:${run(i)})`],
  ['markdown-url', (i) => `[link](\u0001javascript:${run(i)})`],
  ['markdown-url', (i) => `[link](javascript://%0A${encodeURIComponent(run(i))})`],
  ['markdown-url', (i) => `[link](javascript:window.__xss(${i}) "title")`],
  ['markdown-url', (i) => `[link][ref${i}]\n\n[ref${i}]: javascript:${run(i)}`],
  ['markdown-url', (i) => `<javascript:${run(i)}>`],
  ['markdown-url', (i) => `[link](data:text/html;base64,${b64(`<script>${run(i)}</script>`)})`],
  ['markdown-url', (i) => `[link](data:text/html,<script>${run(i)}</script>)`],
  ['markdown-url', (i) => `[link](vbscript:msgbox(${i}))`],
  ['markdown-url', (i) => `[link](VBScript:msgbox(${i}))`],
  ['markdown-url', (i) => `![img](javascript:${run(i)})`],
  ['markdown-url', (i) => `![img](data:text/html;base64,${b64(`<script>${run(i)}</script>`)})`],
  ['markdown-url', (i) => `![img" onerror="${run(i)}](x)`],
  ['markdown-url', (i) => `![img](x" onerror="${run(i)})`],
  ['markdown-url', (i) => `[a](https://example.com" onmouseover="${run(i)})`],
  ['markdown-url', (i) => `[<img src=x onerror=${run(i)}>](https://example.com)`],
  ['markdown-url', (i) => `[![nested](javascript:${run(i)})](javascript:${run(i)})`],
  ['markdown-url', (i) => `[link](file:///etc/passwd) and [link](blob:javascript:${run(i)})`],
  [
    'markdown-url',
    (i) => `[link](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;${run(i)})`,
  ],
  ['markdown-url', (i) => `[link](\tjavascript:${run(i)})`],
  ['markdown-url', (i) => `[link](jav&#x09;ascript:${run(i)})`],
  // ---- entities and Unicode
  ['entity-unicode', (i) => `&lt;script&gt;${run(i)}&lt;/script&gt;`],
  ['entity-unicode', (i) => `&#x3C;img src=x onerror=${run(i)}&#x3E;`],
  ['entity-unicode', (i) => `&#60;svg onload=${run(i)}&#62;`],
  ['entity-unicode', (i) => `\uFF1Cscript\uFF1E${run(i)}\uFF1C/script\uFF1E`],
  ['entity-unicode', (i) => `[link](java\u200Bscript:${run(i)})`],
  ['entity-unicode', (i) => `[link](\u202Ejavascript:${run(i)})`],
  ['entity-unicode', (i) => `<img src=x onerror="\u0061lert(${i});__xss(${i})">`],
  ['entity-unicode', (i) => `<a href="&#106;avascript:${run(i)}">entity href</a>`],
  ['entity-unicode', (i) => `<a href="jav\u0000ascript:${run(i)}">nul href</a>`],
  ['entity-unicode', (i) => `%3Cscript%3E${run(i)}%3C/script%3E`],
  ['entity-unicode', (i) => `\\<script\\>${run(i)}\\</script\\>`],
  ['entity-unicode', (i) => `<img src=x onerror=\u2028${run(i)}>`],
  ['entity-unicode', (i) => `<a href="\u0001\u0002javascript:${run(i)}">ctl href</a>`],
  // ---- CSS injection
  ['css', (i) => `<div style="background:url(javascript:${run(i)})">css url</div>`],
  [
    'css',
    (i) => `<div style="behavior:url(#default#time2);x:expression(${run(i)})">css expr</div>`,
  ],
  [
    'css',
    (i) => `<link rel="stylesheet" href="data:text/css,*{background:url(javascript:${run(i)})}">`,
  ],
  [
    'css',
    (i) =>
      `<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:red;z-index:2147483647">overlay ${i}</div>`,
  ],
  ['css', (i) => `<style>body{display:none}</style>hidden-body ${i}`],
  ['css', (i) => `<p style="--x:url(javascript:${run(i)});background:var(--x)">var</p>`],
  ['css', (i) => `<span style="font-family:'x';src:url('javascript:${run(i)}')">font</span>`],
  // ---- forms, meta, base, misc
  ['form-meta', (i) => `<form action="javascript:${run(i)}"><button>submit</button></form>`],
  ['form-meta', (i) => `<form><button formaction="javascript:${run(i)}">go</button></form>`],
  ['form-meta', (i) => `<input type="image" src=x formaction="javascript:${run(i)}">`],
  ['form-meta', (i) => `<meta http-equiv="refresh" content="0;url=javascript:${run(i)}">`],
  ['form-meta', (i) => `<base href="javascript:${run(i)}//">[rel](x)`],
  ['form-meta', (i) => `<isindex action="javascript:${run(i)}" type=image>`],
  ['form-meta', (i) => `<a href="javascript:${run(i)}">raw anchor</a>`],
  ['form-meta', (i) => `<a href="vbscript:msgbox(${i})">vb anchor</a>`],
  ['form-meta', (i) => `<a href="data:text/html,<script>${run(i)}</script>">data anchor</a>`],
  ['form-meta', (i) => `<area href="javascript:${run(i)}">`],
  // ---- mixed with real Markdown structures
  [
    'mixed',
    (i) => `| a | b |\n|---|---|\n| <img src=x onerror=${run(i)}> | [x](javascript:${run(i)}) |`,
  ],
  ['mixed', (i) => `- item <script>${run(i)}</script>\n- [item](javascript:${run(i)})`],
  ['mixed', (i) => `> quote <svg onload=${run(i)}>`],
  ['mixed', (i) => `\`<img src=x onerror=${run(i)}>\` inline code stays text`],
  ['mixed', (i) => `\`\`\`html\n<script>${run(i)}</script>\n<img src=x onerror=${run(i)}>\n\`\`\``],
  [
    'mixed',
    (i) => `\`\`\`"><img src=x onerror=${run(i)}>\ncode with a hostile info string\n\`\`\``,
  ],
  ['mixed', (i) => `# <img src=x onerror=${run(i)}> heading`],
  [
    'mixed',
    (i) => `**bold <a href="javascript:${run(i)}">x</a>** _em <img src=x onerror=${run(i)}>_`,
  ],
  ['mixed', (i) => `1. [one](javascript:${run(i)})\n2. ![two](javascript:${run(i)})`],
  ['mixed', (i) => `<div>\n\n[inside html block](javascript:${run(i)})\n\n</div>`],
  ['mixed', (i) => `<xmp><img src=x onerror=${run(i)}></xmp>`],
  ['mixed', (i) => `<plaintext><img src=x onerror=${run(i)}>`],
];

/** Every vector, numbered from 1. */
export const XSS_VECTORS: readonly XssVector[] = LIST.map(([category, make], index) => ({
  id: index + 1,
  category,
  markdown: make(index + 1),
}));

/** A visible marker before each vector: proves every vector of a batch was delivered and rendered. */
export const marker = (id: number): string => `VEC${String(id).padStart(3, '0')}`;

/** Answers that carry `size` vectors each, every vector its own block after its marker. */
export function xssBatches(size: number): Array<{ reply: string; ids: number[] }> {
  const batches: Array<{ reply: string; ids: number[] }> = [];
  for (let start = 0; start < XSS_VECTORS.length; start += size) {
    const vectors = XSS_VECTORS.slice(start, start + size);
    batches.push({
      reply: vectors.map((v) => `${marker(v.id)}\n\n${v.markdown}\n\n`).join(''),
      ids: vectors.map((v) => v.id),
    });
  }
  return batches;
}
