import { FilterPattern } from "../patterns";
import { anyOccurrence, countAbove, cudaOutOfMemory, outsideBand } from "./common";
import { logSilenceAlarm } from "./log-silence";
import type { WorkloadKindCatalogue } from "./types";

/**
 * A distributed PyTorch training job (torchrun / accelerate / DeepSpeed / Megatron-LM on SageMaker,
 * EKS, HyperPod or Slurm) whose stdout and stderr reach the log group, one line per event. The sample
 * lines come from __tests__/signals/real-lines/{pytorch,hf-trainer,megatron}.yaml, which hold them with
 * their sources and releases (pasted output, or rendered from the format string at a tag where no paste
 * exists: transformers 5.x, MDS_STEP); docs/kinds/training-job.md has the formats and what each signal counts.
 *
 * Prefixes come and go (`[rankN]:`, glog dates, srun `N: `, tqdm bars glued in front, host tags), so
 * the PyTorch-level filters are unanchored terms that read every format. Where one incident prints
 * the same words several times (an NCCL timeout on each rank: the plain line, the watchdog's
 * "terminated with exception" copy, the C++ `what():` copy), a filter keys on the first form only.
 * Source line numbers (`ProcessGroupNCCL.cpp:NNN`) change with every release and are never matched.
 *
 * Megatron's training_log line is one ` | `-separated line whose layout depends on the release; the
 * three Megatron formats are those layouts. Its step time can only be read by a space-delimited
 * pattern, which counts fields from the left, so each layout has a filter at its own position.
 */

// Megatron-LM core_v0.6+ (NVIDIA/Megatron-LM#756, code-index README of 2024-08).
const MEGATRON_STEP = " [2024-04-06 02:59:36] iteration       43/     100 | consumed samples:         5504 | elapsed time per iteration (ms): 5444.9 | throughput per GPU (TFLOP/s/GPU): 239.8 | learning rate: 8.600000E-06 | global batch size:   128 | lm loss: 1.825991E+00 | load_balancing_loss: 1.019746E+00 | loss scale: 1.0 | grad norm: 1.426 | num zeros: 0.0 | number of skipped iterations:   0 | number of nan iterations:   0 |";
const MEGATRON_SKIPPED = " [2024-08-01 09:44:55] iteration        1/       5 | consumed samples:           32 | elapsed time per iteration (ms): 3902.7 | throughput per GPU (TFLOP/s/GPU): 0.2 | learning rate: 6.000000E-05 | global batch size:    32 | loss scale: 4294967296.0 | number of skipped iterations:   1 | number of nan iterations:   0 |";
// Megatron-LM 22.x-core_v0.5 and forks, no timestamp (epfLLM/Megatron-LLM#11 and #33, awsome-distributed-training READMEs).
const LEGACY_STEP = " iteration      122/  250000 | consumed samples:       124928 | elapsed time per iteration (ms): 86545.2 | learning rate: 9.150E-06 | global batch size:  1024 | lm loss: 2.504220E+00 | loss scale: 1.0 | grad norm: 0.231 | number of skipped iterations:   0 | number of nan iterations:   0 |";
const LEGACY_SKIPPED = " iteration        1/  508626 | consumed samples:          288 | elapsed time per iteration (ms): 255940.5 | learning rate: 0.000E+00 | global batch size:   288 | loss scale: 4294967296.0 | number of skipped iterations:   1 | number of nan iterations:   0 |";
const LEGACY_SRUN = "1:  iteration       25/73242187 | consumed samples:           50 | elapsed time per iteration (ms): 87.0 | learning rate: 1.638E-08 | global batch size:     2 | lm loss: 1.086954E+01 | loss scale: 4294967296.0 | grad norm: 0.000 | number of skipped iterations:   0 | number of nan iterations:   0 |";
// Megatron-DeepSpeed (deepspeedai/Megatron-DeepSpeed#434, bigscience-workshop/Megatron-DeepSpeed#396).
const MDS_NAN_NO_LOSS = " iteration        9/      10 | consumed samples:          108 | consumed tokens:       442368 | elapsed time per iteration (ms): 1979.2 | learning rate: 4.219E-07 | global batch size:    12 | loss scale: 1.0 | actual seqlen:  4096 | number of skipped iterations:   0 | number of nan iterations:   0 | samples per second: 6.063 | tokens per gpu per second (tgs): 2069.506 | TFLOPs: 127.00 |";
// Rendered from Megatron-DeepSpeed@4efb479d megatron/training.py:1146-1188.
const MDS_STEP = " iteration     1200/  500000 | consumed samples:       614400 | consumed tokens:   1258291200 | elapsed time per iteration (ms): 4247.9 | learning rate: 2.999E-04 | global batch size:   512 | lm loss: 2.165606E+00 | loss scale: 1.0 | grad norm: 0.912 | actual seqlen:  2048 | number of skipped iterations:   0 | number of nan iterations:   0 | samples per second: 120.530 | tokens per gpu per second (tgs): 3857.000 | TFLOPs: 78.46 |";
const MDS_GRAD_NAN = " iteration     5426/  250000 | consumed samples:        43408 | consumed tokens:     88899584 | elapsed time per iteration (ms): 4247.9 | learning rate: 2.999E-04 | global batch size:     8 | loss scale: 1.0 | grad norm: nan | actual seqlen:  2048 | number of skipped iterations:   0 | number of nan iterations:   0 | samples per second: 1.883 | TFLOPs: 78.36 |";
// Hugging Face Trainer log dicts (SY-Xuan/Pink#6, aws-samples/awsome-distributed-training).
const HF_STEP = "0: {'loss': 2.9859, 'grad_norm': 0.9704080820083618, 'learning_rate': 4.175257731958763e-05, 'epoch': 0.16}";
const HF_GRAD_NAN = "{'loss': 0.0, 'grad_norm': nan, 'learning_rate': 0.0005142857142857142, 'epoch': 0.01}                    ";

