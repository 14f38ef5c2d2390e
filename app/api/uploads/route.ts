import { AppError } from "@/lib/errors";
import { directUploadSchema, startDirectUpload } from "@/services/documents/direct-upload";
import { asUploader } from "./uploader";

const example = '{"filename": "scan.pdf", "size": 41943040, "contentType": "application/pdf", "sha256": "<64 hex>"}';

/**
 * Step one of an upload larger than a function may receive: the file announced as JSON; the answer is a PUT URL
 * for exactly that file in the bucket and the URL to complete it. The file itself never passes through Keel.
 */
export async function POST(request: Request): Promise<Response> {
  return asUploader(request, async (by) => {
    const parsed = directUploadSchema.safeParse(await readJson(request));
    if (!parsed.success)
      throw new AppError(
        "invalid:upload",
        parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join(" "),
      );
    return Response.json(await startDirectUpload(parsed.data, by), { status: 201 });
  });
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > 4_000) throw new AppError("bad_request:upload", `Send only the file's description, as ${example}.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request:upload", `Send the file's description as JSON, such as ${example}.`);
  }
}

// Reaches the object store (a presigned URL, an S3 client's first connection); Vercel reads this.
export const maxDuration = 60;
