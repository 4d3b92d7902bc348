import { FilterPattern } from "../patterns";
import { logSilenceAlarm } from "./log-silence";
import type { WorkloadKindCatalogue } from "./types";

/**
 * Plain error-count monitoring for any text log: lines whose log level is error or worse, in the
 * level spellings real loggers print (__tests__/signals/real-lines/generic.yaml, docs/kinds/generic.md):
 * - the upper-case words ERROR, CRITICAL, FATAL anywhere (Python logging, uvicorn, loguru, vLLM, Ray,
 *   log4j, Go slog `level=ERROR`, Rust tracing even when glued to ANSI colour codes, JSON "ERROR");
 * - lower-case level keys: `level=error`, `"level":"error"`, `"level": "fatal"`, ... (logrus, zap,
 *   zerolog, apex/log) and pino/bunyan's numeric `"level":50` / `60`;
 * - glog/absl severity letters (`E0720 03:42:54.944486 ...`, Triton, torch.distributed.elastic 2.2+)
 *   and PyTorch's c10 `[E file:line]` / `[E1206 hh:mm:ss.nnn file:line]` prefixes;
 * - nginx/Apache `[error]`, `[crit]`, `[alert]`, `[emerg]`.
 * Mixed-case "Error" (exception names, traceback lines, messages) and lower-case "error" outside a
 * level key are not counted: they are in INFO/WARN lines too. One regex, so a line counts once.
 * The alarm watches the undimensioned metric (a regex carries no dimensions); a quiet log is fine.
 */
export const genericCatalogue: WorkloadKindCatalogue = {
  kind: "generic",
  title: "Any application log",
  logFormatSource: "free text: the level word or key of Python logging, uvicorn, loguru, log4j, Go slog/zap/zerolog/logrus, pino, Rust tracing, glog and nginx",
  signals: [
    {
      id: "errors",
      title: "Error lines",
      pattern: FilterPattern.regex(
        "ERROR|CRITICAL|FATAL|level\\W{1,4}error|level\\W{1,4}critical|level\\W{1,4}fatal|level\\W{1,4}panic|\\x22level\\x22: ?[56]0[^0-9]" +
          "|[EF][0-9]{3,4} [0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]+ |\\[[EF] [^\\]]+:[0-9]+\\]|\\[error\\]|\\[crit\\]|\\[alert\\]|\\[emerg\\]",
      ),
      metric: { name: "ErrorOccurrences", unit: "Count", value: "1" },
      alarm: {
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        threshold: 100,
        period: 300,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: "notBreaching",
        severity: "critical",
      },
      runbook: "Open the log group in Logs Insights, filter on ERROR, and group by message to find the dominant failure.",
      samples: {
        matching: [
          { line: "ERROR:    Exception in ASGI application", value: 1 },
          { line: 'time=2025-03-16T23:30:36.769+01:00 level=ERROR source=server.go:449 msg="llama runner terminated" error="exit status 2"', value: 1 },
          { line: '{"level":"error","time":1680340867,"message":"this is an error message"}', value: 1 },
          { line: 'level=error msg="The ice breaks!" number=100 omg=true', value: 1 },
          { line: "E0720 03:42:54.944486 1 model_repository_manager.cc:810] failed to load 'hrnet_libtorch' version 1: Internal: load failed for libtorch model -> 'hrnet_libtorch':", value: 1 },
          { line: "[E ProcessGroupNCCL.cpp:737] [Rank 1] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=469508, OpType=ALLREDUCE, Timeout(ms)=1800000) ran for 1802212 milliseconds before timing out.", value: 1 },
        ],
        nonMatching: [
          'INFO:     127.0.0.1:57560 - "GET /contact HTTP/1.1" 500 Internal Server Error',
          "Traceback (most recent call last):",
          '{"level":"info","ts":1680291423.5023077,"caller":"zap_demo/zap_demo.go:19","msg":"this is an info message"}',
          "2024-03-22T11:42:11,124 [WARN ] W-9000-resnet_1.0 org.pytorch.serve.wlm.BatchAggregator - Load model failed: resnet, error: Worker died.",
          "2026-11-24 06:31:08,100 error: lower-case words do not match, the pattern is case-sensitive",
        ],
      },
    },
  ],
  serviceAlarms: [
    logSilenceAlarm({
      title: "Workload stopped logging",
      minutes: 60,
      runbook: "No log event for an hour: the process died, hangs, or its log shipping broke (agent, Fluent Bit, IAM). For jobs that are quiet between runs, set signals.heartbeat.enabled: false or a longer period.",
    }),
  ],
  queries: [
    {
      id: "top-errors",
      title: "Most frequent error lines",
      query: "filter @message like /ERROR|CRITICAL|FATAL|level\\W{1,4}(error|critical|fatal|panic)/ | stats count(*) as occurrences by @logStream | sort occurrences desc | limit 20",
    },
  ],
  queryFields: [],
};
