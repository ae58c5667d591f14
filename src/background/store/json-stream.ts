/**
 * Reads an export file as it arrives, piece by piece, without holding it whole: the file's own
 * fields (format, version…) are handed over as parsed values, and each element of its
 * `conversations` list as its JSON text, the moment its closing brace arrives. Memory is one
 * conversation's text (capped) however big the file. Nesting deeper than `maxDepth` is refused
 * as soon as it is seen, so a hostile file of a million `[` cannot exhaust a stack later.
 * The scanner checks the structure around the elements; each element's own grammar is checked
 * by JSON.parse on its text.
 */
import { ImportError } from './bundle-fields';

export interface ScanLimits {
  /** Deepest nesting allowed, counting the file's object as 1. */
  maxDepth: number;
  /** Longest JSON text of one conversation. */
  maxItemChars: number;
}

export interface ScanSink {
  /** A top-level field other than `conversations` (small: capped at 10,000 characters). */
  field(key: string, value: unknown): void;
  /** The `conversations` list begins: the fields before it have been handed over. */
  listStart(): void;
  /** One element of `conversations`, as JSON text; `index` counts from 0. */
  item(text: string, index: number): void;
}

/** The largest top-level field kept (format, version, exportedAt are a few characters). */
const MAX_FIELD_CHARS = 10_000;
/** Known fields are kept; any other top-level field is skipped without being kept. */
const KEPT_FIELDS = new Set(['format', 'version', 'exportedAt']);
const LIST = 'conversations';

type State =
  | 'start'
  | 'keyOrEnd'
  | 'key'
  | 'colon'
  | 'value'
  | 'afterValue'
  | 'itemOrEnd'
  | 'item'
  | 'afterItem'
  | 'done';

const notJson = (what: string) =>
  new ImportError(`File: not JSON (${what})`, 'import_error_not_json');

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;
}

export class ExportScanner {
  private state: State = 'start';
  private key = '';
  private keyEscape = false;
  private seenList = false;
  private items = 0;
  // The value (an item, or a top-level field) being read.
  private capturing = false;
  private keep = false;
  private pieces: string[] = [];
  private length = 0;
  private nest = 0;
  private inString = false;
  private escape = false;
  /** A bare value (number, true…) ends at a delimiter rather than at a bracket or quote. */
  private bare = false;
  private base = 1;

  constructor(
    private readonly limits: ScanLimits,
    private readonly sink: ScanSink,
  ) {}

  /** How many conversations have been handed over. */
  get count(): number {
    return this.items;
  }

