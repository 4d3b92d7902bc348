import type { BandComparisonOperator, Statistic } from "../aws/limits";
import { FilterPattern } from "../patterns";
import type { AnomalyAlarmDefaults, MatchingSample, Severity, SignalPreset, ThresholdAlarmDefaults } from "./types";

/**
 * Building blocks every kind shares, so a signal that means the same thing everywhere (CUDA
 * out-of-memory) is written once, and alarm defaults read like a sentence.
 */

/** Alarm when the Sum of a count over `period` seconds exceeds `threshold` (quiet logs are fine). */
export function countAbove(threshold: number, severity: Severity, period = 300, evaluationPeriods = 1): ThresholdAlarmDefaults {
  return {
    statistic: "Sum",
    comparison: "GreaterThanThreshold",
    threshold,
    period,
    evaluationPeriods,
    datapointsToAlarm: evaluationPeriods,
    treatMissingData: "notBreaching",
    severity,
  };
}

/** Alarm on the first occurrence within a minute: for events that are always a problem. */
export function anyOccurrence(severity: Severity): ThresholdAlarmDefaults {
  return countAbove(0, severity, 60, 1);
}

/**
 * Anomaly-band alarm: 3 of 3 five-minute points outside a band of `bandWidth` standard deviations.
 * Missing data is not breaching: a quiet filter publishes nothing.
 */
export function outsideBand(
  statistic: Statistic,
  comparison: BandComparisonOperator,
  severity: Severity,
  bandWidth = 2,
): AnomalyAlarmDefaults {
  return {
    statistic,
    comparison,
    bandWidth,
    period: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    treatMissingData: "notBreaching",
    severity,
  };
}

/**
 * GPU out-of-memory, in every wording real stacks print (tests/signals real-line corpora): PyTorch's
 * caching allocator on CUDA and on ROCm (`CUDA out of memory. Tried to allocate ...`, `HIP out of
 * memory. ...`; c10/cuda/CUDACachingAllocator.cpp, wording stable from 1.x to 2.x), the CUDA and HIP
 * runtimes (`CUDA error: out of memory`, `HIP error: out of memory`), ggml (llama.cpp, Ollama:
 * `cudaMalloc failed: out of memory`, on AMD builds too) and FasterTransformer (`CUDA runtime error: out
 * of memory`). Look-alikes that are not an OOM (SGLang's `Decode out of memory happened`, a retried
 * allocation) contain none of these terms. One preset for every kind; samples come from the kind's own logs.
 */
export const GPU_OOM_TERMS = [
  "CUDA out of memory",
  "HIP out of memory",
  "CUDA error: out of memory",
  "HIP error: out of memory",
  "cudaMalloc failed: out of memory",
  "CUDA runtime error: out of memory",
] as const;

export function cudaOutOfMemory(samples: {
  matching: readonly MatchingSample[];
  nonMatching: readonly string[];
}): SignalPreset {
  return {
    id: "cuda-oom",
    title: "CUDA out of memory",
    pattern: FilterPattern.anyTerm(...GPU_OOM_TERMS),
    metric: { name: "CudaOutOfMemory", unit: "Count", value: "1" },
    alarm: anyOccurrence("critical"),
    runbook: "Check batch size, sequence length and GPU memory headroom (nvidia-smi); a leak shows as OOM after hours of steady load.",
    samples,
  };
}
