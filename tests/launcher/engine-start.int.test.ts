import net from "node:net";
import { expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { EnginePortInUseError, startEngineProcess } from "@/scripts/launcher/engine";
import { StartupError } from "@/scripts/launcher/database";
import { findFreePort } from "@/lib/net";

const keys = { signingKey: `signkey-test-${"ab".repeat(32)}`, eventKey: "event-key" };

it("says in one sentence, with what to do, that another program holds the engine's port", async () => {
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
  const port = (holder.address() as net.AddressInfo).port;
  try {
    const error = await startEngineProcess(
      parseEnv({ ENGINE_PORT: String(port) }),
      "postgres://unused@127.0.0.1/x",
      keys,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnginePortInUseError);
    expect((error as Error).message).toBe(
      `Keel's Inngest engine cannot listen on port ${String(port)}: another program (an Inngest dev server, or another Keel?) is using it.\n` +
        `Stop that program, or start Keel with another engine port: ENGINE_PORT=${String(port + 1)} npm run dev`,
    );
  } finally {
    await new Promise((resolve) => holder.close(resolve));
  }
});

it("says in one sentence that the engine exited before it was ready", async () => {
  const port = await findFreePort();
  // The engine refuses a database URL that is not a URL, and exits at once.
  const error = await startEngineProcess(
    parseEnv({ ENGINE_PORT: String(port), ENGINE_LOG_LEVEL: "silent" }),
    "not-a-url",
    keys,
  ).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StartupError);
  expect((error as Error).message).toBe(
    "Keel's Inngest engine exited (code 1) before it was ready; its own message is above.",
  );
});
