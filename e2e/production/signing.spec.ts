import { randomBytes } from "node:crypto";
import { emptyBodySignature } from "@/scripts/launcher/engine";
import { expect, test } from "../fixtures";

test("only the Inngest holding the signing key may sync or call the app, and only the app's event key sends events", async ({
  request,
}) => {
  const stranger = `signkey-prod-${randomBytes(32).toString("hex")}`;
  const unsigned = await request.put("/api/inngest");
  expect(unsigned.status()).toBe(401);
  const forged = await request.put("/api/inngest", {
    headers: { "x-inngest-signature": emptyBodySignature(stranger) },
  });
  expect(forged.status()).toBe(401);
  const call = await request.post("/api/inngest?fnId=keel-process-document&stepId=step", { data: { event: {} } });
  expect(call.status()).toBe(401);

  const engine = process.env.KEEL_E2E_ENGINE_URL;
  if (!engine) throw new Error("KEEL_E2E_ENGINE_URL is unset: run through playwright.production.config.ts");
  const event = await request.post(`${engine}/e/${randomBytes(24).toString("hex")}`, {
    data: { name: "keel/document.received", data: {} },
  });
  expect(event.status()).toBe(401);
});
