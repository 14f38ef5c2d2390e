import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/app-shell";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { listUsers } from "@/db/queries/users";
import { formatMoney, toDecimalString } from "@/domain/money";
import { roleLabels } from "@/domain/users";
import { requirePermission } from "@/services/auth/session";
import { CreateUserDialog } from "./_components/create-user-dialog";
import { EditUserDialog } from "./_components/edit-user-dialog";
import { formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Users" };

const roleTone = { operator: "neutral", approver: "info", admin: "warning" } as const;

export default async function UsersPage() {
  const admin = await requirePermission("users:manage");
  const users = await listUsers();
  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in, what they may do, and how much they may approve."
        actions={<CreateUserDialog />}
      />
      <Table aria-label="Users">
        <TableColumns
          columns={["Name", "Email", "Role", { label: "Approval limit", className: "text-right" }, "Last sign-in"]}
          actions
        />
        <TableBody>
          {users.map((user) => (
            <TableRow key={user.id}>
              <TableCell className="font-medium">
                {user.name}
                {user.id === admin.id ? <span className="ml-2 text-xs text-slate-500">(you)</span> : null}
              </TableCell>
              <TableCell>{user.email}</TableCell>
              <TableCell>
                <Badge tone={roleTone[user.role]}>{roleLabels[user.role]}</Badge>
              </TableCell>
              <TableCell className="text-right tabular-nums">
                {formatMoney({ minor: user.approvalLimitMinor, currency: user.approvalCurrency })}
              </TableCell>
              <TableCell className="text-slate-600">
                {user.lastSignInAt ? formatUtc(user.lastSignInAt) : "Never"}
              </TableCell>
              <TableCell className="text-right">
                <EditUserDialog
                  user={{
                    id: user.id,
                    name: user.name,
                    role: user.role,
                    approvalLimit: toDecimalString({ minor: user.approvalLimitMinor, currency: user.approvalCurrency }),
                    approvalCurrency: user.approvalCurrency,
                  }}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
