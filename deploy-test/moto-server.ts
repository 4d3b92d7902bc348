import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sleep, startLogged, stop, tail } from "./processes";

/** The pinned emulator: requirements-deploy.txt installs it into this virtual environment (.ci/run does). */
export const MOTO_VENV = ".venv-deploy";
const SHIM = join(__dirname, "moto_shim.py");

/**
 * One moto server for one AWS account (MOTO_ACCOUNT_ID), on 127.0.0.1 and a port the OS picks (`-p 0`:
 * no race for a "free" port). Started through deploy-test/moto_shim.py, which fixes two moto bugs.
 */
export class MotoServer {
  private constructor(
    readonly accountId: string,
    readonly endpoint: string,
    readonly logFile: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(root: string, accountId: string, logFile: string): Promise<MotoServer> {
    const python = join(root, MOTO_VENV, "bin", "python");
    if (!existsSync(python)) {
      throw new Error(
        `moto is not installed: ${python} does not exist. Install the pinned emulator with\n` +
          `  python3 -m venv ${MOTO_VENV} && ${MOTO_VENV}/bin/pip install -r requirements-deploy.txt`,
      );
    }
    const env = { ...process.env, MOTO_ACCOUNT_ID: accountId, PYTHONUNBUFFERED: "1" };
    const child = startLogged(python, [SHIM, "-H", "127.0.0.1", "-p", "0"], { cwd: root, env }, logFile);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const port = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(readLog(logFile))?.[1];
      if (port) {
        const server = new MotoServer(accountId, `http://127.0.0.1:${port}`, logFile, child);
        await server.waitUntilAnswering();
        return server;
      }
      if (child.exitCode !== null) break;
      await sleep(100);
    }
    await stop(child);
    throw new Error(`moto for account ${accountId} did not start; its log (${logFile}):\n${tail(readLog(logFile))}`);
  }

  private async waitUntilAnswering(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${this.endpoint}/moto-api/data.json`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`moto for account ${this.accountId} does not answer at ${this.endpoint}`);
  }

  log(): string {
    return readLog(this.logFile);
  }

  async stop(): Promise<void> {
    await stop(this.child);
  }
}

function readLog(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}
