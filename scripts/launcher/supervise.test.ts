import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { restartDelay, supervise, type Clock, type Started, type Supervisor } from "./supervise";

/** Real node processes: one that exits with code 1 at once, one that runs until it is killed. */
const crashing = (): Started => ({ child: spawn(process.execPath, ["-e", "process.exit(1)"], { stdio: "ignore" }) });
const lasting = (): Started => ({
  child: spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }),
});

/** Time stands still unless a test moves it; every wait returns at once and is recorded. */
function fakeClock() {
  let time = 0;
  const waits: number[] = [];
  const clock: Clock = {
    now: () => time,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
  return { clock, waits, advance: (ms: number) => (time += ms) };
}

/** Items as they come, and a wait for the nth. */
function recorder<T>() {
  const items: T[] = [];
  let wake = () => {};
  return {
    items,
    add: (item: T) => {
      items.push(item);
      wake();
    },
    async count(n: number): Promise<T[]> {
      while (items.length < n) await new Promise<void>((resolve) => (wake = resolve));
      return items;
    },
  };
}

const running: Supervisor<Started>[] = [];
afterEach(async () => {
  for (const supervisor of running.splice(0)) await supervisor.stop();
});

function supervised(options: {
  start: (attempt: number) => Started | Promise<Started>;
  clock?: Clock;
  onGiveUp?: (reason: string) => void;
  healthy?: (started: Started) => Promise<boolean>;
}) {
  const lines = recorder<string>();
  const restarted = recorder<Started>();
  let attempts = 0;
  const supervisor = supervise({
    name: "The child",
    start: async () => options.start(++attempts),
    onRestarted: (started) => {
      restarted.add(started);
      return Promise.resolve();
    },
    onGiveUp: options.onGiveUp ?? (() => {}),
    isHopeless: (error) => error instanceof Error && error.message.startsWith("Port"),
    log: lines.add,
    ...(options.healthy ? { watch: { healthy: options.healthy, everyMs: 10_000, misses: 3 } } : {}),
    clock: options.clock ?? fakeClock().clock,
  });
  running.push(supervisor);
  return { supervisor, lines, restarted, attempts: () => attempts };
}

describe("restartDelay", () => {
  it("starts at half a second and doubles with each restart in a row, up to 30 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => restartDelay(n))).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
  });

  it("stays at the cap however many restarts came before", () => {
    expect(restartDelay(5000)).toBe(30_000);
  });
});

describe("supervise", () => {
  it("restarts a child that keeps crashing, waiting longer each time, and says so in one line each time", async () => {
    const { clock, waits } = fakeClock();
    const { supervisor, lines } = supervised({ start: crashing, clock });
    await supervisor.ready;
    await lines.count(8);
    await supervisor.stop();
    expect(waits.slice(0, 8)).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(lines.items.slice(0, 2)).toEqual([
      "The child exited (code 1); restarting it in 0.5 s (restart 1).",
      "The child exited (code 1); restarting it in 1 s (restart 2).",
    ]);
  });

  it("waits the shortest time again after a child that stayed up long enough", async () => {
    const { clock, waits, advance } = fakeClock();
    const { supervisor, lines, restarted } = supervised({ start: lasting, clock });
    (await supervisor.ready).child.kill("SIGKILL");
    (await restarted.count(1))[0]?.child.kill("SIGKILL");
    await restarted.count(2);
    advance(60_000);
    restarted.items[1]?.child.kill("SIGKILL");
    await restarted.count(3);
    expect(waits).toEqual([500, 1000, 500]);
    expect(lines.items).toEqual([
      "The child was killed (SIGKILL); restarting it in 0.5 s (restart 1).",
      "The child was killed (SIGKILL); restarting it in 1 s (restart 2).",
      "The child was killed (SIGKILL); restarting it in 0.5 s (restart 1).",
    ]);
    expect(supervisor.current()).toBe(restarted.items[2]);
  });

  it("keeps restarting through start failures a later start can overcome", async () => {
    const { supervisor, lines, restarted } = supervised({
      start: (attempt) => {
        if (attempt === 2 || attempt === 3) throw new Error("The database is not reachable yet.");
        return lasting();
      },
    });
    (await supervisor.ready).child.kill("SIGKILL");
    const [back] = await restarted.count(1);
    expect(back?.child.exitCode).toBeNull();
    expect(lines.items).toEqual([
      "The child was killed (SIGKILL); restarting it in 0.5 s (restart 1).",
      "The database is not reachable yet; restarting it in 1 s (restart 2).",
      "The database is not reachable yet; restarting it in 2 s (restart 3).",
    ]);
  });

  it("gives up, with the reason, when starting keeps failing in a way restarting cannot fix", async () => {
    const gaveUp = recorder<string>();
    const { supervisor, attempts } = supervised({
      start: (attempt) => {
        if (attempt > 1) throw new Error("Port 8288 is taken by another program.\nStop it.");
        return lasting();
      },
      onGiveUp: gaveUp.add,
    });
    (await supervisor.ready).child.kill("SIGKILL");
    expect(await gaveUp.count(1)).toEqual(["Port 8288 is taken by another program.\nStop it."]);
    expect(attempts()).toBe(4);
  });

  it("ends the child on stop and starts nothing again", async () => {
    const { supervisor, lines, attempts } = supervised({ start: lasting });
    const { child } = await supervisor.ready;
    await supervisor.stop();
    expect(child.signalCode).toBe("SIGTERM");
    expect(lines.items).toEqual([]);
    expect(attempts()).toBe(1);
  });

  it("reports a failed first start instead of retrying it", async () => {
    const { supervisor, attempts } = supervised({
      start: () => {
        throw new Error("Port 8288 is taken by another program.");
      },
    });
    await expect(supervisor.ready).rejects.toThrow("Port 8288 is taken by another program.");
    expect(attempts()).toBe(1);
  });
});

describe("a child that stops answering", () => {
  it("is killed after three failed health checks in a row and started again", async () => {
    let checks = 0;
    const first = lasting();
    const { lines, restarted } = supervised({
      start: (attempt) => (attempt === 1 ? first : lasting()),
      // The first child never answers; the second always does, a moment later (a real wait, so time moves on).
      healthy: (started) => new Promise((resolve) => setTimeout(() => resolve(started !== first && ++checks > 0), 5)),
    });
    const [line] = await lines.count(1);
    expect(line).toBe(
      "The child stopped answering (3 health checks in a row) and was killed; restarting it in 0.5 s (restart 1).",
    );
    expect(first.child.signalCode).toBe("SIGKILL");
    await restarted.count(1);
  });
});
