/**
 * docs/backtesting.md's worked example runs: the documented `ai-logs backtest` command, on logs from
 * scripts/generate-incident-logs.ts and the example config's synthesized stacks, fires exactly the
 * alarms the page's table names, in the intervals it gives, and draws the picture the page shows.
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import type { CliIo } from "../../src/cli/io";
import type { BacktestReport } from "../../src/backtest";
import { synthesize } from "../../src/synth";
import { incidentEvents, writeAwsLogsJson } from "../../scripts/generate-incident-logs";

const ROOT = join(__dirname, "..", "..");
const page = readFileSync(join(ROOT, "docs", "backtesting.md"), "utf8");
const work = mkdtempSync(join(tmpdir(), "ai-logs-backtest-docs-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The arguments of the `npx ai-logs backtest` command in the worked example's code block. */
function documentedCommand(): string[] {
  const block = /<!-- backtest-worked-example -->\s*```sh\n([\s\S]*?)```/.exec(page)?.[1];
  if (!block) throw new Error("docs/backtesting.md has no worked-example code block");
  const command = block.replace(/\\\n\s*/g, " ").split("\n").find((l) => l.startsWith("npx ai-logs backtest "));
  if (!command) throw new Error("the worked example runs no `npx ai-logs backtest`");
  return command.trim().split(/\s+/).slice(2);
}

/** Rows of the "What would have fired" table: alarm -> [fires, "HH:MM-HH:MM, ..."]. */
function documentedFirings(): Map<string, [number, string]> {
  const table = page.slice(page.indexOf("What would have fired"), page.indexOf("Reading it:"));
  const rows = [...table.matchAll(/^\| (acme-ai-[a-z0-9-]+) \| (\d+) \| ([^|]+) \|$/gm)];
  return new Map(rows.map((r) => [r[1], [Number(r[2]), r[3].trim()]]));
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readFile: () => "", cwd: work };
  const code = await main(["node", "ai-logs", ...args], io);
  return { code, stdout, stderr };
}

const hhmm = (iso: string | null) => (iso === null ? "end" : iso.slice(11, 16));
const titles = (svg: string) => [...svg.matchAll(/>(acme-ai-[^<]+ \((?:\d+ × ALARM|not simulated)\))</g)].map((m) => m[1]);

describe("docs/backtesting.md worked example", () => {
  let report: BacktestReport;
  let markdown: string;

  beforeAll(async () => {
    synthesize({ configFile: join(ROOT, "config", "example.yaml"), outdir: join(work, "cdktf.out") });
    const out = createWriteStream(join(work, "incident.json"));
    await writeAwsLogsJson(incidentEvents(), out);
    out.end();
    await once(out, "finish");
    const documented = await run(documentedCommand());
    expect(documented.stderr).toBe("");
    expect(documented.code).toBe(0);
    markdown = documented.stdout;
    const json = await run([...documentedCommand(), "--format", "json"]);
    report = JSON.parse(json.stdout) as BacktestReport;
  }, 180_000);

  test("the documented command reports the alarms that fired", () => {
    expect(markdown).toMatch(/^# Alarm backtest/);
    for (const name of documentedFirings().keys()) expect(markdown).toContain(`| ${name} | monitoring-prod |`);
  });

  test("exactly the alarms of the table fire, as often and when the table says", () => {
    const fired = report.alarms.filter((a) => (a.transitionsToAlarm ?? 0) > 0);
    const actual = new Map(fired.map((a) => [a.alarmName, [a.transitionsToAlarm, a.alarmIntervals!.map((i) => `${hhmm(i.start)}-${hhmm(i.end)}`).join(", ")]]));
    expect(actual).toEqual(documentedFirings());
    expect(documentedFirings().size).toBeGreaterThan(0);
  });

  test("the latency alarms the page calls anomaly-band alarms are not simulated, and their metric shows the spike", () => {
    const latency = report.alarms.find((a) => a.alarmName === "acme-ai-prod-chat-inference-time-to-first-token")!;
    expect(latency).toMatchObject({ simulated: false, transitionsToAlarm: null });
    const at = (time: string) => latency.datapoints.find((d) => d.timestamp === `2026-11-24T${time}:00.000Z`)!.value;
    expect(at("02:00") / at("01:00")).toBeGreaterThan(10);
  });

  test("the suggestions the page quotes", () => {
    const errors = report.alarms.find((a) => a.alarmName === "acme-ai-prod-chat-inference-server-errors")!;
    expect(errors.suggestions).toEqual(expect.arrayContaining([{ fires: 0, threshold: 560, wouldFire: 0 }, { fires: 1, threshold: 557, wouldFire: 1 }]));
  });

  test("the picture in docs/images is the one the command draws", () => {
    const drawn = readFileSync(join(work, "backtest-incident.svg"), "utf8");
    const committed = readFileSync(join(ROOT, "docs", "images", "backtest-incident.svg"), "utf8");
    expect(titles(drawn).length).toBeGreaterThan(5);
    expect(titles(committed)).toEqual(titles(drawn));
    expect(page).toContain("](images/backtest-incident.svg)");
  });
});
