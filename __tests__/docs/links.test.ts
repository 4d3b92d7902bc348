import { existsSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { anchorsOf, withoutFencedBlocks } from "../../scripts/docs/markdown";
import { DOC_FILES, read, ROOT } from "./pages";

/**
 * Every relative link in README.md and docs/ leads somewhere: the file exists, and an `#anchor`
 * is a heading of the target page by GitHub's heading-id rules (github-slugger) or an explicit
 * `<a id>`. External links are not fetched.
 */

interface Link {
  readonly file: string;
  readonly line: number;
  readonly target: string;
}

/** Inline links `[text](target)` and images, outside code blocks and code spans. */
function linksOf(file: string): Link[] {
  const lines = withoutFencedBlocks(read(file)).split("\n");
  return lines.flatMap((text, i) =>
    [...text.replace(/`[^`]*`/g, "").matchAll(/!?\[[^\]]*\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)].map((m) => ({ file, line: i + 1, target: m[1] })),
  );
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** Why a link is broken, or undefined. */
function problemOf(link: Link): string | undefined {
  const [path, anchor] = link.target.split("#", 2);
  const target = path === "" ? link.file : normalize(join(dirname(link.file), decodeURIComponent(path)));
  if (relative(ROOT, join(ROOT, target)).startsWith("..")) return "points outside the repository";
  if (!existsSync(join(ROOT, target))) return `no file ${target}`;
  if (anchor === undefined) return undefined;
  if (!target.endsWith(".md") || statSync(join(ROOT, target)).isDirectory()) return `#${anchor} on ${target}, which is not a Markdown page`;
  return anchorsOf(read(target)).has(anchor) ? undefined : `no heading with id #${anchor} in ${target}`;
}

describe("links in README.md and docs/", () => {
  const links = DOC_FILES.flatMap(linksOf);

  it("are found (the check reads real links)", () => {
    expect(links.filter((l) => l.target.includes("#")).length).toBeGreaterThan(50);
  });

  it("resolve to files and headings", () => {
    const broken = links.filter((l) => !isExternal(l.target)).flatMap((l) => {
      const problem = problemOf(l);
      return problem ? [`${l.file}:${l.line}: (${l.target}) ${problem}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it("reach every page under docs/ from README.md", () => {
    const seen = new Set<string>(["README.md"]);
    const queue = ["README.md"];
    while (queue.length > 0) {
      const file = queue.shift()!;
      for (const l of linksOf(file)) {
        if (isExternal(l.target) || problemOf(l)) continue;
        const path = l.target.split("#")[0];
        const target = path === "" ? file : normalize(join(dirname(file), decodeURIComponent(path)));
        if (target.endsWith(".md") && !seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    expect(DOC_FILES.filter((f) => !seen.has(f))).toEqual([]);
  });
});

describe("the link check", () => {
  it("reads heading ids as GitHub writes them", () => {
    const page = "# Archive and fleet scale: the central log archive\n## `cuda-oom`\n## Choosing: per-log-group filters, the account policy, or OAM\n## Fleet\n## Fleet\n```\n# not a heading\n```\n";
    expect([...anchorsOf(page)]).toEqual([
      "archive-and-fleet-scale-the-central-log-archive",
      "cuda-oom",
      "choosing-per-log-group-filters-the-account-policy-or-oam",
      "fleet",
      "fleet-1",
    ]);
  });

  it("reports a missing file and a missing heading", () => {
    expect(problemOf({ file: "README.md", line: 1, target: "docs/nope.md" })).toBe("no file docs/nope.md");
    expect(problemOf({ file: "README.md", line: 1, target: "docs/checks.md#nope" })).toBe("no heading with id #nope in docs/checks.md");
    expect(problemOf({ file: "docs/kinds/generic.md", line: 1, target: "../runbooks/generic.md#errors" })).toBeUndefined();
  });
});
