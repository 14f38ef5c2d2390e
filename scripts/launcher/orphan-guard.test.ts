import { spawn } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { launcherIdentity } from "./orphan-guard";

const guard = path.resolve(import.meta.dirname, "orphan-guard.ts");

/** A real child process guarded against `identity`'s disappearance, checking every 50 ms. */
function guardedChild(identity: string) {
  const code = `import { exitWithLauncher } from ${JSON.stringify(guard)}; exitWithLauncher(process.argv[1], 50); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code, identity], {
    stdio: "ignore",
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_, signal) => resolve(signal)));
  return { child, exited };
}

it("ends a child with SIGTERM once the launcher that started it is gone", async () => {
  const launcher = spawn("sleep", ["60"]);
  const { exited } = guardedChild(launcherIdentity(launcher.pid ?? 0));
  launcher.kill("SIGKILL");
  expect(await exited).toBe("SIGTERM");
});

it("leaves a child alone while its launcher lives", async () => {
  const { child, exited } = guardedChild(launcherIdentity());
  // Thirty checks' worth of time: a guard that misjudged a live launcher would have ended the child by now.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(child.exitCode).toBeNull();
  child.kill("SIGKILL");
  expect(await exited).toBe("SIGKILL");
});
