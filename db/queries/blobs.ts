import { eq, sql } from "drizzle-orm";
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

/** Copies `from` to `to` in one statement, bytes never leaving the database; false when `from` holds nothing. */
export async function copyBlob(from: string, to: string, contentType: string, tx: Executor = db()): Promise<boolean> {
  const rows = await tx.execute(sql`
    insert into blobs (key, bytes, content_type, size_bytes)
    select ${to}, bytes, ${contentType}, size_bytes from blobs where key = ${from}
    on conflict (key) do update
      set bytes = excluded.bytes, content_type = excluded.content_type, size_bytes = excluded.size_bytes,
          created_at = now()
    returning key`);
  return rows.length > 0;
}
