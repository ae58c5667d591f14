/**
 * What the hostile suite looks for in a rendered document: handler attributes, dangerous URL
 * schemes in URL-bearing attributes, and elements a Markdown answer must never produce. Runs
 * in the page (passed to frame.evaluate), so it must be self-contained.
 */

export interface AuditFinding {
  what: 'handler-attribute' | 'dangerous-url' | 'forbidden-element';
  tag: string;
  detail: string;
}

/** Self-contained: serialized into every frame by Playwright. */
export function auditDocument(options: { answersSelector: string }): AuditFinding[] {
  const URL_ATTRIBUTES = [
    'href',
    'src',
    'action',
    'formaction',
    'xlink:href',
    'data',
    'srcdoc',
    'poster',
    'background',
    'srcset',
    'codebase',
    'cite',
    'ping',
    'lowsrc',
    'dynsrc',
    'to',
    'values',
    'from',
    'by',
  ];
  // Inside rendered answers only: the app's own shell may have forms, inputs, styles.
  const FORBIDDEN_IN_ANSWERS =
    'script, style, iframe, frame, frameset, object, embed, applet, base, meta, link, form, button[formaction], svg, math, template, noscript, xmp, plaintext, marquee, audio, video, source, details, select, textarea, isindex, keygen';
  const findings: AuditFinding[] = [];
  const strip = (value: string): string =>
    // What URL parsers ignore: control characters, whitespace, zero-width and bidi marks.
    value
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
      .replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2028\u2029\ufeff]/g, '')
      .toLowerCase();
  const visit = (root: Document | ShadowRoot): void => {
    for (const element of Array.from(root.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on')) {
          findings.push({
            what: 'handler-attribute',
            tag: element.tagName,
            detail: `${name}=${attribute.value.slice(0, 80)}`,
          });
        }
        if (URL_ATTRIBUTES.includes(name) || name.endsWith(':href')) {
          const value = strip(attribute.value);
          if (
            /^(javascript|data|vbscript|livescript|mocha):/.test(value) ||
            /(^|[\s,])(javascript|vbscript):/.test(value)
          ) {
            findings.push({
              what: 'dangerous-url',
              tag: element.tagName,
              detail: `${name}=${attribute.value.slice(0, 80)}`,
            });
          }
        }
      }
      if (element.shadowRoot) visit(element.shadowRoot);
    }
    for (const answer of Array.from(root.querySelectorAll(options.answersSelector))) {
      for (const element of Array.from(answer.querySelectorAll(FORBIDDEN_IN_ANSWERS))) {
        findings.push({
          what: 'forbidden-element',
          tag: element.tagName,
          detail: element.outerHTML.slice(0, 120),
        });
      }
    }
  };
  visit(document);
  return findings;
}

/** Installed before any page script in every frame: the global the vectors call. */
export function installTripwire(): void {
  const w = globalThis as unknown as { __xss?: (id: unknown) => void; __xssHits?: unknown[] };
  w.__xssHits = [];
  w.__xss = (id) => {
    w.__xssHits?.push(id);
  };
}

export function readTripwire(): unknown[] {
  return (globalThis as unknown as { __xssHits?: unknown[] }).__xssHits ?? [];
}
