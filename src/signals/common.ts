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
 * CUDA out-of-memory, as PyTorch reports it (`torch.OutOfMemoryError: CUDA out of memory. Tried to
 * allocate ...`, c10/cuda/CUDACachingAllocator.cpp) or as the CUDA runtime does
 * (`CUDA error: out of memory`). One preset for every kind; samples come from the kind's own logs.
 */
export function cudaOutOfMemory(samples: {
  matching: readonly MatchingSample[];
  nonMatching: readonly string[];
}): SignalPreset {
  return {
    id: "cuda-oom",
    title: "CUDA out of memory",
    pattern: FilterPattern.anyTerm("CUDA out of memory", "CUDA error: out of memory"),
    metric: { name: "CudaOutOfMemory", unit: "Count", value: "1" },
    alarm: anyOccurrence("critical"),
    runbook: "Check batch size, sequence length and GPU memory headroom (nvidia-smi); a leak shows as OOM after hours of steady load.",
    samples,
  };
}
