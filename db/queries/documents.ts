import { createHash } from "node:crypto";
import { and, desc, eq, gte, ilike, lt, or, sql } from "drizzle-orm";
import type { ExtractedText, Extraction, Finding } from "@/domain/documents/types";
import type { RiskAssessment } from "@/domain/risk";
import { storableExtractedText } from "@/domain/parse/storable-text";
import { readStored } from "@/domain/payloads/read";
import { extractionSchema, findingsSchema, riskSchema } from "@/domain/payloads/stored";
import { db, type Executor } from "../index";
import {
  documentBlobs,
  documentEvents,
  documents,
  documentTexts,
  extractions,
  modelCalls,
  type Document,
  type DocumentStatus,
  type NewDocument,
} from "../schema";
import { recordAudit, type Actor } from "./audit";

export type NewDocumentInput = Omit<NewDocument, "id" | "sha256" | "sizeBytes" | "status"> & {
  bytes: Buffer;
  /**
   * True when the bytes are already in the blob store (`services/documents/originals.ts`), as for every file Keel
   * receives; otherwise they are kept in `document_blobs` with the row, which tests' factories rely on.
   */
  storedElsewhere?: boolean;
};

export type CreateDocumentResult = { document: Document; duplicate: boolean };

export function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Stores a received document and its original bytes in one transaction. The same bytes again are the same
 * document: the existing one comes back, marked as a duplicate, and nothing new is stored.
 */
export async function createDocument(input: NewDocumentInput, actor: Actor): Promise<CreateDocumentResult> {
  const { bytes, storedElsewhere = false, ...fields } = input;
  const hash = sha256(bytes);
  return db().transaction(async (tx) => {
    const [created] = await tx
      .insert(documents)
      .values({ ...fields, sha256: hash, sizeBytes: bytes.length })
      .onConflictDoNothing({ target: documents.sha256 })
      .returning();
    if (created) {
      if (!storedElsewhere) await tx.insert(documentBlobs).values({ documentId: created.id, bytes });
      await tx.insert(documentEvents).values({
        documentId: created.id,
        kind: "received",
        label: `Received ${created.filename} (${created.kind}, ${String(created.sizeBytes)} bytes)`,
        data: { source: created.source, by: actor.label },
      });
      await recordAudit(
        {
          actor,
          action: "document.received",
          subjectType: "document",
          subjectId: created.id,
          correlationId: created.id,
          after: { filename: created.filename, sha256: hash },
        },
        tx,
      );
      return { document: created, duplicate: false };
    }
    const [existing] = await tx
      .update(documents)
      .set({ duplicateCount: sql`${documents.duplicateCount} + 1` })
      .where(eq(documents.sha256, hash))
      .returning();
    if (!existing) throw new Error("document vanished between insert and update");
    await tx.insert(documentEvents).values({
      documentId: existing.id,
      kind: "duplicate",
      label: `The same file was received again as ${fields.filename}`,
      data: { by: actor.label },
    });
    return { document: existing, duplicate: true };
  });
}

export async function getDocumentById(id: string, tx: Executor = db()): Promise<Document | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await tx.select().from(documents).where(eq(documents.id, id));
  return row;
}

/**
 * How many documents the upload `documentId` belongs to has given rise to (its whole tree of attachments and
 * theirs, the upload itself not counted), and how many of them are `documentId`'s own.
 */
export async function countDerivedDocuments(
  documentId: string,
  tx: Executor = db(),
): Promise<{ derived: number; own: number }> {
  // count(*)::int comes back from postgres.js as a number.
  const rows = await tx.execute<{ derived: number; own: number }>(sql`
    with recursive up as (
      select id, parent_document_id from documents where id = ${documentId}
      union all
      select d.id, d.parent_document_id from documents d join up on d.id = up.parent_document_id
    ), down as (
      select id from up where parent_document_id is null
      union all
      select d.id from documents d join down on d.parent_document_id = down.id
    )
    select (select count(*) from down)::int - 1 as derived,
           (select count(*) from documents where parent_document_id = ${documentId})::int as own`);
  const [row] = rows;
  return { derived: Math.max(0, row?.derived ?? 0), own: row?.own ?? 0 };
}

export async function getDocumentBytes(id: string, tx: Executor = db()): Promise<Buffer | undefined> {
  const [row] = await tx
    .select({ bytes: documentBlobs.bytes })
    .from(documentBlobs)
    .where(eq(documentBlobs.documentId, id));
  return row?.bytes;
}

export type DocumentCursor = { createdAt: string; id: string };
export type DocumentPage = { documents: Document[]; next: string | null };

