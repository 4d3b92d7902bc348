import { renameSync, rmSync, writeFileSync } from "node:fs";

/**
 * Writes a file whole or not at all: into a temporary name beside it (the process id keeps two
 * writers apart), then renamed over it. On failure the temporary file goes and the error is thrown.
 */
export function writeFileAtomically(path: string, content: string | Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
