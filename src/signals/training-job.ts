import { FilterPattern } from "../patterns";
import { anyOccurrence, cudaOutOfMemory, outsideBand } from "./common";
import type { WorkloadKindCatalogue } from "./types";

/**
 * A distributed PyTorch training job (torchrun / DeepSpeed / Megatron-LM on SageMaker, EKS or
 * Slurm) whose stdout reaches the log group. Formats and their sources:
 * - NCCL watchdog: `[rank0]:[E1218 20:27:21.426415540 ProcessGroupNCCL.cpp:629] [Rank 0] Watchdog caught
 *   collective operation timeout: WorkNCCL(...)` (torch/csrc/distributed/c10d/ProcessGroupNCCL.cpp);
 * - CUDA OOM: `torch.OutOfMemoryError: CUDA out of memory. Tried to allocate ...`;
 * - loss: Hugging Face Trainer's log dict (`{'loss': nan, 'grad_norm': nan, ...}`,
 *   transformers/trainer.py `self.log`) and Megatron-LM's `number of nan iterations: N` counter;
 * - step time: Megatron-LM's training_log line
 *   `[<date> <time>] iteration <i>/<n> | consumed samples: <s> | elapsed time per iteration (ms): <t> | ...`
 *   (megatron/training/training.py);
 * - checkpoint saves: torch.save's `PytorchStreamWriter failed writing file ...` and frameworks'
 *   `Failed to save checkpoint` messages.
 */

const MEGATRON = (iteration: number, ms: number, nanIterations = 0) =>
  ` [2026-11-24 06:31:07] iteration ${String(iteration).padStart(8)}/  500000 | consumed samples:     ${iteration * 512} | elapsed time per iteration (ms): ${ms} | learning rate: 1.500000E-04 | global batch size:   512 | lm loss: 2.165606E+00 | loss scale: 1.0 | grad norm: 1.234 | number of skipped iterations:   0 | number of nan iterations:   ${nanIterations} |`;

