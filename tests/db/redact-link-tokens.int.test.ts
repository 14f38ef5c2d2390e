import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { queueEmail } from "@/db/queries/ledger";
import { migrationsFolder } from "@/db/migrate";
import { outboxEmail } from "../factories/emails";
import { withKeelDatabase } from "../setup/keel-database";

const database = withKeelDatabase();

it("withdraws the plaintext tokens of emails queued before links were minted at delivery, and nothing else", async () => {
  const token = "oMy7naZJKm0TzwQuB6eIpbHHDLq2R-ngke57y9arWlU";
  const body = `Approve invoice 7\n\nApprove: http://127.0.0.1:3000/t/${token}\nReject:  https://keel.example/t/${token.replace("o", "p")}\n\nOr open the task in Keel: http://127.0.0.1:3000/inbox/faf2199c-49c5-49d1-95a6-68c767859ff3`;
  await queueEmail({
    idempotencyKey: "legacy:link",
    documentId: null,
    to: "approver@example.test",
    subject: "Decision needed",
    body,
  });
  const vendorBody = "Dear vendor,\n\nsee https://vendor.example/t/short and order 7.";
  await queueEmail({
    idempotencyKey: "legacy:vendor",
    documentId: null,
    to: "vendor@example.test",
    subject: "Order 7",
    body: vendorBody,
  });

  await database().db.$client.unsafe(
    fs.readFileSync(path.join(migrationsFolder, "0010_redact-link-tokens.sql"), "utf8"),
  );

  expect((await outboxEmail("legacy:link")).body).toBe(
    "Approve invoice 7\n\nApprove: [link withdrawn: open the task in Keel's inbox]\nReject:  [link withdrawn: open the task in Keel's inbox]\n\nOr open the task in Keel: http://127.0.0.1:3000/inbox/faf2199c-49c5-49d1-95a6-68c767859ff3",
  );
  expect((await outboxEmail("legacy:vendor")).body).toBe(vendorBody);
});
