import { headerFieldsOfKind, lineFieldsOfKind } from "../documents/fields";
import type { DocumentClass, ExtractedFields, Finding } from "../documents/types";
import { isCurrencyCode } from "../money";
import type { RuleContext } from "./context";
import { fieldLabel, lineFieldLabel, requiredFieldsByClass, requiredLineFieldsByClass, type FieldName } from "./fields";
import { finding, lineLabel, linePath, parseIsoDate } from "./support";

/** Each class's required fields are present, and what is present is well-formed. */
export function checkRequiredFields({ extraction }: Pick<RuleContext, "extraction">): Finding[] {
  const documentClass = extraction.documentClass.value;
  if (documentClass === null) {
    return [
      finding(
        "required-field-missing",
        "error",
        "Keel could not tell what kind of document this is. Set the document type.",
        ["documentClass"],
        { missing: ["documentClass"] },
      ),
    ];
  }
  return [...missingFields(extraction.fields, documentClass), ...invalidValues(extraction.fields)];
}

function missingFields(fields: ExtractedFields, documentClass: DocumentClass): Finding[] {
  const missing: string[] = [];
  const labels: string[] = [];
  for (const name of requiredFieldsByClass[documentClass]) {
    if (isPresent(fields, name)) continue;
    missing.push(name);
    labels.push(fieldLabel(name, documentClass));
  }
  fields.lines.forEach((line, index) => {
    for (const name of requiredLineFieldsByClass[documentClass]) {
      if (line[name].value !== null) continue;
      missing.push(linePath(index, name));
      labels.push(`${lineLabel(index)} ${lineFieldLabel(name)}`);
    }
  });
  if (missing.length === 0) return [];
  return [
    finding(
      "required-field-missing",
      "error",
      `This ${documentClass.replaceAll("_", " ")} is missing: ${labels.join(", ")}. Read them from the document or reject it.`,
      missing,
      { documentClass, missing },
    ),
  ];
}

function isPresent(fields: ExtractedFields, name: FieldName): boolean {
  if (name === "lines") return fields.lines.length > 0;
  if (name === "bankDetails") {
    const bank = fields.bankDetails.value;
    return bank !== null && (hasText(bank.iban) || hasText(bank.accountNumber));
  }
  const value = fields[name].value;
  return typeof value === "string" ? hasText(value) : value !== null;
}

function hasText(value: string | null): boolean {
  return value !== null && value.trim() !== "";
}

function invalidValues(fields: ExtractedFields): Finding[] {
  const problems: { field: string; message: string }[] = [];
  const currency = fields.currency.value;
  if (currency !== null && !isCurrencyCode(currency)) {
    problems.push({ field: "currency", message: `currency "${currency}" is not an ISO 4217 code` });
  }
  for (const name of headerFieldsOfKind("date")) {
    const value = fields[name].value;
    if (value !== null && parseIsoDate(value) === null) {
      problems.push({ field: name, message: `${fieldLabel(name, null)} "${value}" is not a calendar date` });
    }
  }
  for (const name of headerFieldsOfKind("money")) {
    const value = fields[name].value;
    if (value !== null && !Number.isSafeInteger(value)) {
      problems.push({
        field: name,
        message: `${fieldLabel(name, null)} ${String(value)} is not a whole number of minor units`,
      });
    }
  }
  fields.lines.forEach((line, index) => {
    for (const name of lineFieldsOfKind("money")) {
      const value = line[name].value;
      if (value !== null && !Number.isSafeInteger(value)) {
        problems.push({
          field: linePath(index, name),
          message: `${lineLabel(index)} ${lineFieldLabel(name)} ${String(value)} is not a whole number of minor units`,
        });
      }
    }
    const quantity = line.quantity.value;
    if (quantity !== null && !Number.isFinite(quantity)) {
      problems.push({ field: linePath(index, "quantity"), message: `${lineLabel(index)} quantity is not a number` });
    }
  });
  const iban = fields.bankDetails.value?.iban ?? null;
  if (iban !== null && hasText(iban) && !isValidIban(iban)) {
    problems.push({ field: "bankDetails", message: `IBAN ${iban} fails its checksum` });
  }
  return problems.map((problem) =>
    finding("invalid-field-value", "error", `The ${problem.message}. Correct it from the document.`, [problem.field], {
      field: problem.field,
    }),
  );
}

/** ISO 13616 mod-97 check: catches nearly every misread or mistyped IBAN. */
export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
