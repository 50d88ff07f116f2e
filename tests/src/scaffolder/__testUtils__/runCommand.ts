import { execFile } from 'node:child_process';

/**
 * Runs a command to completion; on failure the error carries its output,
 * so a failing test shows why (npm's and cdk's own messages).
 */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        timeout: options.timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, ...options.env },
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `${command} ${args.join(' ')} failed in ${options.cwd}: ${error.message}\n${stdout}\n${stderr}`.slice(
                -20_000,
              ),
            ),
          );
        } else {
          resolve(`${stdout}\n${stderr}`);
        }
      },
    );
  });
}
