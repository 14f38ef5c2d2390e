import type { Metadata } from "next";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { listVendors } from "@/db/queries/vendors";
import { requirePermission } from "@/services/auth/session";
import { VendorDialog } from "./_components/vendor-dialog";

export const metadata: Metadata = { title: "Vendors" };

export default async function VendorsPage() {
  await requirePermission("vendors:manage");
  const vendors = await listVendors();
  return (
    <>
      <PageHeader
        title="Vendors"
        description="Master data every document is checked against."
        actions={<VendorDialog />}
      />
      {vendors.length === 0 ? (
        <ComingSoon>
          No vendors yet. Add the vendors you buy from; documents from unknown vendors always go to a person.
        </ComingSoon>
      ) : (
        <Table aria-label="Vendors">
          <TableColumns columns={["Name", "Tax id", "Currency", "Bank account"]} actions />
          <TableBody>
            {vendors.map((v) => (
              <TableRow key={v.id}>
                <TableCell>
                  <span className="font-medium">{v.name}</span>
                  {v.aliases.length ? <p className="text-xs text-slate-500">also: {v.aliases.join(", ")}</p> : null}
                </TableCell>
                <TableCell>{v.taxId ?? "—"}</TableCell>
                <TableCell>{v.currency}</TableCell>
                <TableCell className="font-mono text-xs">{v.iban ?? v.accountNumber ?? "—"}</TableCell>
                <TableCell className="text-right">
                  <VendorDialog
                    vendor={{
                      id: v.id,
                      name: v.name,
                      aliases: v.aliases.join(", "),
                      taxId: v.taxId ?? "",
                      currency: v.currency,
                      iban: v.iban ?? "",
                      bic: v.bic ?? "",
                      accountNumber: v.accountNumber ?? "",
                      sortCode: v.sortCode ?? "",
                      accountName: v.accountName ?? "",
                      address: v.address ?? "",
                      email: v.email ?? "",
                    }}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
