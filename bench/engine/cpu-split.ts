import { ownCpuMs, treeCpuMs } from "../pipeline/cpu";

/** CPU milliseconds spent by the engine's process, the app's process and the rest of this process's tree. */
export type CpuSplit = { engine: number; app: number; postgres: number | null };

/**
 * Where the CPU goes while the runs go through, read from /proc (Linux): this process is the engine (and the
 * benchmark's few polling queries), the app is its own child, and the embedded PostgreSQL is the rest of this
 * process's tree. With an external database (ENGINE_DATABASE_URL) its share is not seen here and reads null.
 * Figures per step stay readable on a machine others load, where steps per second do not.
 */
export function cpuMeter(appPid: number | undefined, embedded: boolean): () => CpuSplit {
  const read = () => {
    const engine = ownCpuMs();
    const app = appPid === undefined ? 0 : (treeCpuMs(appPid) ?? 0);
    const tree = treeCpuMs();
    return { engine, app, rest: tree === null ? null : tree - engine - app };
  };
  const start = read();
  return () => {
    const end = read();
    return {
      engine: end.engine - start.engine,
      app: end.app - start.app,
      postgres: embedded && end.rest !== null && start.rest !== null ? end.rest - start.rest : null,
    };
  };
}

export function perStep(split: CpuSplit, steps: number): CpuSplit {
  return {
    engine: split.engine / steps,
    app: split.app / steps,
    postgres: split.postgres === null ? null : split.postgres / steps,
  };
}