export const trainingJobCatalogue: WorkloadKindCatalogue = {
  kind: "training-job",
  title: "Distributed PyTorch training job",
  logFormatSource: "PyTorch c10d ProcessGroupNCCL watchdog, torch CUDA caching allocator, Hugging Face Trainer log dicts, Megatron-LM training_log",
  signals: [
    {
      id: "loss-nan",
      title: "Loss became NaN or Inf",
      pattern: FilterPattern.regex("loss\\W{1,4}-?[Nn][Aa][Nn]|loss\\W{1,4}-?[Ii]nf|nan iterations: +[1-9]"),
      metric: { name: "LossNotFinite", unit: "Count", value: "1" },
      alarm: anyOccurrence("critical"),
      runbook: "Training diverged: stop the job, lower the learning rate or enable gradient clipping, resume from the last good checkpoint.",
      samples: {
        matching: [
          { line: "{'loss': nan, 'grad_norm': nan, 'learning_rate': 4.9e-05, 'epoch': 0.42}", value: 1 },
          { line: "[rank3]: step 1200 | loss=-inf | lr=3.0e-4", value: 1 },
          { line: MEGATRON(1300, 415.1, 2), value: 1 },
        ],
        nonMatching: [
          "{'loss': 1.8734, 'grad_norm': 0.912, 'learning_rate': 4.9e-05, 'epoch': 0.42}",
          MEGATRON(1200, 412.3),
          "[rank0]: loading checkpoint from s3://acme-ckpt/run-17/step_1200 (nan-free)",
        ],
      },
    },
    cudaOutOfMemory({
      matching: [
        { line: "[rank5]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 5 has a total capacity of 79.15 GiB of which 1.23 GiB is free. Process 4121 has 77.91 GiB memory in use.", value: 1 },
      ],
      nonMatching: ["[rank5]: memory allocated 61.2 GiB, reserved 70.0 GiB, max allocated 74.9 GiB"],
    }),
    {
      id: "nccl-timeout",
      title: "NCCL collective timed out",
      pattern: FilterPattern.anyTerm("Watchdog caught collective operation timeout", "NCCL timeout"),
      metric: { name: "CollectiveTimeouts", unit: "Count", value: "1" },
      alarm: anyOccurrence("critical"),
      runbook: "A rank stalled: find the rank that did not enter the collective (last log lines per stream), then check its node's EFA/network and GPU health.",
      samples: {
        matching: [
          { line: "[rank0]:[E1124 06:31:07.426415540 ProcessGroupNCCL.cpp:629] [Rank 0] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=64214, OpType=ALLGATHER, NumelIn=1, NumelOut=32, Timeout(ms)=600000) ran for 600081 milliseconds before timing out.", value: 1 },
          { line: "torch.distributed.DistBackendError: NCCL timeout in: ProcessGroupNCCL.cpp:1902", value: 1 },
        ],
        nonMatching: ["NCCL INFO Channel 00/32 :    0   1   2   3   4   5   6   7", "[rank0]: NCCL version 2.21.5+cuda12.4"],
      },
    },
    {
      id: "checkpoint-failed",
      title: "Checkpoint save failed",
      pattern: FilterPattern.regex("[Ff]ailed to save.{0,40}checkpoint|[Cc]heckpoint.{0,60}[Ff]ailed|PytorchStreamWriter failed"),
      metric: { name: "CheckpointFailures", unit: "Count", value: "1" },
      alarm: anyOccurrence("critical"),
      runbook: "The job cannot persist progress: check free disk / FSx space and S3 permissions before the next save interval.",
      samples: {
        matching: [
          { line: "2026-11-24 06:31:07,412 - ERROR - trainer - Failed to save checkpoint to /fsx/ckpt/run-17/step_1200: [Errno 28] No space left on device", value: 1 },
          { line: "[rank0]: RuntimeError: [enforce fail at inline_container.cc:764] . PytorchStreamWriter failed writing file data/12: file write failed", value: 1 },
          { line: "[rank0]: Checkpoint upload to s3://acme-ckpt/run-17/step_1200 failed after 3 retries", value: 1 },
        ],
        nonMatching: [
          "2026-11-24 06:31:07,412 - INFO - trainer - Saving model checkpoint to /fsx/ckpt/run-17/checkpoint-1200",
          "[rank0]: successfully saved checkpoint at iteration    1200 to /fsx/ckpt/run-17",
        ],
      },
    },
    {
      id: "step-time",
      title: "Step time (Megatron-LM, ms per iteration)",
      pattern: FilterPattern.spaceDelimited(
        "ts", "w_iteration", "iteration", "total", "bar1", "w_consumed", "w_samples", "samples", "bar2",
        "w_elapsed", "w_time", "w_per", "w_iteration2", "w_ms", "step_ms", "rest",
      )
        .whereString("w_iteration", "=", "iteration")
        .whereString("w_elapsed", "=", "elapsed")
        .whereString("w_ms", "=", "(ms):"),
      metric: { name: "StepTime", unit: "Milliseconds", value: "$step_ms" },
      alarm: outsideBand("Average", "GreaterThanUpperThreshold", "warning"),
      runbook: "Steps got slower: a straggler node, data-loader stalls or thermal throttling; compare step time across ranks.",
      samples: {
        matching: [
          { line: MEGATRON(1200, 412.3), value: 412.3 },
          { line: MEGATRON(1300, 978.6), value: 978.6 },
        ],
        nonMatching: ["{'loss': 1.8734, 'grad_norm': 0.912, 'learning_rate': 4.9e-05, 'epoch': 0.42}", "[rank0]: iteration 1200 done"],
      },
    },
  ],
  serviceAlarms: [
    {
      id: "heartbeat",
      title: "Job stopped logging",
      namespace: "AWS/Logs",
      metricName: "IncomingLogEvents",
      dimensions: { LogGroupName: "logGroupName" },
      // No events for 15 minutes while the job should run; no datapoints at all is the same thing.
      alarm: {
        statistic: "Sum",
        comparison: "LessThanThreshold",
        threshold: 1,
        period: 300,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: "breaching",
        severity: "warning",
      },
      runbook: "No log events for 15 minutes: the job hung (check GPU utilization) or ended; disable this alarm between runs.",
    },
  ],
  queries: [
    {
      id: "top-errors",
      title: "Error lines by rank stream",
      query: "filter @message like /Error|Exception|Traceback|NCCL|out of memory/ | stats count(*) as occurrences by @logStream | sort occurrences desc | limit 20",
    },
    {
      id: "step-time-percentiles",
      title: "Step time percentiles by stream (ms)",
      query: "filter @message like /elapsed time per iteration/ | parse @message \"elapsed time per iteration (ms): * |\" as step_ms | stats pct(step_ms, 50) as p50, pct(step_ms, 90) as p90, max(step_ms) as slowest by @logStream",
    },
    {
      id: "slowest-requests",
      title: "Slowest iterations",
      query: "filter @message like /elapsed time per iteration/ | parse @message \"iteration */* | consumed samples: * | elapsed time per iteration (ms): * |\" as iteration, total, samples, step_ms | sort step_ms desc | limit 20 | display @timestamp, @logStream, iteration, step_ms",
    },
  ],
  queryFields: [],
};
