/**
 * Mailpit's tag rule: letters, digits, `-`, `.`, `_` and spaces; anything else is silently
 * stripped (and a tag left empty is dropped).
 */
export function cleanTag(tag: string): string {
  return tag.replace(/[^a-zA-Z0-9\-._ ]/g, '').replace(/\s+/g, ' ').trim();
}

export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const tag of tags.map(cleanTag)) {
    if (tag !== '' && !seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
  }
  return [...seen.values()];
}