/** Terms telling the three Megatron layouts apart: [required, excluded]. */
const MEGATRON_LAYOUTS = {
  megatron: [["] iteration"], ["consumed tokens:"]],
  "megatron-legacy": [[], ["] iteration", "consumed tokens:"]],
  "megatron-deepspeed": [["consumed tokens:"], ["] iteration"]],
} as const;
type MegatronFormat = keyof typeof MEGATRON_LAYOUTS;
/** The formats that print Megatron's iteration line (step time, lm loss). */
const MEGATRON_FORMATS = Object.keys(MEGATRON_LAYOUTS) as MegatronFormat[];

const ITERATION_LINE = "elapsed time per iteration";
/** `{:3d}` of 0: an interval in which no iteration was skipped. */
const NO_SKIPPED_ITERATIONS = "skipped iterations:   0 |";

/** A Megatron iteration line of one layout, with more required and excluded terms. */
function megatronLine(format: MegatronFormat, required: string[], excluded: string[]) {
  const [layoutRequired, layoutExcluded] = MEGATRON_LAYOUTS[format];
  return FilterPattern.termsExcluding([ITERATION_LINE, ...layoutRequired, ...required], [...layoutExcluded, ...excluded]);
}

/**
 * Megatron prints a loss only `if avg > 0.0`, so a NaN loss drops `lm loss:` instead of printing nan,
 * and `number of nan iterations` counts only fp16-skipped iterations. Megatron-LM still prints
 * `grad norm: nan` then (the loss-nan regex), but Megatron-DeepSpeed under DeepSpeed's engine prints no
 * grad norm: a line of an interval without skipped iterations and without `lm loss:` is the NaN sign.
 * Lines with `norm: nan|inf` are left to the regex (one count per line).
 */
const missingLoss = megatronLine("megatron-deepspeed", [NO_SKIPPED_ITERATIONS], ["lm loss:", "norm: nan", "norm: inf"]);

/** An iteration line reporting skipped iterations: Megatron's only trace of an fp16 overflow. */
const skippedIterations = (format: MegatronFormat) => megatronLine(format, ["number of skipped iterations:"], [NO_SKIPPED_ITERATIONS]);

/**
 * The number after `elapsed time per iteration (ms):`, which is field `before + 6` of the line: 15 with
 * the timestamp (core_v0.6+; also legacy lines under `srun -l`), 14 without (legacy; also 8-digit
 * `iteration 25/73242187` with a timestamp or an srun label), 18 after Megatron-DeepSpeed's
 * `consumed tokens` (or any fork's extra field group). `elapsed` occurs once per line, so no line
 * matches two of these filters.
 */
