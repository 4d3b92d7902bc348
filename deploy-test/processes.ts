import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";

/**
 * Every child process the deploy test starts, so it can stop them all, by process group id, however it
 * ends (failure, Ctrl-C). Each child leads its own process group (`detached`): terraform's provider
 * plugins and moto's threads go with it.
 */
const live = new Set<ChildProcess>();

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Killed after this long; the result says so. */
  readonly timeoutMs: number;
}

export interface RunResult {
  readonly command: string;
  readonly code: number | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Starts a command in its own process group, output to `logFile`; for servers and processes the test signals. */
export function startLogged(command: string, args: readonly string[], options: Omit<RunOptions, "timeoutMs">, logFile: string): ChildProcess {
  const fd = openSync(logFile, "a");
  try {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ["ignore", fd, fd] });
    track(child);
    return child;
  } finally {
    closeSync(fd);
  }
}

/** Runs a command to completion (or its timeout), collecting its output. Never throws for a non-zero exit. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  track(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    signalGroup(child, "SIGKILL");
  }, options.timeoutMs);
  return new Promise((resolve) => {
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ command: `${command} ${args.join(" ")}`, code, timedOut, stdout, stderr, seconds: (Date.now() - started) / 1000 });
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ command: `${command} ${args.join(" ")}`, code: null, timedOut, stdout, stderr: `${stderr}${e.message}\n`, seconds: (Date.now() - started) / 1000 });
    });
  });
}

function track(child: ChildProcess): void {
  live.add(child);
  child.on("exit", () => live.delete(child));
}

/** Sends a signal to the child's whole process group. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Stops a process group: SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalGroup(child, "SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graceMs).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") {
    signalGroup(child, "SIGKILL");
    await exited;
  }
}

/** Kills every process group still running (synchronously: also usable from a signal handler). */
export function killAll(): void {
  for (const child of live) {
    signalGroup(child, "SIGCONT"); // a group the lock test stopped must be able to die
    signalGroup(child, "SIGKILL");
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The last lines of a text (a log, a command's output). */
export function tail(text: string, lines = 40): string {
  return text.split("\n").slice(-lines).join("\n");
}
