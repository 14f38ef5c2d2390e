import { z } from "zod";
import { handlingReportSchema } from "@/domain/operations/handling";
import { handleSessionRoute } from "@/lib/http";
import { AppError } from "@/lib/errors";
import { authorize } from "@/services/auth/session";
import { recordHandling } from "@/services/tasks/handling";

/**
 * The task page's measured handling time, sent with navigator.sendBeacon as the page is hidden or every 15 s while
 * a person works it. Answers 204 whether or not the time counted: a report after the decision is simply ignored.
 */
export async function POST(request: Request, { params }: { params: Promise<{ taskId: string }> }): Promise<Response> {
  return handleSessionRoute(request, async () => {
    const user = await authorize("inbox:view");
    const { taskId } = await params;
    if (!z.uuid().safeParse(taskId).success)
      throw new AppError("not_found:task", "This task does not exist or is not yours.");
    const report = handlingReportSchema.safeParse(await readJson(request));
    if (!report.success)
      throw new AppError("bad_request:handling", report.error.issues.map((issue) => issue.message).join(" "));
    await recordHandling(user, taskId, report.data);
    return new Response(null, { status: 204 });
  });
}

async function readJson(request: Request): Promise<unknown> {
  if (Number(request.headers.get("content-length") ?? 0) > 1_000)
    throw new AppError("bad_request:handling", 'Send a small JSON body such as {"ms": 15000}.');
  const text = await request.text();
  if (text.length > 1_000) throw new AppError("bad_request:handling", 'Send a small JSON body such as {"ms": 15000}.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request:handling", 'Send the body as JSON, such as {"ms": 15000}.');
  }
}