function megatronStepTime(before: number) {
  const lead = Array.from({ length: before }, (_, i) => `f${i + 1}`);
  return FilterPattern.spaceDelimited(...lead, "w_elapsed", "w_time", "w_per", "w_iteration", "w_ms", "step_ms", "rest")
    .whereString("w_elapsed", "=", "elapsed")
    .whereString("w_ms", "=", "(ms):");
}

export const trainingJobCatalogue: WorkloadKindCatalogue = {
  kind: "training-job",
  title: "Distributed PyTorch training job",
  logFormatSource: "PyTorch c10d ProcessGroupNCCL and torch.distributed.elastic, the CUDA caching allocator, Hugging Face Trainer log dicts, DeepSpeed's logger and launcher, Megatron-LM / Megatron-DeepSpeed training_log",
  formats: [
    { id: "pytorch", title: "PyTorch runtime and launchers: c10d ProcessGroupNCCL, torchrun / torch.distributed.elastic, Lightning's process launcher, CUDA caching allocator, torch.save", source: "torch/csrc/distributed/c10d/ProcessGroupNCCL.cpp, torch/distributed/elastic/multiprocessing/api.py, lightning/fabric/strategies/launchers/subprocess_script.py, c10/cuda/CUDACachingAllocator.cpp" },
    { id: "hf-trainer", title: "Hugging Face Trainer / TRL / accelerate log dicts and messages", source: "transformers/trainer_callback.py (ProgressCallback.on_log, PrinterCallback), transformers/trainer.py" },
    { id: "deepspeed", title: "DeepSpeed logger lines and the deepspeed launcher", source: "deepspeed/utils/logging.py, deepspeed/runtime/fp16/loss_scaler.py, deepspeed/launcher/launch.py" },
    { id: "megatron", title: "Megatron-LM core_v0.6+ training_log (timestamped iteration line)", source: "NVIDIA/Megatron-LM megatron/training/training.py training_log" },
    { id: "megatron-legacy", title: "Megatron-LM 22.x/23.x to core_v0.5 and forks: iteration line without a timestamp", source: "NVIDIA/Megatron-LM@23.04 megatron/training.py training_log" },
    { id: "megatron-deepspeed", title: "Megatron-DeepSpeed training_log (consumed tokens, tgs, TFLOPs)", source: "deepspeedai/Megatron-DeepSpeed megatron/training.py training_log" },
  ],
  signals: [
    {
      id: "loss-nan",
      title: "Loss or gradient norm became NaN or Inf",
      // HF 4.x `'loss': nan` and 5.x `'loss': 'nan'`, fp16 divergence `'grad_norm': nan` (loss 0.0), Megatron
      // `grad norm: nan` and fp16 `nan iterations: N`, Megatron's NaN checks, DeepSpeed's dead loss scaler.
      pattern: FilterPattern.regex(
        "loss\\W{1,4}-?[Nn][Aa][Nn]|loss\\W{1,4}-?[Ii]nf|norm\\W{1,4}-?[Nn][Aa][Nn]|norm\\W{1,4}-?[Ii]nf|nan iterations: +[1-9]" +
          "|found NaN in local|found Inf in local|Unexpected result -?nan|Unexpected result -?inf|loss scale already at minimum",
      ),
      metric: { name: "LossNotFinite", unit: "Count", value: "1" },
      alarm: anyOccurrence("critical"),
      runbook: "Training diverged: stop the job, lower the learning rate or enable gradient clipping (fp16: switch to bf16), resume from the last good checkpoint.",
      samples: {
        matching: [
          { line: HF_GRAD_NAN, value: 1 },
          { line: "  0%|          | 1/13000 [00:10<36:34:36, 10.13s/it]{'loss': nan, 'reward': 5.7646, 'learning_rate': 5e-05}", value: 1 },
          { line: "{'loss': 'nan', 'grad_norm': 'nan', 'learning_rate': '4.9e-05', 'epoch': '0.42'}", value: 1 },
          { line: MDS_GRAD_NAN, value: 1 },
          { line: "ERROR:megatron.core.rerun_state_machine:Unexpected result nan on rank 3 at iteration #3 invocation #2 (message='found NaN in local grad norm for bucket #0 in backward pass before data-parallel communication collective')", value: 1 },
          { line: "Exception: Current loss scale already at minimum - cannot decrease scale anymore. Exiting run.", value: 1 },
        ],
        nonMatching: [
          HF_STEP,
          "{'train_runtime': 1234.5678, 'train_samples_per_second': 12.96, 'train_steps_per_second': 0.81, 'train_loss': 1.8734297180175782, 'epoch': 3.0}",
          MEGATRON_STEP,
          "ERROR:megatron.core.rerun_state_machine:Rank 3, node core-ci-test-1779833921-task-1-0, device 3, iteration #3: First rerun: unexpected result is reproducible within the tolerance (nan = nan). Need to rerun on a different GPU to verify correctness.",
        ],
      },
      variants: [
        {
          // Megatron-DeepSpeed with DeepSpeed's engine prints no grad norm: the missing `lm loss:` is the only sign.
          format: "megatron-deepspeed",
          pattern: missingLoss,
          samples: { matching: [{ line: MDS_NAN_NO_LOSS, value: 1 }], nonMatching: [MDS_GRAD_NAN, MDS_STEP, LEGACY_SKIPPED] },
        },
      ],
    },
    cudaOutOfMemory({
      matching: [
        { line: "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 22.78 GiB. GPU 0 has a total capacity of 31.47 GiB of which 12.73 GiB is free. Including non-PyTorch memory, this process has 18.73 GiB memory in use. Of the allocated memory 9.08 GiB is allocated by PyTorch, and 9.35 GiB is reserved by PyTorch but unallocated. If reserved but unallocated memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  See documentation for Memory Management  (https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)", value: 1 },
        { line: "torch.OutOfMemoryError: HIP out of memory. Tried to allocate 16.00 GiB. GPU 0 has a total capacity of 15.24 GiB of which 15.09 GiB is free. Of the allocated memory 0 bytes is allocated by PyTorch, and 0 bytes is reserved by PyTorch but unallocated. If reserved but unallocated memory is large try setting PYTORCH_HIP_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  See documentation for Memory Management  (https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)", value: 1 },
      ],
      nonMatching: ["[Rank 0] (after 1 iterations) memory (MB) | allocated: 33437.7109375 | max allocated: 61396.447265625 | reserved: 61620.0 | max reserved: 61620.0"],
    }),
    {
      id: "cuda-error",
      title: "CUDA error (ECC, illegal memory access, device assert)",
      // The C++ abort repeats the watchdog's line after `what():`; an OOM is counted by cuda-oom.
      pattern: FilterPattern.termsExcluding(["CUDA error:"], ["what():", "out of memory"]),
      metric: { name: "CudaErrors", unit: "Count", value: "1" },
      alarm: anyOccurrence("critical"),
      runbook: "An uncorrectable ECC or Xid error means bad hardware: drain the node and resume elsewhere; an illegal memory access or device-side assert is a code bug (rerun with CUDA_LAUNCH_BLOCKING=1).",
      samples: {
        matching: [
          { line: "RuntimeError: CUDA error: uncorrectable ECC error encountered", value: 1 },
          { line: "[E ProcessGroupNCCL.cpp:916] [Rank 1] NCCL watchdog thread terminated with exception: CUDA error: uncorrectable ECC error encountered", value: 1 },
        ],
        nonMatching: [
          "RuntimeError: CUDA error: out of memory",
          "CUDA kernel errors might be asynchronously reported at some other API call,so the stacktrace below might be incorrect.",
          "torch.distributed.DistBackendError: NCCL error in: ../torch/csrc/distributed/c10d/ProcessGroupNCCL.cpp:1333, unhandled system error (run with NCCL_DEBUG=INFO for details), NCCL version 2.18.1",
        ],
      },
      variants: [
        {
          // ROCm builds print HIP where CUDA builds print CUDA.
          format: "pytorch",
          pattern: FilterPattern.termsExcluding(["HIP error:"], ["what():", "out of memory", "CUDA error:"]),
          samples: {
            matching: [{ line: "RuntimeError: HIP error: invalid device function", value: 1 }],
            nonMatching: ["HIP kernel errors might be asynchronously reported at some other API call, so the stacktrace below might be incorrect.", "RuntimeError: HIP error: out of memory"],
          },
        },
      ],
    },
    {
      id: "nccl-timeout",
      title: "NCCL collective timed out",
      // Once per rank: not the watchdog's "terminated with exception" copy, the C++ `what():` copy
      // or the main thread's "communicator was aborted ... Original reason" copy of the same timeout.
      pattern: FilterPattern.termsExcluding(["Watchdog caught collective operation timeout"], ["thread terminated with exception", "what():", "communicator was aborted"]),
      metric: { name: "CollectiveTimeouts", unit: "Count", value: "1" },
      alarm: anyOccurrence("critical"),
      runbook: "A rank stalled: find the rank that did not enter the collective (last log lines per stream, the lowest SeqNum), then check its node's EFA/network and GPU health.",
      samples: {
        matching: [
          { line: "[rank0]:[E1206 18:44:12.715298746 ProcessGroupNCCL.cpp:607] [Rank 0] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=7753, OpType=_REDUCE_SCATTER_BASE, NumelIn=544997376, NumelOut=68124672, Timeout(ms)=600000) ran for 600061 milliseconds before timing out.", value: 1 },
          { line: "[E ProcessGroupNCCL.cpp:737] [Rank 1] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=469508, OpType=ALLREDUCE, Timeout(ms)=1800000) ran for 1802212 milliseconds before timing out.", value: 1 },
        ],
        nonMatching: [
          "[rank7]:[E ProcessGroupNCCL.cpp:1414] [PG 0 Rank 7] Process group watchdog thread terminated with exception: [Rank 7] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=1, OpType=BROADCAST, NumelIn=1, NumelOut=1, Timeout(ms)=600000) ran for 600017 milliseconds before timing out.",
          "  what():  [PG ID 0 PG GUID 0(default_pg) Rank 3] Process group watchdog thread terminated with exception: [Rank 3] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=1, OpType=ALLREDUCE, NumelIn=1, NumelOut=1, Timeout(ms)=1) ran for 90 milliseconds before timing out.",
          "Collective WorkNCCL(SeqNum=2, OpType=ALLREDUCE, NumelIn=1, NumelOut=1, Timeout(ms)=1000000) raised the following async exception: NCCL error: unhandled system error (run with NCCL_DEBUG=INFO for details), NCCL version 2.25.1",
          "[rank4]:[E318 07:39:53.792780659 ProcessGroupNCCL.cpp:1834] [PG ID 2 PG GUID 9 Rank 4] Timeout at NCCL work: 610, last enqueued NCCL work: 616, last completed NCCL work: 609.",
        ],
      },
    },
    {
      id: "nccl-error",
      title: "NCCL error (not a timeout)",
      // `NCCL error in: <file>:<n>, <reason>` (DistBackendError, RuntimeError before 2.0), the async
      // `raised the following async exception: NCCL error: ...` and pynccl's `RuntimeError: NCCL error: ...`
      // (vLLM/SGLang rollouts); not the copies the watchdog rethrows, nor pynccl's `raise` source line.
      pattern: FilterPattern.termsExcluding(["NCCL error"], ["thread terminated with exception", "what():", "raise "]),
      metric: { name: "NcclErrors", unit: "Count", value: "1" },
      alarm: anyOccurrence("critical"),
      runbook: "A peer died or the network failed: find the first failing rank (its own traceback or OOM comes earlier), then check EFA/NIC health on its node; 'unhandled cuda error' points at the GPU.",
      samples: {
        matching: [
          { line: "torch.distributed.DistBackendError: NCCL error in: /pytorch/torch/csrc/distributed/c10d/NCCLUtils.hpp:268, remote process exited or there was a network error, NCCL version 2.21.5", value: 1 },
          { line: "compute-dy-p4d24xlarge-77: RuntimeError: NCCL error in: ../torch/lib/c10d/ProcessGroupNCCL.cpp:825, internal error, NCCL version 20.9.9", value: 1 },
        ],
        nonMatching: [
          "ncclRemoteError: A call failed possibly due to a network error or a remote process exiting prematurely.",
          '    raise RuntimeError(f"NCCL error: {error_str}")',
          "a100-st-p4d24xlarge-22:183006:183220 [1] misc/socket.cc:518 NCCL WARN Net : Call to recv from 10.200.84.247<58355> failed : Broken pipe",
        ],
      },
    },
    {
      id: "watchdog-hang",
      title: "NCCL watchdog hung (heartbeat monitor)",
      // First line of a hang: 2.2-2.4 log "Heartbeat monitor timed out!" and later a FATAL ([F ...]) "watchdog
      // got stuck" exit message; 2.5+ log "watchdog got stuck" itself at ERROR ([E<date> ...]).
      pattern: FilterPattern.regex("Heartbeat monitor timed out|\\[E[^\\]]*\\].*watchdog got stuck for"),
      metric: { name: "WatchdogHangs", unit: "Count", value: "1" },
      alarm: anyOccurrence("critical"),
      runbook: "A rank is stuck inside a CUDA or NCCL call (GPU hang, NVLink/Xid fault, a thread holding the GIL): check the node's kernel log for Xid errors and the flight-recorder dump, then drain the node.",
      samples: {
        matching: [
          { line: "[rank144]:[E ProcessGroupNCCL.cpp:1316] [PG 0 Rank 144] Heartbeat monitor timed out! Process will be terminated after dumping debug info. workMetaList_.size()=1", value: 1 },
          { line: "[rank3]:[E1229 20:29:13.156284896 ProcessGroupNCCL.cpp:1484] [PG ID 0 PG GUID 0(default_pg) Rank 3] ProcessGroupNCCL's watchdog got stuck for 480 seconds without making progress in monitoring enqueued collectives.", value: 1 },
        ],
        nonMatching: [
          "[rank1]:[F ProcessGroupNCCL.cpp:1169] [PG 0 Rank 1] [PG 0 Rank 1] ProcessGroupNCCL's watchdog got stuck for 600 seconds without making progress in monitoring enqueued collectives.",
          "[rank0]:[E ProcessGroupNCCL.cpp:1153] [PG 0 Rank 0] ProcessGroupNCCL preparing to dump debug info.",
        ],
      },
    },
    {
      id: "worker-failed",
      title: "Training worker process failed (exit code, incl. -9 SIGKILL)",
      // torchrun's agent prints this once per failure, in every release and logger format; the
      // ChildFailedError box that follows repeats it per rank and is not counted.
      pattern: FilterPattern.allTerms("failed (exitcode:"),
      metric: { name: "WorkerFailures", unit: "Count", value: "1" },
      alarm: anyOccurrence("critical"),
      runbook: "Read the exit code: -9 (SIGKILL) is the host OOM killer or a preemption (check the node's kernel log for 'Killed process'), -6 (SIGABRT) follows an NCCL watchdog abort, 1 is a Python exception (traceback above).",
      samples: {
        matching: [
          { line: "E0325 20:57:27.620000 2606 site-packages/torch/distributed/elastic/multiprocessing/api.py:869] failed (exitcode: -9) local_rank: 5 (pid: 2630) of binary: /root/miniconda3/bin/python", value: 1 },
          { line: "ERROR:torch.distributed.elastic.multiprocessing.api:failed (exitcode: -9) local_rank: 3 (pid: 812917) of binary: /data/chenhao/anaconda3/envs/ColossalAI-Chat/bin/python", value: 1 },
        ],
        nonMatching: ["  exitcode  : -9 (pid: 14750)", "  traceback : Signal 9 (SIGKILL) received by PID 14750", "WARNING:torch.distributed.elastic.multiprocessing.api:Sending process 812914 closing signal SIGTERM"],
      },
      variants: [
        {
          // Lightning's own DDP launcher (no torchrun) reports a dead child process at INFO level.
          format: "pytorch",
          pattern: FilterPattern.allTerms("Child process with PID", "terminated with code"),
          samples: {
            matching: [{ line: "[rank: 2] Child process with PID 13117 terminated with code -6. Forcefully terminating all other processes to avoid zombies 🧟", value: 1 }],
            nonMatching: ["E0325 20:57:27.620000 2606 site-packages/torch/distributed/elastic/multiprocessing/api.py:869] failed (exitcode: -9) local_rank: 5 (pid: 2630) of binary: /root/miniconda3/bin/python"],
          },
        },
        {
          // The `deepspeed` launcher reports a failed worker with its command line.
          format: "deepspeed",
          pattern: FilterPattern.allTerms("exits with return code ="),
          samples: {
            matching: [{ line: "[2024-10-01 01:17:14,772] [ERROR] [launch.py:325:sigkill_handler] ['/tools/miniconda3/envs/finetune/bin/python', '-u', 'experiment-base-finetune_llama_3-2_1B.py', '--local_rank=1'] exits with return code = 1", value: 1 }],
            nonMatching: ["[2024-10-01 01:17:14,554] [INFO] [launch.py:319:sigkill_handler] Killing subprocess 198907"],
          },
        },
      ],
    },
    {
      id: "loss-scale-overflow",
      title: "Optimizer steps skipped for fp16 gradient overflow",
      // DeepSpeed (`OVERFLOW! Rank 0 Skipping step`, `fp16 dynamic loss scale overflow! Skipping step`) and
      // apex (`Gradient overflow.  Skipping step`): one line per skipped step.
      pattern: FilterPattern.allTerms("Skipping step"),
      metric: { name: "LossScaleOverflows", unit: "Count", value: "1" },
      // A few overflows at start-up (loss-scale search) and one every scale window are normal.
      alarm: countAbove(5, "warning", 300, 3),
      runbook: "fp16 gradients keep overflowing: the loss scale is collapsing toward 1 and updates are skipped; lower the learning rate, check the data for outliers, or train in bf16.",
      samples: {
        matching: [
          { line: "[2023-04-28 06:51:30,648] [INFO] [loss_scaler.py:181:update_scale] [deepspeed] OVERFLOW! Rank 0 Skipping step. Attempted loss scale: 65536, reducing to 32768", value: 1 },
          { line: "[2021-06-08 12:02:45,001] [INFO] [stage3.py:2323:_overflow_clean_up] [deepscale] OVERFLOW! Rank 0 Skipping step. Attempted loss scale: 16777216.0, reducing to 8388608.0", value: 1 },
        ],
        nonMatching: ["[2025-06-02 10:11:13,000] [INFO] [loss_scaler.py:291:update_scale] Consecutive hysteresis is enabled. Restoring hysteresis to 2", "worker-0: [INFO 2020-02-06 19:53:56] rank:0 step=0, skipped=0, lr=[0.001], mom=[[0.8, 0.999]]"],
      },
      // Megatron-LM counts skipped iterations per log interval; Megatron-DeepSpeed's are DeepSpeed's OVERFLOW lines.
      variants: (["megatron", "megatron-legacy"] as const).map((format) => ({
        format,
        pattern: skippedIterations(format),
        samples: {
          megatron: { matching: [{ line: MEGATRON_SKIPPED, value: 1 }], nonMatching: [MEGATRON_STEP, LEGACY_SKIPPED] },
          "megatron-legacy": { matching: [{ line: LEGACY_SKIPPED, value: 1 }], nonMatching: [LEGACY_STEP, MEGATRON_SKIPPED] },
        }[format],
      })),
    },
    {
      id: "checkpoint-failed",
      title: "Checkpoint save failed",
      pattern: FilterPattern.regex("[Ff]ailed to save.{0,40}checkpoint|[Cc]heckpoint.{0,60}[Ff]ailed|PytorchStreamWriter failed|write\\x28\\x29: fd [0-9]+ failed"),
      metric: { name: "CheckpointFailures", unit: "Count", value: "1" },
      alarm: anyOccurrence("critical"),
      runbook: "The job cannot persist progress: check free disk / FSx space and S3 permissions before the next save interval.",
      samples: {
        matching: [
          { line: "RuntimeError: [enforce fail at inline_container.cc:445] . PytorchStreamWriter failed writing file data/176: file write failed", value: 1 },
          { line: "RuntimeError: write(): fd 29 failed with Input/output error", value: 1 },
        ],
        nonMatching: [
          "[INFO|trainer.py:2926] 2023-10-19 09:48:54,430 >> Saving model checkpoint to pt_output/chatglm_pt_checkpoint_deepspeed/checkpoint-10",
          "  successfully saved checkpoint from iteration    1200 to /fsx/checkpoints/gpt3 [ t 1/8, p 1/4 ]",
        ],
      },
    },
    {
      id: "step-time",
      title: "Step time (Megatron-LM, ms per iteration)",
      format: "megatron",
      pattern: megatronStepTime(9),
      metric: { name: "StepTime", unit: "Milliseconds", value: "$step_ms" },
      alarm: outsideBand("Average", "GreaterThanUpperThreshold", "warning"),
      runbook: "Steps got slower: a straggler node, data-loader stalls or thermal throttling; compare step time across ranks.",
      samples: {
        matching: [
          { line: MEGATRON_STEP, value: 5444.9 },
          { line: MEGATRON_SKIPPED, value: 3902.7 },
        ],
        nonMatching: [LEGACY_STEP, MDS_GRAD_NAN, HF_STEP, "time (ms) | forward-compute: 193.77 | backward-compute: 73.02 | backward-params-all-reduce: 20.10 | optimizer: 63.01 | batch-generator: 25.27"],
      },
      variants: [
        {
          format: "megatron-legacy",
          pattern: megatronStepTime(8),
          samples: { matching: [{ line: LEGACY_STEP, value: 86545.2 }, { line: LEGACY_SRUN, value: 87 }], nonMatching: [MEGATRON_STEP, MDS_GRAD_NAN] },
        },
        {
          format: "megatron-deepspeed",
          pattern: megatronStepTime(12),
          samples: { matching: [{ line: MDS_GRAD_NAN, value: 4247.9 }], nonMatching: [MEGATRON_STEP, LEGACY_STEP] },
        },
      ],
    },
  ],
  serviceAlarms: [
    // Every rank logs a step line every few seconds to minutes: 15 quiet minutes is a hang or an end.
    logSilenceAlarm({
      title: "Job stopped logging",
      minutes: 15,
      runbook: "No log events for 15 minutes: the job hung (check GPU utilization) or ended; disable this alarm between runs.",
    }),
  ],
  queries: [
    {
      id: "top-errors",
      title: "Error lines by rank stream",
      query: "filter @message like /Error|Exception|Traceback|NCCL|out of memory|exitcode/ | stats count(*) as occurrences by @logStream | sort occurrences desc | limit 20",
    },
    {
      id: "step-time-percentiles",
      title: "Step time percentiles by stream (ms)",
      query: "filter @message like /elapsed time per iteration/ | parse @message \"elapsed time per iteration (ms): * |\" as step_ms | stats pct(step_ms, 50) as p50, pct(step_ms, 90) as p90, max(step_ms) as slowest by @logStream",
      formats: MEGATRON_FORMATS,
    },
    {
      id: "slowest-requests",
      title: "Slowest iterations",
      query: "filter @message like /elapsed time per iteration/ | parse @message /iteration\\s+(?<iteration>\\d+)\\/\\s*\\d+/ | parse @message \"elapsed time per iteration (ms): * |\" as step_ms | sort step_ms desc | limit 20 | display @timestamp, @logStream, iteration, step_ms",
      formats: MEGATRON_FORMATS,
    },
    {
      id: "training-loss",
      title: "Loss and gradient norm over time (Hugging Face and Megatron)",
      // Metric filters cannot read HF's dict values (`'loss': 2.98,` ends in a comma); Insights can.
      query: "filter @message like /'loss': |lm loss: / | parse @message /'loss': '?(?<hf_loss>[^,'}]+)/ | parse @message /'grad_norm': '?(?<hf_grad_norm>[^,'}]+)/ | parse @message /lm loss: (?<megatron_loss>[^ |]+)/ | parse @message /grad norm: (?<megatron_grad_norm>[^ |]+)/ | display @timestamp, @logStream, hf_loss, hf_grad_norm, megatron_loss, megatron_grad_norm | sort @timestamp desc | limit 200",
      formats: ["hf-trainer", ...MEGATRON_FORMATS],
    },
    {
      id: "worker-exit-codes",
      title: "Failed workers by exit code",
      query: "filter @message like /failed \\(exitcode: |exits with return code = / | parse @message /(exitcode: |return code = )(?<exitcode>-?\\d+)/ | stats count(*) as failures by exitcode, @logStream | sort failures desc",
    },
  ],
  queryFields: [],
};
