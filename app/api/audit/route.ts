import { parseAuditParams } from "@/app/(app)/audit/audit-params";
import { AppError } from "@/lib/errors";
import { handleSessionRoute } from "@/lib/http";
import { exportAuditCsv } from "@/services/audit/export";
import { authorize } from "@/services/auth/session";

/** The audit entries the Audit page's filters match, as a CSV download. */
export async function GET(request: Request): Promise<Response> {
  return handleSessionRoute(request, async () => {
    await authorize("audit:view");
    const { filter, problems } = parseAuditParams(Object.fromEntries(new URL(request.url).searchParams));
    // An export that quietly dropped a filter it could not read would hand over more than was asked for.
    if (problems.length > 0) throw new AppError("invalid:filter", problems.join(" "));
    const day = new Date().toISOString().slice(0, 10);
    return new Response(exportAuditCsv(filter), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="keel-audit-${day}.csv"`,
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      },
    });
  });
}
