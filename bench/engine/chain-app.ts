/**
 * The benchmark's app in a process of its own, as production runs it (Vercel beside Inngest Cloud): a function of
 * `BENCH_STEPS` `step.run`s on `BENCH_EVENT`, served by the real serve() handler. Started by `startChainApp`; it
 * prints its serve URL as one JSON line and exits when its parent closes its stdin.
 */
import { Inngest } from "inngest";
import { startApp } from "@/tests/engine/app-server";

async function main() {
  const id = process.env.BENCH_APP_ID;
  const baseUrl = process.env.BENCH_ENGINE_URL;
  const steps = Number(process.env.BENCH_STEPS);
  const trigger = process.env.BENCH_EVENT;
  if (!id || !baseUrl || !trigger || !Number.isInteger(steps) || steps < 1)
    throw new Error(
      "chain-app needs BENCH_APP_ID, BENCH_ENGINE_URL, BENCH_EVENT and BENCH_STEPS (a whole number): start it with startChainApp",
    );
  const client = new Inngest({ id, isDev: true, baseUrl });
  const chain = client.createFunction({ id: "chain", retries: 0, triggers: [{ event: trigger }] }, async ({ step }) => {
    let total = 0;
    for (let i = 0; i < steps; i++) total = await step.run(`s${i}`, () => total + 1);
    return total;
  });
  const app = await startApp(client, [chain]);
  process.stdout.write(`${JSON.stringify({ url: app.url })}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => {
    void app.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
