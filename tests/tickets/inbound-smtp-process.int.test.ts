import { once } from "node:events";
import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { findTicketsByMessageIds } from "@/db/queries/tickets";
import { findFreePort, isPortFree } from "@/lib/net";
import { startInboundSmtpProcess } from "@/scripts/launcher/inbound-smtp";
import { until } from "../engine/helpers";
import { withKeelDatabase } from "../setup/keel-database";
import { withPipeline } from "../pipeline/harness";

// The engine for the start events; Keel's tables in a database of the test's own, which the child process is given.
withPipeline();
const database = withKeelDatabase();

describe("the launcher's inbound SMTP process", () => {
  it("takes mail into tickets on INBOUND_SMTP_PORT and stops with Keel's SIGTERM, freeing the port", async () => {
    const port = await findFreePort();
    const child = startInboundSmtpProcess({
      DATABASE_URL: database().url,
      INBOUND_SMTP_PORT: String(port),
      INBOUND_SMTP_DOMAIN: "support.keel.test",
      INNGEST_DEV: process.env.INNGEST_DEV ?? "",
      INNGEST_BASE_URL: process.env.INNGEST_BASE_URL ?? "",
      LOG_LEVEL: "warn",
    });
    try {
      const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
      await until("the listener to take connections", async () => !(await isPortFree(port)));
      const id = `${randomUUID()}@mail.example.test`;
      await transport.sendMail({
        from: "ana@example.test",
        to: "help@support.keel.test",
        subject: "Order DEMO-1002",
        text: "Where is it?",
        messageId: `<${id}>`,
      });
      expect(await findTicketsByMessageIds([id])).toHaveLength(1);
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
    expect(await isPortFree(port)).toBe(true);
  }, 60_000);
});
