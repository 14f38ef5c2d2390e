import { eq } from "drizzle-orm";
import { db, type Executor } from "../index";
import { blobs } from "../schema";

export type BlobMeta = { size: number; contentType: string };

/** Writes `bytes` under `key`, replacing what was there: a key names one object, as in a bucket. */
export async function putBlob(key: string, bytes: Buffer, contentType: string, tx: Executor = db()): Promise<void> {
  const row = { key, bytes, contentType, sizeBytes: bytes.length };
  await tx
    .insert(blobs)
    .values(row)
    .onConflictDoUpdate({ target: blobs.key, set: { ...row, createdAt: new Date() } });
}

export async function getBlobBytes(key: string, tx: Executor = db()): Promise<Buffer | null> {
  const [row] = await tx.select({ bytes: blobs.bytes }).from(blobs).where(eq(blobs.key, key));
  return row?.bytes ?? null;
}

export async function getBlobMeta(key: string, tx: Executor = db()): Promise<BlobMeta | null> {
  const [row] = await tx
    .select({ size: blobs.sizeBytes, contentType: blobs.contentType })
    .from(blobs)
    .where(eq(blobs.key, key));
  return row ?? null;
}

export async function deleteBlob(key: string, tx: Executor = db()): Promise<void> {
  await tx.delete(blobs).where(eq(blobs.key, key));
}
