/**
 * JSON as Go's encoding/json writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u00XX`
 * (json.Marshal's default HTML escaping, which Mailpit keeps). Those characters can only occur
 * inside strings, so escaping them in the finished text is exact.
 */
const GO_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** @example encodeGoJson({ Subject: 'a & b' }) // '{"Subject":"a \\u0026 b"}' */
export function encodeGoJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c]!);
}
