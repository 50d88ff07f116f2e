import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';

/** Process groups started here and not known to have ended. */
const running = new Set<ChildProcess>();

/** The last lines of a log file, for an error message. */
export function tailOf(logFile: string, lines = 60): string {
  if (!existsSync(logFile)) return '';
  return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
}

/**
 * Runs a command to completion with its output appended to `logFile`;
 * rejects with the command, its exit code and the log's tail.
 */
export async function runLogged(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string },
): Promise<void> {
  const fd = openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', fd, fd],
      // Its own process group, so an interrupted run can end it whole.
      detached: true,
    });
    running.add(child);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    }).finally(() => running.delete(child));
    if (code !== 0) {
      throw new Error(
        `\`${[command, ...args].join(' ')}\` (in ${options.cwd}) exited with ${code}; last lines of ${options.logFile}:\n${tailOf(options.logFile)}`,
      );
    }
  } finally {
    closeSync(fd);
  }
}

/** Starts a long-running command in its own process group. */
export function startLogged(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string },
): ChildProcess {
  const fd = openSync(options.logFile, 'a');
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/**
 * Ends a process group started here: SIGTERM, then SIGKILL after
 * `graceMs` (the Backstage dev server and backend spawn children of their
 * own).
 */
export async function stopGroup(
  child: ChildProcess,
  graceMs = 10_000,
): Promise<void> {
  if (!child.pid) return;
  const pid = child.pid;
  const signal = (name: NodeJS.Signals | 0) => {
    try {
      process.kill(-pid, name);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  if (!signal('SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!signal(0)) return;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  signal('SIGKILL');
}

/** Ends every process group this run started and that is still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(child => stopGroup(child)));
}
