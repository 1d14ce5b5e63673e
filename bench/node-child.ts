import { spawn } from 'node:child_process';

export class ChildScriptError extends Error {
  override name = 'ChildScriptError';
}

/**
 * Runs a bench script in its own Node process (`node --import tsx SCRIPT JSON`), passing `input` as
 * JSON in argv and parsing the last stdout line as the JSON answer. stderr passes through when
 * `inheritStderr` (progress lines), else it is kept for the error message.
 */
export function runScript<T>(script: string, input: unknown, label: string, inheritStderr = false): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(input)], {
      stdio: ['ignore', 'pipe', inheritStderr ? 'inherit' : 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', (e) => reject(new ChildScriptError(`${label}: cannot spawn`, { cause: e })));
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new ChildScriptError(`${label} failed (exit ${code})${stderr ? ':\n' + stderr.trim() : ''}`));
        return;
      }
      const last = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as T);
      } catch (cause) {
        reject(new ChildScriptError(`${label} printed no JSON answer: ${stdout.slice(-500)}`, { cause }));
      }
    });
  });
}
