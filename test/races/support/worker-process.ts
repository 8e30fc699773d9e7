/**
 * A Node child process running one of `fixtures/`' workers under tsx: it
 * prints `ready`, then answers one JSON line per JSON task line.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export class WorkerProcess<Task, Result> {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #waiting: Array<{ resolve: (line: string) => void; reject: (error: Error) => void }> = [];
  readonly #early: string[] = [];
  #stderr = '';
  #exited: Error | undefined;

  /** `script`: a worker's path; `args`: what it opens. */
  constructor(script: string, args: string[]) {
    this.#child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
    });
    this.#child.stderr.on('data', (chunk) => {
      this.#stderr += chunk;
    });
    createInterface({ input: this.#child.stdout }).on('line', (line) => {
      const next = this.#waiting.shift();
      if (next === undefined) this.#early.push(line);
      else next.resolve(line);
    });
    this.#child.once('exit', (code) => {
      this.#exited = new Error(`worker exited (${code}): ${this.#stderr}`);
      for (const waiter of this.#waiting.splice(0)) waiter.reject(this.#exited);
    });
  }

  #nextLine(): Promise<string> {
    const line = this.#early.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.#exited !== undefined) return Promise.reject(this.#exited);
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
    });
  }

  async ready(): Promise<void> {
    const line = await this.#nextLine();
    if (line !== 'ready') throw new Error(`worker said ${line} instead of ready: ${this.#stderr}`);
  }

  async run(task: Task): Promise<Result> {
    const answer = this.#nextLine();
    this.#child.stdin.write(`${JSON.stringify(task)}\n`);
    return JSON.parse(await answer) as Result;
  }

  async stop(): Promise<void> {
    this.#child.stdin.end();
    if (this.#exited === undefined) await once(this.#child, 'exit');
  }
}
