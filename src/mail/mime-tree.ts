import libmime from 'libmime';
import { decodeEncodedWords } from './headers.ts';
import { findHeaderEnd, firstHeader, parseHeaderFields, type HeaderField } from './header-block.ts';
import { normalizeTransferEncoding } from './transfer-encoding.ts';

/**
 * The MIME structure of a message as byte ranges into the raw source, read without decoding any
 * body. PartIDs follow enmime's MIME path (root `0`, its children `1`, `2`, nested `1.2`), which
 * is what Mailpit's `/part/{PartID}` uses. Like enmime, an attached `message/rfc822` is one leaf.
 */
export interface MimeNode {
  partId: string;
  fields: HeaderField[];
  /** Lowercased media type; `text/plain` when the part declares none (RFC 2045 section 5.2). */
  contentType: string;
  /** Lowercased Content-Disposition value, '' when absent. */
  disposition: string;
  fileName: string;
  /** Content-ID without angle brackets. */
  contentId: string;
  charset: string;
  transferEncoding: string;
  bodyStart: number;
  bodyEnd: number;
  children: MimeNode[];
  multipart: boolean;
}

export interface MimeTree {
  root: MimeNode;
  /** Short descriptions of structural problems, in the order met. */
  errors: string[];
}

// Real mail nests a handful of levels (the corpus tops out at 7); a cap keeps hostile input linear.
const MAX_DEPTH = 32;
const MAX_PARTS = 2000;

interface ParsedValue {
  value: string;
  params: Record<string, string>;
}

/** `type/sub; key=value; key="quoted; value"` without RFC 2231 continuations, read directly. */
function parseSimpleParams(value: string): ParsedValue {
  const semi = value.indexOf(';');
  const params: Record<string, string> = {};
  let i = semi + 1;
  const n = value.length;
  while (i < n) {
    const eq = value.indexOf('=', i);
    if (eq === -1) break;
    // `type;; key=value` (a doubled separator) is common enough to read through.
    const key = value.slice(i, eq).replace(/^[\s;]+/, '').trim().toLowerCase();
    let j = eq + 1;
    while (j < n && (value[j] === ' ' || value[j] === '\t')) j++;
    let val = '';
    if (value[j] === '"') {
      j++;
      while (j < n && value[j] !== '"') {
        if (value[j] === '\\' && j + 1 < n) j++;
        val += value[j];
        j++;
      }
      const next = value.indexOf(';', j);
      i = next === -1 ? n : next + 1;
    } else {
      const next = value.indexOf(';', j);
      val = value.slice(j, next === -1 ? n : next).trim();
      i = next === -1 ? n : next + 1;
    }
    if (key.length > 0 && !(key in params)) params[key] = val;
  }
  return { value: value.slice(0, semi).trim().toLowerCase(), params };
}

function parseStructured(value: string): ParsedValue {
  if (value.length === 0) return { value: '', params: {} };
  if (!value.includes(';')) return { value: value.trim().toLowerCase(), params: {} };
  // libmime for RFC 2231 (`name*0*=`, `filename*=utf-8''...`), the direct reader for the rest.
  if (!value.includes('*')) return parseSimpleParams(value);
  try {
    const parsed = libmime.parseHeaderValue(value);
    const params: Record<string, string> = {};
    for (const [key, val] of Object.entries(parsed.params ?? {})) params[key.toLowerCase()] = String(val);
    return { value: String(parsed.value ?? '').trim().toLowerCase(), params };
  } catch {
    return { value: value.split(';')[0].trim().toLowerCase(), params: {} };
  }
}

/** enmime's FromIDHeader: angle brackets off, then URL query unescaping (`%3f` -> `?`, `+` -> space). */
function contentIdOf(value: string): string {
  const v = value.trim().replace(/^<+/, '').replace(/>+$/, '');
  if (!v.includes('%') && !v.includes('+')) return v;
  try {
    return decodeURIComponent(v.replace(/\+/g, ' '));
  } catch {
    return v;
  }
}

interface WalkState {
  raw: Buffer;
  errors: string[];
  parts: number;
}

