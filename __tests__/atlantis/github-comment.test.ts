import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fitComment, MARKER, upsertReviewComment } from "../../src/atlantis/github-comment";

/** One review comment per pull request: created once, then edited in place; always small enough to post. */

describe("upsertReviewComment, against a stand-in gh that records its calls", () => {
  const dir = join(tmpdir(), `ai-logs-gh-${process.pid}`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const log = join(dir, "calls");
  const existing = join(dir, "existing-ids");
  const body = join(dir, "request.json");
  beforeAll(() => mkdirSync(dir));
  beforeAll(() => writeFileSync(
    join(dir, "gh"),
    [
      "#!/bin/sh",
      `echo "$*" >> ${log}`,
      'for a; do last="$a"; done',
      'case "$*" in',
      '  --version) echo "gh version 2.63.0" ;;',
      `  *--paginate*) cat ${existing} 2>/dev/null || true ;;`,
      `  *"--method POST"*) cp "$last" ${body}.sent; echo '{"id": 7}' ;;`,
      `  *"--method PATCH"*) cp "$last" ${body}.sent; echo '{"id": 7}' ;;`,
      "esac",
      "",
    ].join("\n"),
  ));
  beforeAll(() => chmodSync(join(dir, "gh"), 0o755));
  const env = { ...process.env, PATH: `${dir}:${process.env.PATH}`, GH_TOKEN: "test-token" };
  const pr = { owner: "acme", repo: "ai-logs-cloudwatch", number: "42" };
  const calls = () => readFileSync(log, "utf8").trim().split("\n");
  beforeEach(() => rmSync(log, { force: true }));

  test("creates the comment when the pull request has none of ours", () => {
    expect(upsertReviewComment(pr, `${MARKER}\n## review`, body, env)).toEqual({ posted: "created", id: "7" });
    expect(calls().slice(1)).toEqual([
      `api --paginate repos/acme/ai-logs-cloudwatch/issues/42/comments --jq .[] | select(.body | startswith("${MARKER}")) | .id`,
      `api --method POST repos/acme/ai-logs-cloudwatch/issues/42/comments --input ${body}`,
    ]);
    expect(JSON.parse(readFileSync(`${body}.sent`, "utf8"))).toEqual({ body: `${MARKER}\n## review` });
  });

  test("edits the latest of ours in place on the next plan", () => {
    writeFileSync(existing, "5\n7\n");
    expect(upsertReviewComment(pr, `${MARKER}\n## review 2`, body, env)).toEqual({ posted: "updated", id: "7" });
    expect(calls().at(-1)).toBe(`api --method PATCH repos/acme/ai-logs-cloudwatch/issues/comments/7 --input ${body}`);
    expect(JSON.parse(readFileSync(`${body}.sent`, "utf8")).body).toBe(`${MARKER}\n## review 2`);
  });

  test("says why it does not post without a token, and calls nothing", () => {
    expect(upsertReviewComment(pr, "x", body, { PATH: env.PATH })).toEqual({ posted: false, why: "neither GH_TOKEN nor GITHUB_TOKEN is set" });
    expect(existsSync(log)).toBe(false);
  });

  test("says why it does not post without gh on PATH", () => {
    expect(upsertReviewComment(pr, "x", body, { PATH: "/nonexistent", GITHUB_TOKEN: "t" })).toEqual({ posted: false, why: "the GitHub CLI (gh) is not on PATH" });
  });
});

describe("fitComment", () => {
  const report = ["## review", "", "### Risks", "", "x".repeat(50), "", "### Affected flow", "", "y".repeat(200), "", "### Details", "", "z".repeat(400), ""].join("\n");
  const note = "\n\n_The report is longer than a comment allows; the rest is in review.md._\n";

  test("leaves a report that fits alone", () => {
    expect(fitComment(report, "review.md", report.length)).toBe(report);
  });

  test("drops the details first, then the flow diagrams, and says where the whole report is", () => {
    const withoutDetails = report.slice(0, report.indexOf("\n### Details")).trimEnd() + note;
    expect(fitComment(report, "review.md", withoutDetails.length)).toBe(withoutDetails);
    const withoutFlow = report.slice(0, report.indexOf("\n### Affected flow")).trimEnd() + note;
    expect(fitComment(report, "review.md", withoutDetails.length - 1)).toBe(withoutFlow);
  });

  test("cuts at a line end when even the risks are too long", () => {
    const fitted = fitComment(report, "review.md", 100);
    expect(fitted.length).toBeLessThanOrEqual(100);
    expect(fitted.endsWith(note)).toBe(true);
  });
});