/** What the Documents list narrows to; every part is optional and they combine. */
export type DocumentFilter = {
  status?: DocumentStatus | undefined;
  vendorId?: string | undefined;
  /** Received at or after this instant. */
  receivedFrom?: Date | undefined;
  /** Received before this instant (the day after the last day asked for). */
  receivedBefore?: Date | undefined;
  /** Words found in the file name, the vendor's name or the document's number, in any case. */
  text?: string | undefined;
};

/** A LIKE pattern that matches `text` literally: % and _ typed by a person are not wildcards. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Newest first; keyset pagination on (created_at, id). */
export async function listDocuments(
  options: DocumentFilter & { after?: string | undefined; limit?: number },
  tx: Executor = db(),
): Promise<DocumentPage> {
  const limit = options.limit ?? 50;
  const cursor = options.after ? decodeCursor(options.after) : null;
  const pattern = options.text ? containing(options.text) : null;
  const rows = await tx
    .select()
    .from(documents)
    .where(
      and(
        options.status ? eq(documents.status, options.status) : undefined,
        options.vendorId ? eq(documents.vendorId, options.vendorId) : undefined,
        options.receivedFrom ? gte(documents.createdAt, options.receivedFrom) : undefined,
        options.receivedBefore ? lt(documents.createdAt, options.receivedBefore) : undefined,
        pattern
          ? or(
              ilike(documents.filename, pattern),
              ilike(documents.vendorName, pattern),
              ilike(documents.documentNumber, pattern),
            )
          : undefined,
        cursor
          ? or(
              lt(documents.createdAt, sql`${cursor.createdAt}::timestamptz`),
              and(eq(documents.createdAt, sql`${cursor.createdAt}::timestamptz`), lt(documents.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor(last) : null;
  return { documents: page, next };
}

function encodeCursor(doc: Document): string {
  // Postgres keeps microseconds; JS Dates only milliseconds. The id breaks ties within the millisecond.
  return Buffer.from(JSON.stringify([doc.createdAt.toISOString(), doc.id])).toString("base64url");
}

function decodeCursor(value: string): DocumentCursor | null {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as unknown[];
    // Only what encodeCursor writes: anything else would reach PostgreSQL's casts and fail the page.
    if (
      typeof createdAt !== "string" ||
      typeof id !== "string" ||
      !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
    )
      return null;
    if (
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(createdAt) ||
      new Date(createdAt).toISOString() !== createdAt
    )
      return null;
    return { createdAt, id };
  } catch {
    return null;
  }
}

/** Moves the read model on and notes it in the timeline; a repeat of the same step changes nothing twice. */
export async function setDocumentStatus(
  id: string,
  status: DocumentStatus,
  changes: Partial<
    Pick<Document, "runId" | "errorClass" | "errorMessage" | "failedStep" | "riskScore" | "riskLevel" | "route">
  > = {},
  tx: Executor = db(),
): Promise<void> {
  await tx
    .update(documents)
    .set({ status, ...changes, updatedAt: new Date() })
    .where(eq(documents.id, id));
}

export async function recordDocumentEvent(
  event: { documentId: string; kind: string; label: string; data?: Record<string, unknown>; dedupeKey?: string },
  tx: Executor = db(),
): Promise<void> {
  await tx
    .insert(documentEvents)
    .values({ ...event, data: event.data ?? null })
    .onConflictDoNothing();
}

/** A final status and the timeline line that says why, in one transaction: no reader sees one without the other. */
export async function finishDocument(
  id: string,
  status: DocumentStatus,
  changes: Parameters<typeof setDocumentStatus>[2],
  event: Omit<Parameters<typeof recordDocumentEvent>[0], "documentId">,
): Promise<void> {
  await db().transaction(async (tx) => {
    await setDocumentStatus(id, status, changes, tx);
    await recordDocumentEvent({ ...event, documentId: id }, tx);
  });
}

export async function listDocumentEvents(documentId: string, tx: Executor = db()) {
  return tx.select().from(documentEvents).where(eq(documentEvents.documentId, documentId)).orderBy(documentEvents.id);
}

export async function saveDocumentText(
  documentId: string,
  extracted: ExtractedText,
  tx: Executor = db(),
): Promise<void> {
  // jsonb refuses NUL and lone surrogates; a supplier's PDF must never fail on its own text.
  const text = storableExtractedText(extracted);
  await tx
    .insert(documentTexts)
    .values({ documentId, text })
    .onConflictDoUpdate({ target: documentTexts.documentId, set: { text } });
}

export async function getDocumentText(documentId: string, tx: Executor = db()): Promise<ExtractedText | undefined> {
  const [row] = await tx
    .select({ text: documentTexts.text })
    .from(documentTexts)
    .where(eq(documentTexts.documentId, documentId));
  return row?.text;
}

/** Stores an extraction and copies its headline fields onto the document's read model, together. */
export async function saveExtraction(documentId: string, extraction: Extraction, outer?: Executor): Promise<string> {
  const write = async (tx: Executor) => {
    const [row] = await tx
      .insert(extractions)
      .values({ documentId, extraction, provider: extraction.provider, promptVersion: extraction.promptVersion })
      .returning({ id: extractions.id });
    const f = extraction.fields;
    await tx
      .update(documents)
      .set({
        documentClass: extraction.documentClass.value,
        classConfidence: extraction.documentClass.confidence,
        vendorName: f.vendorName.value,
        documentNumber: f.documentNumber.value,
        currency: f.currency.value,
        totalMinor: f.totalMinor.value,
        updatedAt: new Date(),
      })
      .where(eq(documents.id, documentId));
    if (!row) throw new Error("extraction insert returned nothing");
    return row.id;
  };
  return outer ? write(outer) : db().transaction(write);
}

/**
 * Saves an extraction unless the document has one, under the document's row lock: a model call cut by its timeout
 * may still answer after another lane did, and the document keeps the first answer.
 */
export async function saveFirstExtraction(
  documentId: string,
  extraction: Extraction,
): Promise<{ extractionId: string; stored: boolean }> {
  return db().transaction(async (tx) => {
    await tx.select({ id: documents.id }).from(documents).where(eq(documents.id, documentId)).for("update");
    const [existing] = await tx
      .select({ id: extractions.id })
      .from(extractions)
      .where(eq(extractions.documentId, documentId))
      .limit(1);
    if (existing) return { extractionId: existing.id, stored: false };
    return { extractionId: await saveExtraction(documentId, extraction, tx), stored: true };
  });
}

export async function getLatestExtraction(documentId: string, tx: Executor = db()) {
  const [row] = await tx
    .select()
    .from(extractions)
    .where(eq(extractions.documentId, documentId))
    .orderBy(desc(extractions.createdAt))
    .limit(1);
  if (!row) return undefined;
  // Rows any earlier version stored read as today's shape (domain/payloads).
  const where = `extraction ${row.id} of document ${documentId}`;
  const extraction: Extraction = readStored(extractionSchema, row.extraction, where);
  const findings: Finding[] | null = row.findings && readStored(findingsSchema, row.findings, `findings of ${where}`);
  const risk: RiskAssessment | null = row.risk && readStored(riskSchema, row.risk, `risk of ${where}`);
  return { ...row, extraction, findings, risk };
}

export async function saveChecks(
  extractionId: string,
  findings: Finding[],
  risk: RiskAssessment,
  tx: Executor = db(),
): Promise<void> {
  await tx.update(extractions).set({ findings, risk }).where(eq(extractions.id, extractionId));
}

/** A model call's row; one with a dedupe key is written once however often its step runs. */
export async function recordModelCall(call: typeof modelCalls.$inferInsert, tx: Executor = db()): Promise<void> {
  await tx.insert(modelCalls).values(call).onConflictDoNothing({ target: modelCalls.dedupeKey });
}

export async function listModelCalls(documentId: string, tx: Executor = db()) {
  return tx.select().from(modelCalls).where(eq(modelCalls.documentId, documentId)).orderBy(modelCalls.id);
}

/** Documents received before `olderThan` whose run never started. */
export async function listStalledDocumentIds(olderThan: Date, tx: Executor = db()): Promise<string[]> {
  const rows = await tx
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.status, "received"), lt(documents.createdAt, olderThan)))
    .limit(100);
  return rows.map((r) => r.id);
}

export async function listFailedDocuments(tx: Executor = db()): Promise<Document[]> {
  return tx
    .select()
    .from(documents)
    .where(eq(documents.status, "failed"))
    .orderBy(desc(documents.updatedAt))
    .limit(500);
}

/**
 * Puts a failed document back to "received" for a new run, once: two admins clicking Replay together start one
 * replay, and the second learns it is already under way.
 */
export async function markForReplay(
  id: string,
  actor: Actor,
): Promise<{ ok: true; replay: number } | { ok: false; reason: "not_failed" }> {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .update(documents)
      .set({ status: "received", errorClass: null, errorMessage: null, failedStep: null, updatedAt: new Date() })
      .where(and(eq(documents.id, id), eq(documents.status, "failed")))
      .returning();
    if (!row) return { ok: false, reason: "not_failed" } as const;
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(documentEvents)
      .where(and(eq(documentEvents.documentId, id), eq(documentEvents.kind, "replay")));
    const replay = (count?.n ?? 0) + 1;
    await tx.insert(documentEvents).values({
      documentId: id,
      kind: "replay",
      label: `Replay ${String(replay)} requested by ${actor.label}`,
      data: { by: actor.label },
    });
    await recordAudit(
      {
        actor,
        action: "document.replayed",
        subjectType: "document",
        subjectId: id,
        correlationId: id,
        after: { replay },
      },
      tx,
    );
    return { ok: true, replay } as const;
  });
}