  feed(text: string): void {
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (this.capturing) {
        i = this.scanValue(text, i);
        continue;
      }
      const c = text.charCodeAt(i);
      switch (this.state) {
        case 'start':
          if (isSpace(c)) break;
          if (c !== 0x7b)
            throw new ImportError('File: not a ChatGptt export', 'import_error_not_export');
          this.state = 'keyOrEnd';
          break;
        case 'keyOrEnd':
          if (isSpace(c)) break;
          if (c === 0x22) {
            this.key = '';
            this.state = 'key';
          } else if (c === 0x7d) this.state = 'done';
          else throw notJson('a field name was expected');
          break;
        case 'key':
          if (this.keyEscape) {
            this.key += text[i];
            this.keyEscape = false;
          } else if (c === 0x5c) this.keyEscape = true;
          else if (c === 0x22) this.state = 'colon';
          else this.key += text[i];
          if (this.key.length > 1000) throw notJson('a field name is too long');
          break;
        case 'colon':
          if (isSpace(c)) break;
          if (c !== 0x3a) throw notJson('":" was expected');
          this.state = 'value';
          break;
        case 'value':
          if (isSpace(c)) break;
          if (this.key === LIST) {
            if (this.seenList) throw new ImportError('File: two "conversations" lists');
            if (c !== 0x5b) throw new ImportError('File: "conversations" must be a list');
            this.seenList = true;
            this.sink.listStart();
            this.state = 'itemOrEnd';
            break;
          }
          this.startValue(c, 1, KEPT_FIELDS.has(this.key));
          this.state = 'afterValue';
          continue;
        case 'afterValue':
          if (isSpace(c)) break;
          if (c === 0x2c) this.state = 'keyOrEnd';
          else if (c === 0x7d) this.state = 'done';
          else throw notJson('"," or "}" was expected');
          break;
        case 'itemOrEnd':
        case 'item':
          if (isSpace(c)) break;
          if (c === 0x5d && this.state === 'itemOrEnd') {
            this.state = 'afterValue';
            break;
          }
          if (c !== 0x7b)
            throw new ImportError(
              `Conversation ${this.items + 1}: a conversation must be an object`,
            );
          this.startValue(c, 2, true);
          this.state = 'afterItem';
          continue;
        case 'afterItem':
          if (isSpace(c)) break;
          if (c === 0x2c) this.state = 'item';
          else if (c === 0x5d) this.state = 'afterValue';
          else throw notJson('"," or "]" was expected');
          break;
        case 'done':
          if (!isSpace(c)) throw notJson('text after the end');
          break;
      }
      i += 1;
    }
    if (this.capturing && this.keep && this.start < n) this.hold(text.slice(this.start));
    this.start = 0;
  }

  /** The file has ended: it must have closed everything it opened. */
  end(): void {
    if (this.capturing && this.bare) this.finishValue('');
    if (this.state !== 'done' || this.capturing)
      throw new ImportError('File: it ends early (cut off?)', 'import_error_truncated');
  }

  // ---- One value -------------------------------------------------------------------------

  /** Where the value being captured starts in the current piece of text. */
  private start = 0;

  private startValue(c: number, base: number, keep: boolean): void {
    this.capturing = true;
    this.keep = keep;
    this.pieces = [];
    this.length = 0;
    this.nest = 0;
    this.inString = false;
    this.escape = false;
    this.bare = c !== 0x7b && c !== 0x5b && c !== 0x22;
    this.base = base;
    this.start = -1;
  }

  /** Scans the captured value from `i`; answers where scanning goes on. */
  private scanValue(text: string, i: number): number {
    if (this.start === -1) this.start = i;
    const n = text.length;
    const maxNest = this.limits.maxDepth - this.base;
    if (this.bare) {
      for (; i < n; i += 1) {
        const c = text.charCodeAt(i);
        if (c === 0x2c || c === 0x7d || c === 0x5d || isSpace(c)) {
          this.finishValue(text.slice(this.start, i));
          return i;
        }
      }
      return i;
    }
    for (; i < n; i += 1) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 0x5c) this.escape = true;
        else if (c === 0x22) {
          this.inString = false;
          if (this.nest === 0) {
            this.finishValue(text.slice(this.start, i + 1));
            return i + 1;
          }
        }
      } else if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) {
        this.nest += 1;
        if (this.nest > maxNest)
          throw new ImportError(
            `File: nested deeper than ${this.limits.maxDepth} levels`,
            'import_error_too_deep',
            [String(this.limits.maxDepth)],
          );
      } else if (c === 0x7d || c === 0x5d) {
        this.nest -= 1;
        if (this.nest === 0) {
          this.finishValue(text.slice(this.start, i + 1));
          return i + 1;
        }
      }
    }
    return i;
  }

  private hold(piece: string): void {
    this.length += piece.length;
    const max = this.base === 2 ? this.limits.maxItemChars : MAX_FIELD_CHARS;
    if (this.length > max) {
      if (this.base === 2)
        throw new ImportError(
          `Conversation ${this.items + 1}: larger than ${max} characters`,
          'import_error_item_too_big',
          [(this.items + 1).toLocaleString('en'), String(max)],
        );
      throw new ImportError(`File: the field "${this.key}" is too large`);
    }
    this.pieces.push(piece);
  }

  private finishValue(last: string): void {
    this.capturing = false;
    this.start = 0;
    if (!this.keep) return;
    this.hold(last);
    const json = this.pieces.length === 1 ? (this.pieces[0] ?? '') : this.pieces.join('');
    this.pieces = [];
    if (this.base === 2) {
      const index = this.items;
      this.items += 1;
      this.sink.item(json, index);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      throw notJson(`the field "${this.key}"`);
    }
    this.sink.field(this.key, value);
  }
}
