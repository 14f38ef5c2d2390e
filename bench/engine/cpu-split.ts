import { cpuMsBetween, cpuSnapshot, ownCpuMs } from "../pipeline/cpu";

/** CPU milliseconds spent by the engine's process, the app's process and the rest of this process's tree. */
export type CpuSplit = { engine: number; app: number; postgres: number | null };

/**
 * Where the CPU goes while the runs go through, read from /proc (Linux): this process is the engine (and the
 * benchmark's few polling queries), the app is its own child, and the embedded PostgreSQL is the rest of this
 * process's tree. With an external database (ENGINE_DATABASE_URL) its share is not seen here and reads null.
 * Figures per step stay readable on a machine others load, where steps per second do not.
 */
export function cpuMeter(appPid: number | undefined, embedded: boolean): () => CpuSplit {
  const engineFrom = ownCpuMs();
  const appFrom = appPid === undefined ? null : cpuSnapshot(appPid);
  const treeFrom = cpuSnapshot();
  return () => {
    const engine = ownCpuMs() - engineFrom;
    const appTo = appPid === undefined ? null : cpuSnapshot(appPid);
    const app = appFrom && appTo ? cpuMsBetween(appFrom, appTo) : 0;
    const treeTo = cpuSnapshot();
    const tree = treeFrom && treeTo ? cpuMsBetween(treeFrom, treeTo) : null;
    return { engine, app, postgres: embedded && tree !== null ? tree - engine - app : null };
  };
}

export function perStep(split: CpuSplit, steps: number): CpuSplit {
  return {
    engine: split.engine / steps,
    app: split.app / steps,
    postgres: split.postgres === null ? null : split.postgres / steps,
  };
}
