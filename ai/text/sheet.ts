import ExcelJS from "exceljs";
import Papa from "papaparse";

import type { ExtractedText, TextPage, TextSpan } from "@/domain/documents/types";
import { detectDelimiter } from "@/intake/delimiter";
import { decodeText } from "@/intake/encoding";
import { IntakeError, formatBytes } from "@/intake/errors";
import { checkZipExpansion, resolveLimits, type IntakeLimits } from "@/intake/limits";
import { inflateEntry, type ZipEntry } from "@/intake/zip";

import { withTimeout } from "@/lib/timeout";

export type SheetOptions = {
  limits?: Partial<
    Pick<IntakeLimits, "maxUncompressedBytes" | "maxZipEntries" | "maxSheetBytes" | "maxCsvCells" | "maxCsvColumns">
  >;
  /** "all" makes a page of every visible sheet that has content; "first" only of the first such sheet. */
  sheets?: "all" | "first";
  /** Rows read per sheet (or CSV); the rest is dropped with a warning. */
  maxRows?: number;
  timeoutMs?: number;
};

export const defaultSheetOptions = { sheets: "all" as "all" | "first", maxRows: 10_000, timeoutMs: 30_000 };

/** Cells are joined by two spaces, so "Total  1,234.56" reads like a label beside its value, as on paper. */
const cellSeparator = "  ";

export function extractCsv(bytes: Uint8Array, options: SheetOptions = {}): ExtractedText {
  const maxRows = options.maxRows ?? defaultSheetOptions.maxRows;
  const limits = resolveLimits(options.limits);
  const decoded = decodeText(bytes);
  const delimiter = detectDelimiter(decoded.text, { minConsistency: 0.5 }) ?? "";
  const rows: string[][] = [];
  const errors: Papa.ParseError[] = [];
  const seen = { rows: 0, cells: 0, cut: false };
  // Row by row, so the cell budget stops the parser itself rather than judging what it already built.
  Papa.parse<string[]>(decoded.text, {
    // An empty delimiter lets papaparse guess among the same candidates.
    delimiter,
    delimitersToGuess: [",", ";", "\t", "|"],
    skipEmptyLines: "greedy",
    step: (result, parser) => {
      const row = result.data;
      if (row.length > limits.maxCsvColumns) throw tooWide(row.length, limits.maxCsvColumns);
      errors.push(...result.errors);
      seen.cells += row.length;
      seen.rows++;
      if (seen.cells > limits.maxCsvCells) {
        if (seen.rows <= maxRows) throw tooManyCells(limits.maxCsvCells);
        seen.cut = true;
        parser.abort();
        return;
      }
      if (seen.rows <= maxRows) rows.push(row);
    },
  });
  const warnings = errors.slice(0, 3).map((error) => `CSV row ${(error.row ?? 0) + 1}: ${error.message}.`);
  if (decoded.encoding === "windows-1252")
    warnings.push("The file is not UTF-8; it was read as Windows-1252 (Latin-1).");
  if (seen.cut) warnings.push(`Only the first ${maxRows} rows were read.`);
  else if (seen.rows > maxRows) warnings.push(`Only the first ${maxRows} of ${seen.rows} rows were read.`);
  const page = renderRows(1, rows);
  return { source: "csv", pages: [page], warnings };
}

function tooWide(columns: number, limit: number): IntakeError {
  return new IntakeError(
    "too_large",
    `The CSV has a row of ${columns.toLocaleString("en")} columns; the limit is ${limit.toLocaleString("en")}. Check that it was exported with the right delimiter, or keep only the columns you need, and upload again.`,
    { columns, maxCsvColumns: limit },
  );
}

function tooManyCells(limit: number): IntakeError {
  return new IntakeError(
    "too_large",
    `The CSV has more than ${limit.toLocaleString("en")} cells, the limit. Split it into smaller files and upload them one by one.`,
    { maxCsvCells: limit },
  );
}

