/**
 * Hand-written pages with a generated part: the part sits between two markers and `npm run docs`
 * replaces only what is between them, so prose around it stays hand-written.
 */

const begin = (name: string) => `<!-- BEGIN GENERATED ${name}: written by \`npm run docs\`, do not edit -->`;
const end = (name: string) => `<!-- END GENERATED ${name} -->`;

/** `page` with the region `name` replaced by `content`; throws when the page has no such region. */
export function spliceGenerated(page: string, name: string, content: string, file: string): string {
  const start = page.indexOf(begin(name));
  const stop = page.indexOf(end(name));
  if (start < 0 || stop < start) throw new Error(`${file}: no generated region '${name}' (expected the lines\n${begin(name)}\n${end(name)})`);
  return `${page.slice(0, start)}${begin(name)}\n\n${content.trim()}\n\n${page.slice(stop)}`;
}
