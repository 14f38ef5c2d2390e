import type { Metadata } from "next";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { listApiKeys } from "@/db/queries/api-keys";
import { requirePermission } from "@/services/auth/session";
import { CreateApiKeyForm, RevokeButton } from "./_components/api-key-controls";
import { formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "API keys" };

const when = (d: Date | null) => (d ? formatUtc(d) : "Never");

export default async function ApiKeysPage() {
  await requirePermission("api_keys:manage");
  const keys = await listApiKeys();
  return (
    <>
      <PageHeader
        title="API keys"
        description="POST /api/v1/documents with `Authorization: Bearer <key>` and an Idempotency-Key header."
      />
      <CreateApiKeyForm />
      {keys.length === 0 ? (
        <ComingSoon>No API keys yet.</ComingSoon>
      ) : (
        <Table aria-label="API keys">
          <TableColumns columns={["Name", "Key", "Reads", "Created", "Last used"]} actions />
          <TableBody>
            {keys.map((k) => (
              <TableRow key={k.id}>
                <TableCell className="font-medium">{k.name}</TableCell>
                <TableCell className="font-mono text-xs">keel_{k.prefix}_…</TableCell>
                <TableCell>{k.scope === "read_all" ? "Every document" : "Its own uploads"}</TableCell>
                <TableCell>{when(k.createdAt)}</TableCell>
                <TableCell>{when(k.lastUsedAt)}</TableCell>
                <TableCell className="text-right">
                  {k.revokedAt ? <Badge>Revoked</Badge> : <RevokeButton keyId={k.id} name={k.name} />}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
