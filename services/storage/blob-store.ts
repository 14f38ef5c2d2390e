/** What a stored object is, without its bytes. */
export type BlobHead = { size: number; contentType: string };

/** A URL the browser PUTs one object to, and the headers it must send exactly as given (they are signed). */
export type PresignedPut = { url: string; headers: Record<string, string>; expiresAt: Date };

export type PresignOptions = { size: number; contentType: string; expiresIn: number };

/**
 * Where Keel keeps bytes (originals, uploads in flight), by key. Keys are paths of safe characters
 * (`originals/<sha256>`); `put` replaces what a key held.
 */
export type BlobStore = {
  readonly kind: "postgres" | "s3";
  put(key: string, bytes: Uint8Array, options: { contentType: string }): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  head(key: string): Promise<BlobHead | null>;
  delete(key: string): Promise<void>;
  /** Copies one object to another key inside the store, so bytes already there are not sent through Keel again. */
  copy(from: string, to: string, options: { contentType: string }): Promise<void>;
  /**
   * A PUT scoped to one key, one size and one type, valid for `expiresIn` seconds; absent when the store cannot
   * take bytes from a browser directly (Postgres), so callers say so instead of failing later.
   */
  presignPut?: (key: string, options: PresignOptions) => Promise<PresignedPut>;
};

const keyPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Refuses keys that could escape a prefix or be read differently by two stores (`..`, spaces, a leading slash). */
export function assertBlobKey(key: string): void {
  if (key.length > 512 || !keyPattern.test(key) || key.split("/").includes("..")) {
    throw new Error(`invalid blob key ${JSON.stringify(key)}: use letters, digits, . _ - and / between parts`);
  }
}
