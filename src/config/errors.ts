/** One problem in the user's input, located precisely enough to fix without reading our code. */
export interface ConfigProblem {
  /** The config file as the user named it. */
  readonly file: string;
  /** Path inside the document, e.g. `environments[1].stateBucket`; empty for the whole document. */
  readonly path: string;
  readonly message: string;
  /** Stable rule code for synth-time checks (`AIL012`); absent for schema problems. */
  readonly code?: string;
}

/** Thrown for invalid input; the CLI and `main.ts` print `format()` and exit non-zero, never a stack. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(formatProblems(problems));
    this.name = "ConfigError";
  }
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.path ? `${p.file}: ${p.path}` : p.file;
  return `${where}: ${p.code ? `${p.code} ` : ""}${p.message}`;
}

export function formatProblems(problems: readonly ConfigProblem[]): string {
  return problems.map(formatProblem).join("\n");
}

/** `["environments", 1, "stateBucket"]` -> `environments[1].stateBucket`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : /^[A-Za-z_][\w-]*$/.test(String(part)) ? `${i ? "." : ""}${String(part)}` : `[${JSON.stringify(String(part))}]`))
    .join("");
}
