import { and, eq } from "drizzle-orm";
import { db } from "@/db/index";
import { systemActor } from "@/db/queries/audit";
import { addMissingOrders, findOrCreateCustomer } from "@/db/queries/customers";
import { getRefundForTicket, getTicketById } from "@/db/queries/tickets";
import { createUser } from "@/db/queries/users";
import { tasks } from "@/db/schema";
import { seedDemoCustomers } from "@/db/seed";
import { isFinalTicketStatus } from "@/domain/tickets/lifecycle";
import { quantile, startBenchKeel } from "./keel";

/**
 * `npm run bench:tickets`: tickets per minute through the whole ticket workflow (classify → look up → draft → risk →
 * auto-send or task) with the offline chain, and approval → refund latency: from the moment a person's approval is
 * committed until the refund row exists. Half the tickets ask about an order's status (sent on their own), half ask
 * for a refund (a person approves each). Figures are printed, never asserted. Real PostgreSQL (embedded), the real
 * engine, Keel's real functions through the real serve() handler.
 */
const COUNT = Number(process.argv[2] ?? 60);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where a ticket's run stops on its own: sent and resolved, or waiting for a person. */
const settled = (status: string): boolean => status === "awaiting_decision" || isFinalTicketStatus(status as never);

async function openTaskId(ticketId: string): Promise<string | null> {
  const [row] = await db()
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.ticketId, ticketId), eq(tasks.status, "open")));
  return row?.id ?? null;
}

const benchCustomer = { email: `bench-${String(process.pid)}@example.test`, name: "Bench Customer" };

/** One paid order per refund request: refunds on one order may not exceed what was paid for it. */
async function seedBenchOrders(count: number): Promise<void> {
  const customer = await findOrCreateCustomer(benchCustomer);
  const rows = [];
  for (let i = 1; i < count; i += 2)
    rows.push({
      reference: `BENCH-${String(process.pid)}-${String(i)}`,
      customerId: customer.id,
      currency: "EUR",
      totalMinor: 4_990,
      paidAt: new Date(),
      status: "delivered" as const,
    });
  await addMissingOrders(rows);
}

function ticketInput(i: number) {
  const tag = `BENCH-${String(process.pid)}-${String(i)}`;
  return i % 2 === 0
    ? {
        customerEmail: "ana.souza@example.com",
        subject: `Where is my order DEMO-1001? (${tag})`,
        body: "Hello, could you tell me when order DEMO-1001 will arrive? Thank you.",
        orderReference: "DEMO-1001",
      }
    : {
        customerEmail: benchCustomer.email,
        subject: `Refund for ${tag}`,
        body: `Hello, the item in order ${tag} arrived broken. Please refund 10.00 EUR. Thank you.`,
        orderReference: tag,
      };
}

async function main() {
  const keel = await startBenchKeel("tickets");
  await seedDemoCustomers();
  await seedBenchOrders(COUNT);
  const created = await createUser(
    {
      email: `bench-approver-${String(process.pid)}@example.test`,
      name: "Bench approver",
      role: "admin",
      approvalLimitMinor: 100_000_000,
      approvalCurrency: "EUR",
      passwordHash: null,
    },
    systemActor("bench"),
  );
  if (!created.ok) throw new Error("Could not create the bench's approver.");
  const approver = created.user;
  const { receiveTicketMessage } = await import("@/services/tickets/receive");
  const { decide } = await import("@/services/tasks/decide");

  const started = performance.now();
  const submitted = new Map<string, number>();
  for (let i = 0; i < COUNT; i++) {
    const at = performance.now();
    const { ticketId } = await receiveTicketMessage({
      source: "api",
      ...ticketInput(i),
      messageId: `bench-${String(process.pid)}-${String(i)}@bench.keel`,
      actor: { id: null, label: "bench" },
    });
    submitted.set(ticketId, at);
  }

  const runLatencies: number[] = [];
  const refundLatencies: number[] = [];
  const awaiting = new Set<string>();
  const pending = new Set(submitted.keys());
  let autoSent = 0;
  while (pending.size > 0) {
    for (const id of [...pending]) {
      const ticket = await getTicketById(id);
      if (!ticket || !settled(ticket.status)) continue;
      runLatencies.push(performance.now() - (submitted.get(id) ?? 0));
      pending.delete(id);
      if (ticket.status === "awaiting_decision") awaiting.add(id);
      else if (ticket.status === "resolved") autoSent++;
    }
    await sleep(20);
  }
  const elapsedMin = (performance.now() - started) / 60_000;

  // Approvals one after another, each timed until its effect is committed: the decision's wake-up, the run's
  // read-decision, then the refund (refund requests) or the queued reply (the rest; offline drafts come from templates,
  // so every ticket waits for a person).
  const replyLatencies: number[] = [];
  for (const ticketId of awaiting) {
    const taskId = await openTaskId(ticketId);
    if (!taskId) continue;
    const result = await decide(approver, taskId, { action: "approve" });
    if (!result.ok) throw new Error(`Approving ticket ${ticketId} failed: ${result.message}`);
    const approvedAt = performance.now();
    const ticket = await getTicketById(ticketId);
    if (ticket?.refundProposedMinor) {
      while (!(await getRefundForTicket(ticketId))) await sleep(5);
      refundLatencies.push(performance.now() - approvedAt);
    }
    while ((await getTicketById(ticketId))?.status !== "resolved") await sleep(5);
    replyLatencies.push(performance.now() - approvedAt);
  }

  runLatencies.sort((a, b) => a - b);
  refundLatencies.sort((a, b) => a - b);
  replyLatencies.sort((a, b) => a - b);
  console.log(`tickets benchmark: ${String(COUNT)} tickets, offline chain (rules and templates), 2-core machine`);
  console.log(
    `  throughput: ${(COUNT / elapsedMin).toFixed(1)} tickets/minute (received → sent or waiting for a person)`,
  );
  console.log(
    `  received → settled: p50 ${quantile(runLatencies, 0.5).toFixed(0)} ms, p95 ${quantile(runLatencies, 0.95).toFixed(0)} ms (${String(autoSent)} sent on their own, ${String(awaiting.size)} to a person)`,
  );
  console.log(
    `  approval → refund: p50 ${quantile(refundLatencies, 0.5).toFixed(0)} ms, p95 ${quantile(refundLatencies, 0.95).toFixed(0)} ms over ${String(refundLatencies.length)} refunds`,
  );
  console.log(
    `  approval → reply queued and ticket resolved: p50 ${quantile(replyLatencies, 0.5).toFixed(0)} ms, p95 ${quantile(replyLatencies, 0.95).toFixed(0)} ms over ${String(replyLatencies.length)} approvals`,
  );

  await keel.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