function readNode(state: WalkState, partId: string, start: number, end: number, defaultType: string, depth: number): MimeNode {
  const { raw } = state;
  const bounds = findHeaderEnd(raw, start, end);
  const { fields, malformed } = parseHeaderFields(raw, start, bounds.headerEnd);
  if (malformed > 0 && depth === 0) state.errors.push('malformed header line');
  const type = parseStructured(firstHeader(fields, 'content-type'));
  const disposition = parseStructured(firstHeader(fields, 'content-disposition'));
  let contentType = type.value.length > 0 && type.value.includes('/') ? type.value : defaultType;
  const rawName = disposition.params.filename || type.params.name || type.params.file || '';
  const node: MimeNode = {
    partId,
    fields,
    contentType,
    disposition: disposition.value,
    fileName: rawName ? decodeEncodedWords(rawName).trim() : '',
    contentId: contentIdOf(firstHeader(fields, 'content-id')),
    charset: type.params.charset ?? '',
    transferEncoding: normalizeTransferEncoding(firstHeader(fields, 'content-transfer-encoding')),
    bodyStart: bounds.bodyStart,
    bodyEnd: Math.max(bounds.bodyStart, end),
    children: [],
    multipart: false,
  };
  state.parts++;
  if (!contentType.startsWith('multipart/')) return node;

  const boundary = type.params.boundary ?? '';
  if (boundary.length === 0) {
    state.errors.push(`${contentType} without a boundary`);
    node.contentType = contentType = 'text/plain';
    return node;
  }
  if (depth >= MAX_DEPTH) {
    state.errors.push('MIME nesting too deep');
    return node;
  }
  const ranges = splitMultipart(raw, node.bodyStart, node.bodyEnd, boundary);
  if (!ranges.closed && ranges.parts.length > 0) state.errors.push(`boundary "${boundary}" not closed`);
  if (ranges.parts.length === 0) {
    // No delimiter at all: show the body as text rather than lose it.
    state.errors.push(`no parts found for boundary "${boundary}"`);
    node.contentType = 'text/plain';
    return node;
  }
  node.multipart = true;
  const childDefault = contentType === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
  for (let i = 0; i < ranges.parts.length; i++) {
    if (state.parts >= MAX_PARTS) {
      state.errors.push('too many MIME parts');
      break;
    }
    const [s, e] = ranges.parts[i];
    const childId = depth === 0 ? String(i + 1) : `${partId}.${i + 1}`;
    node.children.push(readNode(state, childId, s, e, childDefault, depth + 1));
  }
  return node;
}

function isLineStart(raw: Buffer, at: number, start: number): boolean {
  return at === start || raw[at - 1] === 0x0a;
}

/** Splits a multipart body into its parts' byte ranges (RFC 2046 section 5.1.1). */
export function splitMultipart(raw: Buffer, start: number, end: number, boundary: string): { parts: Array<[number, number]>; closed: boolean } {
  const delimiter = Buffer.from('--' + boundary, 'latin1');
  const parts: Array<[number, number]> = [];
  let partStart = -1;
  let pos = start;
  while (pos < end) {
    const at = raw.indexOf(delimiter, pos);
    if (at === -1 || at + delimiter.length > end) break;
    const after = at + delimiter.length;
    pos = after;
    if (!isLineStart(raw, at, start)) continue;
    const isClose = raw[after] === 0x2d && raw[after + 1] === 0x2d;
    const next = isClose ? raw[after + 2] : raw[after];
    // `--boundary` must be followed by the line end (or padding), not by more boundary text.
    if (after < end && !isClose && next !== 0x0d && next !== 0x0a && next !== 0x20 && next !== 0x09) continue;
    if (parts.length >= MAX_PARTS) break;
    if (partStart >= 0) {
      // The line break before the delimiter belongs to the delimiter.
      let partEnd = at;
      if (partEnd > partStart && raw[partEnd - 1] === 0x0a) partEnd--;
      if (partEnd > partStart && raw[partEnd - 1] === 0x0d) partEnd--;
      parts.push([partStart, Math.max(partStart, partEnd)]);
    }
    if (isClose) return { parts, closed: true };
    const nl = raw.indexOf(0x0a, after);
    partStart = nl === -1 || nl >= end ? end : nl + 1;
    pos = partStart;
  }
  if (partStart >= 0) parts.push([partStart, end]);
  return { parts, closed: false };
}

/** Reads the MIME tree of a raw message; never throws. */
export function readMimeTree(raw: Buffer): MimeTree {
  const state: WalkState = { raw, errors: [], parts: 0 };
  const root = readNode(state, '0', 0, raw.length, 'text/plain', 0);
  return { root, errors: state.errors };
}

/** Visits every node breadth-first (enmime's BreadthMatchAll order), root included. */
export function breadthFirst(root: MimeNode): MimeNode[] {
  const out: MimeNode[] = [root];
  for (let i = 0; i < out.length; i++) for (const child of out[i].children) out.push(child);
  return out;
}

/** Visits every node depth-first, pre-order (enmime's DepthMatchAll order), root included. */
export function depthFirst(root: MimeNode): MimeNode[] {
  const out: MimeNode[] = [];
  const stack: MimeNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as MimeNode;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return out;
}