export async function extractXlsx(bytes: Uint8Array, options: SheetOptions = {}): Promise<ExtractedText> {
  const settings = {
    sheets: options.sheets ?? defaultSheetOptions.sheets,
    maxRows: options.maxRows ?? defaultSheetOptions.maxRows,
    timeoutMs: options.timeoutMs ?? defaultSheetOptions.timeoutMs,
  };
  // exceljs unpacks the whole file in memory and builds an object per cell, so sizes are checked first.
  const limits = resolveLimits(options.limits);
  const { entries } = checkZipExpansion(bytes, limits);
  checkSheetSizes(bytes, entries, limits.maxSheetBytes);
  const workbook = new ExcelJS.Workbook();
  await withTimeout(
    "Reading the spreadsheet",
    settings.timeoutMs,
    workbook.xlsx.load(toArrayBuffer(bytes)).catch((error: unknown) => {
      throw new IntakeError(
        "unreadable",
        "The spreadsheet is damaged and cannot be opened. Re-save it as .xlsx or CSV and upload it again.",
        { reason: String(error) },
      );
    }),
  );
  const pages: TextPage[] = [];
  const warnings: string[] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== "visible") continue;
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      if (rows.length > settings.maxRows) return;
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = cellText(cell.value, cell.numFmt);
      });
      rows.push(Array.from(cells, (cell: string | undefined) => cell ?? ""));
    });
    if (rows.every((row) => row.every((cell) => cell.trim() === ""))) continue;
    if (rows.length > settings.maxRows)
      warnings.push(`Sheet "${sheet.name}": only the first ${settings.maxRows} rows were read.`);
    pages.push(renderRows(pages.length + 1, rows.slice(0, settings.maxRows)));
    if (settings.sheets === "first") break;
  }
  if (pages.length === 0) warnings.push("The spreadsheet has no visible sheet with content.");
  return { source: "xlsx", pages, warnings };
}

const sheetParts = /^xl\/(worksheets\/[^/]+|sharedStrings)\.xml$/i;

/**
 * Each sheet and the shared strings, unpacked under the per-sheet limit (declared sizes can lie): exceljs needs
 * about twenty times a sheet's XML in memory and seconds per ten megabytes.
 */
function checkSheetSizes(bytes: Uint8Array, entries: ZipEntry[], maxSheetBytes: number): void {
  for (const entry of entries) {
    if (!sheetParts.test(entry.name)) continue;
    const fits = entry.uncompressedSize <= maxSheetBytes && inflateEntry(bytes, entry, maxSheetBytes) !== null;
    if (fits) continue;
    const part = entry.name.toLowerCase().includes("sharedstrings")
      ? "The spreadsheet's text"
      : "A sheet of the spreadsheet";
    throw new IntakeError(
      "too_large",
      `${part} unpacks to more than ${formatBytes(maxSheetBytes)}, the limit for one sheet. Split the workbook into smaller files (or export the rows you need as CSV) and upload again.`,
      { entry: entry.name, declaredBytes: entry.uncompressedSize, maxSheetBytes },
    );
  }
}

/** exceljs types its input as its own `Buffer extends ArrayBuffer`; an exact-length ArrayBuffer satisfies both. */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

/** One line per row; empty cells are skipped so a label stays next to its value however far apart the columns are. */
function renderRows(pageNumber: number, rows: string[][]): TextPage {
  let text = "";
  const spans: TextSpan[] = [];
  for (const row of rows) {
    const cells = row.map((cell) => cell.replace(/\s+/g, " ").trim()).filter((cell) => cell !== "");
    if (cells.length === 0) continue;
    if (text !== "") text += "\n";
    cells.forEach((cell, index) => {
      if (index > 0) text += cellSeparator;
      spans.push({ text: cell, start: text.length, end: text.length + cell.length });
      text += cell;
    });
  }
  return { page: pageNumber, text, spans };
}

/** What the cell shows: a formula's result, dates as ISO, numbers with the decimals their format asks for. */
export function cellText(value: ExcelJS.CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return isoDate(value);
  if (typeof value === "number") return formatNumber(value, numFmt);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("error" in value) return value.error;
  if ("hyperlink" in value) return typeof value.text === "string" ? value.text : cellText(value.text);
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result ?? null, numFmt);
  return "";
}

function formatNumber(value: number, numFmt?: string): string {
  const format = numFmt?.split(";")[0] ?? "";
  const decimals = /0\.(0+)/.exec(format)?.[1]?.length;
  if (format.includes("%")) return `${(value * 100).toFixed(decimals ?? 0)}%`;
  if (decimals !== undefined) return value.toFixed(decimals);
  // Floats from spreadsheets carry noise such as 0.30000000000000004; 15 significant digits is what Excel shows.
  return String(Number(value.toPrecision(15)));
}

function isoDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}
