/** What the dropzone shows for one file: the document it became, or why it did not. */
export type UploadAnswer = { id?: string; duplicate?: boolean; error?: { message: string } };
export type SentFile = { status: number; body: UploadAnswer };

type Ticket = { method: "PUT"; url: string; headers: Record<string, string>; completeUrl: string };

const refused = (status: number, message: string): SentFile => ({ status, body: { error: { message } } });

async function answerOf(response: Response): Promise<SentFile> {
  try {
    return { status: response.status, body: (await response.json()) as UploadAnswer };
  } catch {
    return refused(response.status, "The server's answer could not be read. Try again.");
  }
}

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The PUT to the bucket, through XHR because fetch reports no upload progress. */
function putFile(ticket: Ticket, file: File, onProgress: (fraction: number) => void): Promise<number> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(ticket.method, ticket.url);
    for (const [name, value] of Object.entries(ticket.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      resolve(xhr.status);
    };
    xhr.onerror = () => {
      resolve(0);
    };
    xhr.send(file);
  });
}

/**
 * A file sent past Keel's functions, whose bodies are limited: announced with its size, type and SHA-256, PUT to
 * the bucket at the URL Keel signed for it, then completed, when Keel checks the stored bytes and makes the
 * document. Answers as the direct upload does.
 */
export async function sendThroughBucket(file: File, onProgress: (fraction: number) => void): Promise<SentFile> {
  let sha256: string;
  try {
    sha256 = await sha256Hex(file);
  } catch {
    return refused(0, "This browser could not read the file to check it. Open Keel over https and try again.");
  }
  const started = await fetch("/api/uploads", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      filename: file.name,
      size: file.size,
      contentType: file.type || "application/octet-stream",
      sha256,
    }),
  }).catch(() => null);
  if (!started) return refused(0, "The upload was interrupted. Check your connection and try again.");
  if (!started.ok) return answerOf(started);
  const ticket = (await started.json()) as Ticket;
  const stored = await putFile(ticket, file, onProgress);
  if (stored < 200 || stored >= 300)
    return refused(
      stored,
      stored === 0
        ? "The file could not reach storage. Check your connection and try again; if it keeps failing, ask an admin to allow Keel's address in the bucket's CORS settings."
        : `Storage refused the file (HTTP ${String(stored)}). Try again; if it keeps failing, ask an admin to check the bucket.`,
    );
  const completed = await fetch(ticket.completeUrl, { method: "POST" }).catch(() => null);
  if (!completed) return refused(0, "The upload was interrupted. Check your connection and try again.");
  return answerOf(completed);
}
