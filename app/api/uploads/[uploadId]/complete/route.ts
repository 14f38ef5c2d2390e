import { completeDirectUpload } from "@/services/documents/direct-upload";
import { asUploader } from "../../uploader";

/**
 * Step two: the file is in the bucket; Keel checks it against what was announced and as every upload, and answers
 * as POST /api/documents does (201 new, 200 the same bytes again, or the refused file's status and reason).
 */
export async function POST(request: Request, { params }: { params: Promise<{ uploadId: string }> }): Promise<Response> {
  return asUploader(request, async (by) => {
    const { uploadId } = await params;
    const { status, body } = await completeDirectUpload(uploadId, by);
    return Response.json(body, { status });
  });
}

// Reading the file back from the bucket, hashing, sniffing and storing it; Vercel reads this.
export const maxDuration = 60;
