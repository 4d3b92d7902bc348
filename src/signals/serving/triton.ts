import { FilterPattern } from "../../patterns";
import type { ServingStack } from "./stack";

/**
 * NVIDIA Triton Inference Server: `<L><MMDD> <HH:MM:SS.uuuuuu> <pid> <file>:<line>] <message>` (L is
 * I, W, E or V, glued to the date, so "ERROR" never appears), messages quoted and JSON-escaped from
 * 2.46 (24.05); `--log-format=ISO8601` moves the level after an ISO date. Backends print their own
 * lines into the same stream: TensorRT-LLM `[TensorRT-LLM][ERROR] ...`, FasterTransformer
 * `[FT][ERROR] ...`. Checked against server v2.40 .. v2.71 docs and qa/L0_logging, and issue pastes
 * from 2.1 to 2.54. Triton has no access log (requests only with --log-verbose), no throughput line,
 * and does not log queue-full rejections (503).
 */
const E_LINE = "E0422 05:03:24.145960 1 pb_stub.cc:402] An error occurred while trying to load GPU buffers in the Python backend stub: failed to copy data: invalid argument";

export const triton: ServingStack = {
  format: { id: "triton", title: "NVIDIA Triton Inference Server (with TensorRT-LLM, Python and FasterTransformer backends)", source: "triton-inference-server/server docs/protocol/extension_logging.md, core src/model_repository_manager" },
  crashTerms: [
    "failed to load '", // failed to load '<model>' version N: ... (model load, at start-up or through the repository API)
    "Poll failed for model directory",
    "error: creating server", // the server gives up: failed to load all models
    "loading failed with error", // the model status table at start-up
    "terminate called after throwing", // a backend's C++ exception kills the process
    "Stub process is unhealthy", // the Python backend's stub died; Triton restarts it (python_be.cc)
    "Signal (", // Triton's crash handler: Signal (6) received., Signal (11) received.
  ],
  crashSamples: [
    "E0720 03:42:54.944486 1 model_repository_manager.cc:810] failed to load 'hrnet_libtorch' version 1: Internal: load failed for libtorch model -> 'hrnet_libtorch':",
    "E1011 08:02:59.084688 1 model_repository_manager.cc:1919] Poll failed for model directory '1': unexpected platform type  for 1",
    "error: creating server: Internal - failed to load all models",
    "terminate called after throwing an instance of 'std::runtime_error'",
    "Signal (6) received.",
  ],
  filters: {
    requests: [
      {
        // Only with --log-verbose=1: `HTTP request: <method> <path>`, method 2 = POST (libevhtp htp_method).
        pattern: FilterPattern.allTerms("HTTP request: 2 /v2/models/"),
        samples: {
          matching: [
            { line: "I0608 19:37:15.118021 1 http_server.cc:1275] HTTP request: 2 /v2/models/distilbert/infer", value: 1 },
            { line: 'I0520 20:03:27.004512 1 http_server.cc:4580] "HTTP request: 2 /v2/models/tensorrt_llm_bls/generate"', value: 1 },
          ],
          nonMatching: ["I0608 19:37:14.231648 1 http_server.cc:1275] HTTP request: 0 /v2/models/distilbert"],
        },
      },
    ],
    "server-errors": [
      {
        // E-level lines of the server and its backends, except failed model loads (engine-dead) and
        // TensorRT-LLM's failed steps (the next shape).
        pattern: FilterPattern.literal(
          '[level = "E0*" || level = "E1*", time = "*:*:*", pid, source = "*]", message != "*failed to load*" && message != "*Poll failed*" && message != "*creating server*" && message != "*forwardAsync*"]',
        ),
        samples: {
          matching: [{ line: E_LINE, value: 1 }],
          nonMatching: [
            "W0410 13:51:44.743979 1 memory.cc:212] Failed to allocate CUDA memory with byte size 102236160 on GPU 0: CNMEM_STATUS_OUT_OF_MEMORY, falling back to pinned system memory",
            "E0117 11:30:47.826640 1 model_lifecycle.cc:597] failed to load 'CIFAR10' version 3: Invalid argument: [request id: <id_unknown>] expected 1 inputs but got 0 inputs for model 'CIFAR10'",
            "ERROR 07-03 03:19:15 [serving_chat.py:200] Error in preprocessing prompt inputs",
          ],
        },
      },
      {
        shape: "tensorrt-llm",
        // The executor failed a step: the requests of that batch get errors.
        pattern: FilterPattern.anyTerm("Encountered an error in forwardAsync"),
        samples: {
          matching: [
            // TensorRT-LLM#2708.
            { line: "[TensorRT-LLM][ERROR] Encountered an error in forwardAsync function: [TensorRT-LLM][ERROR] Assertion failed: mNextBlocks.empty() (/home/jenkins/agent/workspace/LLM/helpers/Build-x86_64/llm/cpp/tensorrt_llm/batch_manager/kvCacheManager.cpp:256)", value: 1 },
          ],
          nonMatching: ["[TensorRT-LLM][ERROR] tensorrt_llm::common::TllmException: [TensorRT-LLM][ERROR] CUDA runtime error in ::cudaFreeHost(ptr): unspecified launch failure (/app/tensorrt_llm/cpp/tensorrt_llm/runtime/tllmBuffers.h:169)"],
        },
      },
    ],
    "cuda-oom": [
      {
        // TensorRT-LLM spells a CUDA OOM as a runtime error of the call that failed.
        pattern: FilterPattern.allTerms("CUDA runtime error in", "): out of memory"),
        samples: {
          matching: [
            // tensorrtllm_backend#281.
            { line: "Model 'tensorrt_llm' loading failed with error: version 1 is at UNAVAILABLE state: Internal: unexpected error when creating modelInstanceState: [TensorRT-LLM][ERROR] CUDA runtime error in ::cudaMallocAsync(ptr, n, mCudaStream->get()): out of memory (/app/tensorrt_llm/cpp/tensorrt_llm/runtime/tllmBuffers.h:112)", value: 1 },
          ],
          nonMatching: ["[TensorRT-LLM][ERROR] tensorrt_llm::common::TllmException: [TensorRT-LLM][ERROR] CUDA runtime error in ::cudaFreeHost(ptr): unspecified launch failure (/app/tensorrt_llm/cpp/tensorrt_llm/runtime/tllmBuffers.h:169)"],
        },
      },
    ],
  },
};
