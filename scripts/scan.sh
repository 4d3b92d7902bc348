#!/usr/bin/env bash
# `npm run scan`: the security gate. Synthesizes the example config (or $AI_LOGS_CONFIG) into a
# temporary directory and runs checkov's Terraform JSON framework over every stack. Fails on any failed
# check, any file checkov could not parse, and any stack checkov reported nothing for (a gate that
# silently scans nothing is worse than none). Skips: scripts/checkov-skips, one reason per check.
#
#   scripts/scan.sh                 synthesize and scan
#   scripts/scan.sh --outdir DIR    scan an existing cdktf.out instead
#
# checkov comes from .venv-scan (created by .ci/run from requirements-scan.txt) or $CHECKOV.
# SCAN_KEEP=1 keeps the temporary directory (synth output, scanned copy, checkov.json) for a look.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

outdir=""
case "${1:-}" in
  "") ;;
  --outdir) outdir="${2:?--outdir needs a directory}"; [ $# -eq 2 ] || { echo "usage: scripts/scan.sh [--outdir DIR]" >&2; exit 2; } ;;
  *) echo "usage: scripts/scan.sh [--outdir DIR]" >&2; exit 2 ;;
esac

checkov="${CHECKOV:-$root/.venv-scan/bin/checkov}"
if ! [ -x "$checkov" ] && ! command -v "$checkov" >/dev/null 2>&1; then
  echo "scan: checkov not found at $checkov. Install it with:" >&2
  echo "  python3 -m venv .venv-scan && .venv-scan/bin/pip install -r requirements-scan.txt" >&2
  echo "or point CHECKOV at a checkov executable." >&2
  exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/ai-logs-scan.XXXXXX")"
trap '[ -n "${SCAN_KEEP:-}" ] && echo "scan: kept $work" >&2 || rm -rf "$work"' EXIT

if [ -z "$outdir" ]; then
  outdir="$work/cdktf.out"
  config="${AI_LOGS_CONFIG:-config/example.yaml}"
  echo "== synthesize $config"
  AI_LOGS_CONFIG="$config" CDKTF_OUTDIR="$outdir" node "$root/node_modules/tsx/dist/cli.mjs" "$root/main.ts"
fi
[ -d "$outdir/stacks" ] || { echo "scan: $outdir/stacks does not exist; nothing to scan" >&2; exit 2; }

# checkov 3.3's terraform_json parser crashes on scalar attributes of the `terraform` block
# (required_version; bridgecrewio/checkov#7454), so it scans a copy without them. Resources, data
# sources and providers are copied unchanged.
node -e '
  const fs = require("fs"), path = require("path");
  const [from, to] = process.argv.slice(1);
  for (const stack of fs.readdirSync(from).sort()) {
    const json = JSON.parse(fs.readFileSync(path.join(from, stack, "cdk.tf.json"), "utf8"));
    for (const [key, value] of Object.entries(json.terraform ?? {})) {
      if (value === null || typeof value !== "object") delete json.terraform[key];
    }
    fs.mkdirSync(path.join(to, stack), { recursive: true });
    fs.writeFileSync(path.join(to, stack, "cdk.tf.json"), JSON.stringify(json, null, 2));
  }
' "$outdir/stacks" "$work/scan"

skips="$(awk '!/^#/ && NF { print $1 }' scripts/checkov-skips | paste -sd, -)"
echo "== checkov $("$checkov" --version) over $(ls "$work/scan" | wc -l) stacks (skipping ${skips:-nothing}: see scripts/checkov-skips)"
set +e
"$checkov" --directory "$work/scan" --framework terraform_json --skip-download \
  ${skips:+--skip-check "$skips"} --output json > "$work/checkov.json"
status=$?
set -e

# checkov's exit code covers failed checks only; parsing errors and unscanned stacks are checked here.
node -e '
  const fs = require("fs"), path = require("path");
  const [reportFile, scanDir, status] = process.argv.slice(1);
  if (!fs.existsSync(reportFile) || fs.statSync(reportFile).size === 0) {
    console.error(`scan FAILED: checkov exited with ${status} and wrote no report`);
    process.exit(1);
  }
  let report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
  if (Array.isArray(report)) report = report.find((r) => r.check_type === "terraform_json") ?? { results: {}, summary: {} };
  const summary = report.summary ?? {};
  const results = report.results ?? {};
  const checks = [...(results.passed_checks ?? []), ...(results.failed_checks ?? [])];
  const scanned = new Set(checks.map((c) => path.relative(scanDir, c.file_abs_path).split(path.sep)[0]));
  const unscanned = fs.readdirSync(scanDir).filter((s) => !scanned.has(s));
  for (const c of results.failed_checks ?? []) {
    console.error(`FAILED ${c.check_id} ${c.check_name}\n  ${c.resource} in ${path.relative(scanDir, c.file_abs_path)}:${c.file_line_range.join("-")}`);
  }
  const problems = [];
  if ((summary.failed ?? 0) > 0) problems.push(`${summary.failed} failed checks`);
  if ((summary.parsing_errors ?? 0) > 0) problems.push(`${summary.parsing_errors} files checkov could not parse: ${(results.parsing_errors ?? []).join(", ")}`);
  if (unscanned.length > 0) problems.push(`no check ran on stacks: ${unscanned.join(", ")}`);
  if (Number(status) !== 0 && problems.length === 0) problems.push(`checkov exited with ${status}`);
  console.log(`scan: checkov ${summary.checkov_version}: ${summary.passed ?? 0} passed, ${summary.failed ?? 0} failed, over ${scanned.size} stacks`);
  if (problems.length > 0) {
    console.error(`scan FAILED: ${problems.join("; ")}`);
    process.exit(1);
  }
' "$work/checkov.json" "$work/scan" "$status"
