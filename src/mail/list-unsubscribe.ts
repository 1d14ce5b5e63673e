/** Mailpit's `ListUnsubscribe` object for the message view. */
export interface ListUnsubscribe {
  Header: string;
  Links: string[];
  Errors: string;
  HeaderPost: string;
}

/**
 * Mailpit's ListUnsubscribeParser (RFC 2369 / RFC 8058): the `<...>` links of a
 * List-Unsubscribe header, and its complaints about the header's form, as one text.
 * @example parseListUnsubscribe('<mailto:u@x.com>, <https://x.com/u>').links // ['mailto:u@x.com', 'https://x.com/u']
 */
export function parseListUnsubscribe(header: string): { links: string[]; error: string } {
  const links: string[] = [];
  let v = header.trim();
  v = v.replace(/\([\s\S]*?\)/g, '').trim();
  if (!/<(.*?)>/.test(v)) return { links, error: `"${v}" no valid unsubscribe links found` };
  if (!/^<[\s\S]*>$/.test(v)) return { links, error: `"${v}" should be enclosed in <>` };
  const matches = [...v.matchAll(/<(.*?)>/g)].map((m) => m[1]);
  const errors: string[] = [];
  if (matches.length > 2) {
    errors.push(`"${v}" should include a maximum of one email and one HTTP link`);
  } else {
    for (const join of v.matchAll(/>([\s\S]*?)</g)) {
      if (!/^\s*,\s*$/.test(join[1])) return { links, error: `"${v}" <> should be split with a comma and optional spaces` };
    }
    let hasMailTo = false;
    let hasHttp = false;
    for (const link of matches) {
      if (/\s/.test(link)) {
        errors.push(`"${link}" should not contain spaces`);
        continue;
      }
      if (/^mailto:[a-zA-Z0-9]/.test(link)) {
        if (hasMailTo) {
          errors.push(`"${link}" should only contain one mailto:`);
          continue;
        }
        hasMailTo = true;
      } else if (/^https?:\/\/[a-zA-Z0-9]/i.test(link)) {
        if (hasHttp) {
          errors.push(`"${link}" should only contain one HTTP link`);
          continue;
        }
        hasHttp = true;
      } else {
        errors.push(`"${link}" should start with either http(s):// or mailto:`);
        continue;
      }
      if (!URL.canParse(link)) {
        errors.push(`parse "${link}": invalid URI for request`);
        continue;
      }
      links.push(link);
    }
  }
  return { links, error: errors.join(', ') };
}

/** The whole `ListUnsubscribe` object from the two headers ('' when absent). */
export function listUnsubscribe(header: string, post: string): ListUnsubscribe {
  if (header === '') return { Header: '', Links: [], Errors: '', HeaderPost: '' };
  const { links, error } = parseListUnsubscribe(header);
  return { Header: header, Links: links, Errors: error, HeaderPost: post };
}
