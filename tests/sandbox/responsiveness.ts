import { createServer, get, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A server in the test process, as the app is: it can answer only while the event loop is free. `whileProbing` asks
 * it every 100 ms while some work runs and reports the slowest answer.
 */
export function probeServer() {
  let server: Server | undefined;
  let url = "";
  return {
    start: async () => {
      server = createServer((_request, response) => response.end("ok"));
      await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
    },
    stop: () => new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined))),
    async whileProbing<T>(work: Promise<T>): Promise<{ slowestMs: number; outcome: PromiseSettledResult<T> }> {
      let slowest = 0;
      const state = { done: false };
      const probes = (async () => {
        while (!state.done) {
          const started = performance.now();
          await ask(url);
          slowest = Math.max(slowest, performance.now() - started);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const [outcome] = await Promise.allSettled([work]);
      state.done = true;
      await probes;
      return { slowestMs: slowest, outcome };
    },
  };
}

/** One GET on a fresh connection: a reused keep-alive socket the server already closed would fail the probe. */
function ask(target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = get(target, { agent: false, timeout: 5_000 }, (response) => {
      response.resume();
      response.on("end", resolve);
    });
    request.on("timeout", () => request.destroy(new Error("the server did not answer within 5 s")));
    request.on("error", reject);
  });
}
