/**
 * Decodes a request body the way Go's `json.NewDecoder(r.Body).Decode(&struct)` does in Mailpit:
 * object keys match field names case-insensitively (cypress-mailpit sends `FileName` for
 * `Filename`), `null` leaves the zero value, unknown keys are ignored, and an empty body is the
 * error `EOF`. Mismatched types are a 400 with a message naming the field.
 */
import { raw } from 'express';
import { HttpError } from './errors.ts';

type FieldType = 'bool' | 'string' | 'string[]';
type FieldValue<T extends FieldType> = T extends 'bool' ? boolean : T extends 'string' ? string : string[];
export type Decoded<S extends Record<string, FieldType>> = { [K in keyof S]: FieldValue<S[K]> | undefined };

const GO_TYPES: Record<FieldType, string> = { bool: 'bool', string: 'string', 'string[]': '[]string' };

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

function convert(field: string, type: FieldType, value: unknown): FieldValue<FieldType> {
  const mismatch = () => new HttpError(400, `json: cannot unmarshal ${jsonKind(value)} into Go struct field .${field} of type ${GO_TYPES[type]}`);
  if (type === 'bool') {
    if (typeof value !== 'boolean') throw mismatch();
    return value;
  }
  if (type === 'string') {
    if (typeof value !== 'string') throw mismatch();
    return value;
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' || v === null)) throw mismatch();
  return value.map((v) => (v === null ? '' : v));
}

/** Collects a body of any Content-Type (Go's decoder ignores it), up to 10 MB (413 beyond). */
export const jsonBody = raw({ type: () => true, limit: '10mb' });

/** Returns the text of a body that jsonBody collected (empty when there was none). */
export function bodyText(body: unknown): string {
  return Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
}

/**
 * @example decodeGoJson('{"ids":["a"],"read":true}', { IDs: 'string[]', Read: 'bool' }) // { IDs: ['a'], Read: true }
 */
export function decodeGoJson<S extends Record<string, FieldType>>(text: string, schema: S): Decoded<S> {
  if (text.trim() === '') throw new HttpError(400, 'EOF');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `invalid JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = {} as Decoded<S>;
  if (parsed === null) return result;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new HttpError(400, `json: cannot unmarshal ${jsonKind(parsed)} into Go value of type struct`);
  }
  const fields = Object.keys(schema) as (keyof S & string)[];
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    // Go prefers an exact match and falls back to a case-insensitive one.
    const field = fields.find((f) => f === key) ?? fields.find((f) => f.toLowerCase() === key.toLowerCase());
    if (field === undefined || value === null) continue;
    result[field] = convert(field, schema[field]!, value) as Decoded<S>[typeof field];
  }
  return result;
}
