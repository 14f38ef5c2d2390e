import { randomBytes, randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDocumentById, getLatestExtraction, listDocumentEvents } from "@/db/queries/documents";
import { createVendor } from "@/db/queries/vendors";
import { until } from "../engine/helpers";
import { withPipeline } from "./harness";

withPipeline();

async function receive(text: string) {
  const { receiveDocument } = await import("@/services/documents/receive");
  return receiveDocument({
    bytes: new TextEncoder().encode(text),
    filename: `invoice-${randomBytes(3).toString("hex")}.txt`,
    source: "upload",
    actor: { id: null, label: "test" },
    uploadedBy: null,
  });
}

/** Waits until the checks ran (they record a step either way) and returns the document. */
async function checked(documentId: string) {
  await until("the checks to run", async () =>
    (await listDocumentEvents(documentId)).some((e) => /^(?:Checks passed|Needs a person|Nothing else)/u.test(e.label)),
  );
  const document = await getDocumentById(documentId);
  if (!document) throw new Error("document vanished");
  return document;
}

/** A German invoice whose letterhead prints a trading name the vendor master does not know, with no tax id or IBAN. */
function invoiceUnderTradingName(tradingName: string, domain: string): string {
  return [
    tradingName,
    "Gewerbering 12 · 48155 Münster",
    `Tel. 0251 987650 · rechnung@${domain}`,
    "",
    "Rechnungsadresse",
    "Gasthof Zur Linde GmbH",
    "Marktplatz 4",
    "48143 Münster",
    "",
    "RECHNUNG",
    `Rechnungsnummer: RA-${String(randomInt(1000, 9999))}`,
    "Rechnungsdatum: 07.04.2025",
    "",
    "Wartung Kühlzelle                              78,00",
    "Nettobetrag                                    78,00 €",
    "zzgl. 19 % USt.                                14,82 €",
    "Rechnungsbetrag                                92,82 €",
  ].join("\n");
}

describe("known vendors at check time", () => {
  it("matches a vendor on file by its email domain in the text when the printed name is not on file", async () => {
    const domain = `kaelte-${randomBytes(3).toString("hex")}.de`;
    const created = await createVendor(
      { name: `Kälte Rasch ${randomBytes(2).toString("hex")} GmbH`, currency: "EUR", email: `ap@${domain}` },
      { id: null, label: "test" },
    );
    if (!created.ok) throw new Error("vendor not created");
    const received = await receive(invoiceUnderTradingName("Klimaservice Münsterland", domain));

    const document = await checked(received.document.id);
    const extraction = await getLatestExtraction(document.id);
    // The extractor read the trading name, which no vendor on file carries: only the text's domain points at one.
    expect(extraction?.extraction.fields.vendorName.value).toBe("Klimaservice Münsterland");
    expect(document.vendorId).toBe(created.vendor.id);
  });

  it("leaves a seller whose domain no vendor on file has unknown", async () => {
    const received = await receive(
      invoiceUnderTradingName("Klimaservice Emsland", `emsland-${randomBytes(3).toString("hex")}.de`),
    );
    const document = await checked(received.document.id);
    expect(document.vendorId).toBeNull();
  });
});
