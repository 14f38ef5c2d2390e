import { fork, type ChildProcess } from "node:child_process";

import type { WorkerMessage, WorkerRequest } from "@/ai/sandbox/protocol";

export type Reader = { run: <T>(name: string, input: unknown) => Promise<T>; close: () => void };

/**
 * A document reader forked from `entry` with only the given environment and working directory: the pool's own
 * protocol, without the pool, whose children inherit this process's environment (and so its module paths).
 */
export async function forkReader(entry: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Reader> {
  const child: ChildProcess = fork(entry, [], {
    cwd: options.cwd,
    env: options.env,
    execArgv: [],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const ready = new Promise<void>((resolve, reject) => {
    child.on("exit", (code) => {
      const error = new Error(`The reader exited (${String(code)}): ${stderr}`);
      reject(error);
      for (const job of pending.values()) job.reject(error);
    });
    child.on("message", (message: WorkerMessage) => {
      if (message.type === "ready") {
        resolve();
        return;
      }
      const job = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) job?.resolve(message.value);
      else job?.reject(new Error(`${message.error.name}: ${message.error.message}`));
    });
  });
  await ready;
  let next = 0;
  return {
    run: <T>(name: string, input: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = ++next;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        const request: WorkerRequest = { type: "job", id, name, input };
        child.send(request);
      }),
    close: () => child.kill(),
  };
}
