import { and, asc, eq, isNull, lt } from "drizzle-orm";
import { db, type Executor } from "../index";
import { pendingUploads, type NewPendingUpload, type PendingUpload } from "../schema";

export async function createPendingUpload(upload: NewPendingUpload, tx: Executor = db()): Promise<PendingUpload> {
  const [row] = await tx.insert(pendingUploads).values(upload).returning();
  if (!row) throw new Error("pending upload insert returned nothing");
  return row;
}

export async function getPendingUpload(id: string, tx: Executor = db()): Promise<PendingUpload | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await tx.select().from(pendingUploads).where(eq(pendingUploads.id, id));
  return row;
}

/** Records the document an upload became, so completing it again answers with the same one. */
export async function completePendingUpload(id: string, documentId: string, tx: Executor = db()): Promise<void> {
  await tx.update(pendingUploads).set({ documentId, completedAt: new Date() }).where(eq(pendingUploads.id, id));
}

/** Uploads never completed whose URL expired before `before`, oldest first. */
export async function listAbandonedUploads(before: Date, limit: number, tx: Executor = db()): Promise<PendingUpload[]> {
  return tx
    .select()
    .from(pendingUploads)
    .where(and(isNull(pendingUploads.completedAt), lt(pendingUploads.expiresAt, before)))
    .orderBy(asc(pendingUploads.expiresAt))
    .limit(limit);
}

export async function deletePendingUpload(id: string, tx: Executor = db()): Promise<void> {
  await tx.delete(pendingUploads).where(eq(pendingUploads.id, id));
}
