import { breakdownId } from "../../src/model/monitoring-naming";
import { presetFilters, WORKLOAD_KINDS } from "../../src/signals";
import { defaultFilters, expectedDatapoints, loadCorpus, publishedDatapoints, type CorpusEntry } from "./support/real-lines";

/**
 * Every kind's default filters against the real-line corpus (support/real-lines.ts): each line
 * publishes exactly the datapoints it should, and every filter of every preset is proven on at least
 * one real line (pasted, from the docs, or rendered from the exact format string at a release), unless
 * the preset says why none exists.
 */

const corpus = loadCorpus();
const filtersByKind = new Map<string, ReturnType<typeof defaultFilters>>();
const filtersOf = (kind: string, settings?: Record<string, unknown>) => {
  const cacheKey = `${kind} ${JSON.stringify(settings ?? {})}`;
  if (!filtersByKind.has(cacheKey)) filtersByKind.set(cacheKey, defaultFilters(kind, settings));
  return filtersByKind.get(cacheKey)!;
};

/** Filter ids (of SignalModels) that matched some real line, per kind. */
const provenBy = new Map<string, Set<string>>();

describe.each(corpus.map((f) => [f.file, f] as const))("real lines of %s", (_file, file) => {
  const kind = WORKLOAD_KINDS.find((k) => k.kind === file.kind);

  it("belong to a kind and a log format it knows", () => {
    expect(kind).toBeDefined();
    const formats = (kind!.formats ?? []).map((f) => f.id);
    for (const e of file.entries) expect({ id: e.id, format: e.format ?? file.format, known: formats.length === 0 || formats.includes(e.format ?? file.format) }).toMatchObject({ known: true });
  });

  it.each(file.entries.map((e): [string, CorpusEntry] => [`${e.id} (${e.provenance}, ${e.release})`, e]))("%s", (_name, e) => {
    const { datapoints, filterIds } = publishedDatapoints(filtersOf(file.kind, file.workload), e.line);
    expect(datapoints).toEqual(expectedDatapoints(e.expect));
    if (e.provenance !== "invented") {
      const proven = provenBy.get(file.kind) ?? new Set<string>();
      filterIds.forEach((id) => proven.add(id));
      provenBy.set(file.kind, proven);
    }
  });
});

describe("every filter of every preset is proven on a real line", () => {
  it.each(WORKLOAD_KINDS.map((k) => [k.kind, k] as const))("%s", (kindName, kind) => {
    const proven = provenBy.get(kindName) ?? new Set<string>();
    const unproven = kind.signals.flatMap((preset) =>
      presetFilters(preset)
        .filter((f) => !proven.has(f.id) && !proven.has(breakdownId(f.id, Object.keys(f.dimensions))))
        .filter(() => preset.unprovenBecause === undefined)
        .map((f) => f.id),
    );
    expect(unproven).toEqual([]);
  });
});
