import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashedSigningKey } from "@/engine/signing";
import { startTestEngine, type TestEngine } from "./helpers";

const signingKey = `signkey-test-${"3d".repeat(32)}`;
const listed = "http://127.0.0.1:9/api/inngest";

let pinned: TestEngine;
let allowList: TestEngine;

beforeAll(async () => {
  pinned = await startTestEngine({ signingKey, eventKeys: ["k"] });
  // The listed app is never up: only the allow-list matters here, not the sync at start.
  allowList = await startTestEngine({ signingKey, eventKeys: ["k"], appUrls: [listed] });
});

afterAll(async () => {
  await pinned.close();
  await allowList.close();
});

/** What the SDK posts to /fn/register, with the right bearer token: only the URLs are under test. */
async function register(engine: TestEngine, appName: string, url: string, functionUrl = url) {
  const res = await fetch(`${engine.url}/fn/register`, {
    method: "POST",
    headers: { authorization: `Bearer ${hashedSigningKey(signingKey)}`, "content-type": "application/json" },
    body: JSON.stringify({
      appName,
      url,
      functions: [
        {
          id: `${appName}-fn`,
          name: "fn",
          triggers: [{ event: `${appName}/go` }],
          steps: {
            step: {
              id: "step",
              name: "step",
              runtime: { type: "http", url: `${functionUrl}?fnId=${appName}-fn&stepId=step` },
            },
          },
        },
      ],
    }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { ok: boolean; error?: string };
}

const urlsOf = async (engine: TestEngine, appName: string) => {
  const [app] = await engine.sql<{ url: string }[]>`select url from apps where id = ${appName}`;
  const fns = await engine.sql<{ url: string }[]>`select url from functions where app_id = ${appName}`;
  return { app: app?.url, functions: fns.map((f) => f.url) };
};

describe("where an app may be registered", () => {
  it("keeps an app at its first origin: a registration from another origin is refused with a clear error", async () => {
    expect(await register(pinned, "mover", "http://127.0.0.1:4001/api/inngest")).toMatchObject({ ok: true });
    const moved = await register(pinned, "mover", "http://attacker.invalid/api/inngest");
    expect(moved.ok).toBe(false);
    expect(moved.error).toBe(
      'app "mover" is registered at http://127.0.0.1:4001; refusing to move it to http://attacker.invalid. ' +
        "List the new serve URL in ENGINE_APP_URLS to allow it.",
    );
    expect(await urlsOf(pinned, "mover")).toEqual({
      app: "http://127.0.0.1:4001/api/inngest",
      functions: ["http://127.0.0.1:4001/api/inngest?fnId=mover-fn&stepId=step"],
    });
  });

  it("lets an app register again at its own origin", async () => {
    expect(await register(pinned, "stayer", "http://127.0.0.1:4002/api/inngest")).toMatchObject({ ok: true });
    expect(await register(pinned, "stayer", "http://127.0.0.1:4002/api/inngest")).toMatchObject({ ok: true });
  });

  it("refuses a function whose URL is on another origin than its app's", async () => {
    const split = await register(pinned, "split", "http://127.0.0.1:4003/api/inngest", "http://attacker.invalid/x");
    expect(split.ok).toBe(false);
    expect(split.error).toMatch(/function "split-fn".*http:\/\/attacker\.invalid/);
    expect(await urlsOf(pinned, "split")).toEqual({ app: undefined, functions: [] });
  });

  it("with ENGINE_APP_URLS, refuses an app at any origin the list does not name", async () => {
    expect(await register(allowList, "listed", listed)).toMatchObject({ ok: true });
    const other = await register(allowList, "newcomer", "http://127.0.0.1:4004/api/inngest");
    expect(other.ok).toBe(false);
    expect(other.error).toBe(
      'app "newcomer" at http://127.0.0.1:4004 is not in this engine\'s ENGINE_APP_URLS (http://127.0.0.1:9); ' +
        "list its serve URL there to allow it.",
    );
  });
});
