import { createHash } from "node:crypto";
import { extractDeterministic } from "@/ai/deterministic/extract";
import type { ExtractedText, Field } from "@/domain/documents/types";
import { isCurrencyCode, toDecimalString } from "@/domain/money";
import type { Scripted } from "../fakes/anthropic-server";

/**
 * A stand-in model for recording eval answers against the fake Messages API: it reads the document in the request
 * with the deterministic extractor and answers with that, changed by noise chosen from a hash of the document (a
 * dropped tax id, a total a cent off, a due date left out, a first answer outside the schema, a 429 before the
 * answer). It never sees the fixtures' expectations, so its scores are its own; the record says it was the fake.
 */
export function fakeModelAnswer(): (body: Record<string, unknown>) => Scripted {
  const seen = new Set<string>();
  return (body) => {
    const messages = body.messages as { role: string; content: unknown }[];
    const first = messages[0]?.content;
    const text = documentOf(typeof first === "string" ? first : "");
    const roll = parseInt(
      createHash("sha256")
        .update(text.pages.map((p) => p.text).join("\f"))
        .digest("hex")
        .slice(0, 8),
      16,
    );
    const key = `${String(body.model)}:${String(roll)}`;
    const firstTime = !seen.has(key);
    seen.add(key);
    if (firstTime && roll % 50 === 0) return { kind: "status", status: 429, retryAfter: "0" };
    // Now and then no tool call at all: the provider gives up on the case, and the eval counts a miss.
    if (roll % 60 === 7) return { kind: "text", text: "I could not find the fields in this document." };
    const correcting = messages.length > 1;
    return { kind: "tool", input: toolInput(text, roll, !correcting && roll % 25 === 1) };
  };
}

/** The pages as the user message wraps them (`userMessage` of ai/prompts/extract-v1.ts, which later versions share). */
export function documentOf(message: string): ExtractedText {
  const pages = [...message.matchAll(/<page number="(\d+)">\n([\s\S]*?)\n<\/page>/g)].map((m) => ({
    page: Number(m[1]),
    text: m[2] ?? "",
    spans: [],
  }));
  return { source: "text", pages, warnings: [] };
}

function toolInput(text: ExtractedText, roll: number, malformed: boolean): Record<string, unknown> {
  const extraction = extractDeterministic(text);
  const f = extraction.fields;
  const currency = f.currency.value && isCurrencyCode(f.currency.value) ? f.currency.value : null;
  const money = (minor: number) => toDecimalString({ minor, currency: currency ?? "EUR" });
  const same = <T>(v: T) => v;
  const total = f.totalMinor.value;
  return {
    documentClass: field(extraction.documentClass, same),
    vendorName: field(f.vendorName, same),
    vendorTaxId: roll % 7 === 0 ? absent : field(f.vendorTaxId, same),
    documentNumber: field(f.documentNumber, same),
    poNumber: field(f.poNumber, same),
    // A date as the page prints it is the mistake models make most: the schema refuses it and the provider asks again.
    issueDate: malformed ? { ...field(f.issueDate, same), value: "04.03.2025" } : field(f.issueDate, same),
    dueDate: roll % 13 === 0 ? absent : field(f.dueDate, same),
    currency: currency ? field(f.currency, same) : absent,
    subtotal: field(f.subtotalMinor, money),
    tax: field(f.taxMinor, money),
    total:
      roll % 11 === 0 && total !== null
        ? { ...field(f.totalMinor, money), value: money(total + 1) }
        : field(f.totalMinor, money),
    paymentTerms: field(f.paymentTerms, same),
    bankDetails: field(f.bankDetails, same),
    lines: f.lines.map((line) => ({
      description: field(line.description, same),
      quantity: field(line.quantity, same),
      unitPrice: field(line.unitPriceMinor, money),
      amount: field(line.amountMinor, money),
    })),
  };
}

const absent = { value: null, confidence: 0, evidence: null };

function field<T, U>(f: Field<T>, convert: (v: T) => U) {
  if (f.value === null) return absent;
  const quote = f.evidence?.text.trim().slice(0, 500);
  return {
    value: convert(f.value),
    confidence: Math.round(Math.min(0.99, f.confidence + 0.05) * 100) / 100,
    evidence: f.evidence && quote ? { page: f.evidence.page, quote } : null,
  };
}
