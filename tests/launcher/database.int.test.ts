import { expect, it } from "vitest";
import { checkReachable, redactUrl, StartupError } from "@/scripts/launcher/database";
import { findFreePort } from "@/lib/net";

it("explains an unreachable DATABASE_URL in one sentence without the password", async () => {
  const port = await findFreePort();
  const url = `postgres://keel:hunter2@127.0.0.1:${port}/keel`;
  const error = await checkReachable(url).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StartupError);
  expect((error as Error).message).toContain(
    `Cannot reach the database at postgres://keel:****@127.0.0.1:${port}/keel`,
  );
  expect((error as Error).message).toContain("nothing is listening");
  expect((error as Error).message).not.toContain("hunter2");
});

it("redacts passwords from URLs it shows", () => {
  expect(redactUrl("postgresql://u:p@h:1/d")).toBe("postgresql://u:****@h:1/d");
});
