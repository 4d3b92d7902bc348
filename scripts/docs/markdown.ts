import GithubSlugger from "github-slugger";

/**
 * Small Markdown helpers shared by the docs generator and the docs tests, so a generated anchor and
 * the link check agree on GitHub's heading ids.
 */

/** Inline code that survives a table cell: `|` escaped, backticks fenced by a longer run. */
export function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Plain text as Markdown: `<placeholders>` kept visible instead of read as HTML. */
export function prose(text: string): string {
  return text.replace(/</g, "&lt;");
}

/** A table cell: pipes escaped, line breaks flattened. */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function table(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ("l" | "r")[]): string {
  const rule = header.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
  return [header, rule, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

/** The text GitHub reads a heading's id from: inline code, links and emphasis reduced to their text. */
export function headingText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`+([^`]*)`+/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/(\*\*|__|\*|_)(\S(?:.*?\S)?)\1/g, "$2")
    .trim();
}

/** Every anchor a page offers: heading ids as GitHub makes them (duplicates get -1, -2, ...) and explicit `<a id>` / `<a name>`. */
export function anchorsOf(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  for (const line of withoutFencedBlocks(markdown).split("\n")) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) anchors.add(slugger.slug(headingText(heading[1])));
    for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  }
  return anchors;
}

/** The heading id GitHub gives `heading` when it is the first of its text on the page. */
export function slugOf(heading: string): string {
  return new GithubSlugger().slug(headingText(heading));
}

/** The page with fenced code blocks blanked out (line count kept), so their contents are not read as Markdown. */
export function withoutFencedBlocks(markdown: string): string {
  return fencedBlocks(markdown).reduce((text, b) => text.replace(b.raw, b.raw.replace(/[^\n]/g, "")), markdown);
}

export interface FencedBlock {
  /** The info string after the opening fence, e.g. `yaml example`. */
  readonly info: string;
  readonly body: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly raw: string;
}

/** Fenced code blocks (``` or ~~~, three or more), with their info strings. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (!open) continue;
    const fence = open[2];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(lines[j])) j++;
    const indent = open[1].length;
    blocks.push({
      info: open[3].trim(),
      body: lines.slice(i + 1, j).map((l) => l.slice(Math.min(indent, /^ */.exec(l)![0].length))).join("\n"),
      line: i + 1,
      raw: lines.slice(i, Math.min(j + 1, lines.length)).join("\n"),
    });
    i = j;
  }
  return blocks;
}
