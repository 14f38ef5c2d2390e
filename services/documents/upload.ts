import type { CreateDocumentResult } from "@/db/queries/documents";
import type { Document } from "@/db/schema";
import { getUserByEmail } from "@/db/queries/users";
import { can } from "@/domain/permissions";
import { isIntakeError } from "@/intake/errors";
import { readUploadFile, type Upload } from "@/intake/read-upload";
import { AppError, errorBody } from "@/lib/errors";
import { receiveDocument, type BucketUpload } from "@/services/documents/receive";

type Person = { id: string; email: string };

/** Who sent an upload: a signed-in person on Keel's page, an API key, or an operator at the CLI, maybe as a user. */
export type Uploader =
  | { via: "browser"; user: Person }
  | { via: "api"; apiKey: { id: string; name: string; prefix: string } }
  | { via: "cli"; user: Person | null };

/** Stores an upload as a document and starts its run; the CLI's upload is the browser's, done by its user. */
export async function receiveUpload(
  upload: Upload,
  by: Uploader,
  from: BucketUpload = {},
): Promise<CreateDocumentResult> {
  return receiveDocument({ ...upload, ...receivedFrom(by), ...from });
}

/** What an upload answers, and the document it made, which an API key may then read. */
export type UploadAnswer = { status: number; body: unknown; documentId: string | null };

/**
 * Receives an HTTP upload and says what its caller sees: 201 with the new document, 200 with the one these bytes
 * already are, or a refused file's status and body. A refusal is an answer, not a throw, so an API upload keeps
 * it under its Idempotency-Key like any other.
 */
export async function answerUpload(upload: Upload, by: Uploader, from: BucketUpload = {}): Promise<UploadAnswer> {
  try {
    const { document, duplicate } = await receiveUpload(upload, by, from);
    return uploadAnswer(document, duplicate, by);
  } catch (error) {
    if (!isIntakeError(error)) throw error;
    return { status: error.status, body: errorBody(error), documentId: null };
  }
}

/** 201 with a new document, 200 with the one the bytes already were; an API key also gets where to read it. */
export function uploadAnswer(
  document: Pick<Document, "id" | "filename" | "status">,
  duplicate: boolean,
  by: Uploader,
): UploadAnswer {
  const body = { id: document.id, filename: document.filename, status: document.status, duplicate };
  return {
    status: duplicate ? 200 : 201,
    body: by.via === "api" ? { ...body, url: `/api/v1/documents/${document.id}` } : body,
    documentId: document.id,
  };
}

function receivedFrom(by: Uploader) {
  if (by.via === "api") {
    const { apiKey } = by;
    return {
      source: "api",
      apiKeyId: apiKey.id,
      actor: { id: null, label: `api key ${apiKey.name} (${apiKey.prefix})` },
    } as const;
  }
  if (!by.user) return { source: "upload", uploadedBy: null, actor: { id: null, label: "cli" } } as const;
  return { source: "upload", uploadedBy: by.user.id, actor: { id: by.user.id, label: by.user.email } } as const;
}

/** The CLI's upload: the file at `filePath`, uploaded by the user with the email `asEmail`, or by "cli" without one. */
export async function uploadFile(filePath: string, asEmail?: string): Promise<CreateDocumentResult> {
  const user = asEmail === undefined ? null : await uploaderByEmail(asEmail);
  return receiveUpload(await readUploadFile(filePath), { via: "cli", user });
}

async function uploaderByEmail(email: string): Promise<{ id: string; email: string }> {
  const user = await getUserByEmail(email);
  if (!user)
    throw new AppError(
      "not_found:user",
      `--as: no user has the email ${email}. Create one with create-user, or leave --as out.`,
    );
  if (!can(user, "documents:upload"))
    throw new AppError("forbidden:documents:upload", `--as: ${user.email} may not upload documents.`);
  return user;
}
