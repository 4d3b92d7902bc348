import { FilterPattern } from "../../patterns";
import type { SignalPreset } from "../types";
import { anyOccurrence } from "../common";

/**
 * GPU faults other than out-of-memory, in the spellings of the runtimes under every stack: PyTorch and
 * ggml (`CUDA error: an illegal memory access was encountered`, `ROCm error: invalid device function`,
 * `HIP error: ...`), TensorRT-LLM (`CUDA runtime error in ::cudaFreeHost(ptr): unspecified launch
 * failure`), NCCL (`NCCL error: unhandled cuda error`, c10d's `Watchdog caught collective operation
 * timeout`), the ROCm HSA runtime and ggml's failed CUDA start. An out-of-memory error (`CUDA error: out
 * of memory`) is excluded by the character after the colon: cuda-oom counts it.
 */
const NOT_OOM = ["[^o]", "o[^u]"];
const FAULTS = [
  ...["CUDA error", "ROCm error", "HIP error"].flatMap((runtime) => NOT_OOM.map((rest) => `${runtime}: ${rest}`)),
  "CUDA runtime error in .+\\x29: [^o]",
  "NCCL error",
  "Watchdog caught collective operation timeout",
  "Memory critical error by agent",
  "failed to initialize CUDA",
];

export const gpuErrors: SignalPreset = {
  id: "gpu-errors",
  title: "GPU errors other than out-of-memory (CUDA, ROCm, NCCL)",
  pattern: FilterPattern.regex(FAULTS.join("|")),
  metric: { name: "GpuErrors", unit: "Count", value: "1" },
  alarm: anyOccurrence("critical"),
  runbook: "A CUDA or NCCL fault usually leaves the engine unusable: check nvidia-smi and dmesg for Xid errors on the node, drain it if they repeat, and restart the server.",
  samples: {
    matching: [
      // vllm#6976, SystemPanic/vllm-windows#72 (newer torch), ollama#11123 (ROCm), tensorrtllm_backend#594, vllm#6732, vllm#5458.
      { line: "ERROR 09-27 06:46:46 engine.py:157] RuntimeError: CUDA error: an illegal memory access was encountered", value: 1 },
      { line: "(Worker_PP0 pid=23220) ERROR 07-15 21:01:01 [multiproc_executor.py:1007] torch.AcceleratorError: CUDA error: an illegal memory access was encountered", value: 1 },
      { line: "ROCm error: invalid device function", value: 1 },
      { line: "[TensorRT-LLM][ERROR] tensorrt_llm::common::TllmException: [TensorRT-LLM][ERROR] CUDA runtime error in ::cudaFreeHost(ptr): unspecified launch failure (/app/tensorrt_llm/cpp/tensorrt_llm/runtime/tllmBuffers.h:169)", value: 1 },
      { line: "(VllmWorkerProcess pid=760) ERROR 07-24 08:26:01 multiproc_worker_utils.py:226] RuntimeError: NCCL error: unhandled cuda error (run with NCCL_DEBUG=INFO for details)", value: 1 },
      { line: "[rank0]:[E ProcessGroupNCCL.cpp:563] [Rank 0] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=1, OpType=ALLREDUCE, NumelIn=1, NumelOut=1, Timeout(ms)=600000) ran for 600086 milliseconds before timing out.", value: 1 },
      { line: "RuntimeError: CUDA error: operation not supported", value: 1 },
    ],
    nonMatching: [
      "CUDA error: out of memory",
      "[TensorRT-LLM][ERROR] CUDA runtime error in ::cudaMallocAsync(ptr, n, mCudaStream->get()): out of memory (/app/tensorrt_llm/cpp/tensorrt_llm/runtime/tllmBuffers.h:112)",
      "CUDA kernel errors might be asynchronously reported at some other API call, so the stacktrace below might be incorrect.",
      "[rank0]:[W106 12:41:43.884747188 ProcessGroupNCCL.cpp:1553] Warning: WARNING: destroy_process_group() was not called before program exit, which can leak resources. For more info, please see https://pytorch.org/docs/stable/distributed.html#shutdown (function operator())",
      'GGML_ASSERT: C:\\Users\\jmorg\\git\\ollama\\llm\\llama.cpp\\ggml-cuda.cu:256: !"CUDA error"',
    ],
  },
};
