// `he` ships without types; it comes with mailparser (which uses it for the same job).
declare module 'he' {
  export function decode(html: string, options?: { isAttributeValue?: boolean; strict?: boolean }): string;
  const he: { decode: typeof decode };
  export default he;
}
