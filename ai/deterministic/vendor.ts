import { allMatches } from "@/domain/parse/matches";
import type { DocumentClass, Evidence, Field } from "@/domain/documents/types";
import { findTaxIds, normalizeTaxId } from "@/domain/parse/identifiers";
import { editDistance } from "@/domain/rules/name-distance";
import type { DocContext } from "./context";
import { emptyField, field } from "./fields";
import { documentTitleWords, taxIdLabels, vendorLabels } from "./labels";
import { evidenceAt, segments, type Line } from "./lines";
import { findLabels, foldAccents, valueNear, type Reader } from "./locate";
import { isBankName, isPlausibleName, isRegistryLine, legalForm } from "./name-shape";
import { buyerRegions, inRegion, nameKey, sellerLabels, type Region } from "./parties";
import { bestSellerName, minimumScore, scoreSellerNames } from "./seller";

export type KnownVendor = { name: string; aliases: string[]; taxId?: string };

const legalFormOnly =
  /^(?:inc|llc|ltd|limited|plc|gmbh|ag|kg|sarl|srl|s\.?\s?[al]\.?|b\.?v\.?|n\.?v\.?|ab|as|oy|pty\.?\s*ltd)\.?$/iu;
const addressLike =
  /^\d+[\s,]|\b\d{4,5}\s+\p{L}|\b(?:street|st\.|road|rd\.|avenue|ave\.|lane|suite|floor|straße|strasse|str\.|weg|platz|rue|avenue|boulevard|calle|avda|avenida|via|viale|piazza|straat|laan|plein|ul\.|rua|jalan|jln|taman|lorong|p\.?o\.?\s*box|postfach)\b/iu;
const contactLike = /@|https?:|www\.|\b(?:tel|phone|fax|email|e-mail|web|iban|bic|swift)\b|\+\d/iu;
const labelLike = /^[\p{L} .]{2,30}:\s*\S/u;

/** The blocks under a "Vendor:" / "Lieferant:" label, shaped like customer regions. */
/** Whether a label hit starts its cell: only blank (or a bullet) before it since the last wide gap. */
function opensCell(hit: { line: Line; start: number }): boolean {
  const before = hit.line.text.slice(Math.max(0, hit.start - 80), hit.start);
  return /(?:^|\s{2,}|\t|[·|•])\s*$/u.test(before);
}

function vendorBlocks(ctx: DocContext): Region[] {
  return findLabels(ctx.lines, vendorLabels).map((hit) => {
    let to = hit.line.index;
    while (to + 1 < ctx.lines.length && to - hit.line.index < 7 && (ctx.lines[to + 1]?.text.trim() ?? "") !== "")
      to += 1;
    return { from: hit.line.index, to, x: hit.line.x(hit.start) };
  });
}

// A word of a name is at most 61 characters: unbounded, every capital of a long word restarted a scan to its end.
const companyInProse =
  /(?:(?:\(?\p{Lu}[\p{L}\d&'’.-]{0,60}\)?|&)\s+){1,5}(?:Inc\.?|LLC|Ltd\.?|Limited|plc|PLC|Corp\.?|GmbH(?:\s*&\s*Co\.?\s*KG)?|AG|KG|OHG|SARL|SAS|S\.A\.S?\.?|S\.L\.|S\.r\.l\.|S\.p\.A\.|B\.V\.|N\.V\.|Sp\.\s*z\s*o\.o\.|Pty\.?\s*Ltd\.?|Pvt\.?\s*Ltd\.?|Private\s+Limited|AB|ApS|Oy|Lda\.?)(?![\p{L}])/gu;

const readName: Reader<string> = (text) => {
  const cell = /[^\s:#\-–|][^]*?(?=\s{2,}|\t|$)/u.exec(text);
  if (!cell) return [];
  let value = cell[0].replace(/[\s,;]+$/u, "");
  // "Acme LLC, Account 0001234, Routing 0710" or "Acme GmbH, Hafenweg 3": the name ends at its legal form or comma.
  const form = [...allMatches(companyInProse, value)][0];
  const comma = /,\s/u.exec(value);
  const formBeforeComma = namedUpToForm(value);
  if (form && form.index === 0) value = form[0];
  else if (formBeforeComma) value = formBeforeComma;
  else if (comma && /\d/u.test(value.slice(comma.index))) value = value.slice(0, comma.index);
  if (!/\p{L}{2,}/u.test(value) || contactLike.test(value) || addressLike.test(value) || /:$/u.test(value)) return [];
  return [{ start: cell.index, end: cell.index + value.length, value }];
};

/** "Redwood Signworks, Inc., PO Box 4410": the name runs to the last comma-separated part that is a legal form. */
function namedUpToForm(value: string): string | null {
  let best: string | null = null;
  let from = 0;
  for (let i = 0; i < 6; i++) {
    const comma = value.indexOf(",", from);
    const part = (comma < 0 ? value : value.slice(0, comma)).trim();
    if (i > 0 && legalForm.test(part)) best = part;
    if (comma < 0) break;
    from = comma + 1;
  }
  return best;
}

export function extractVendorName(ctx: DocContext, known: KnownVendor[]): Field<string> {
  const regions = buyerRegions(ctx);
  const fromKnown = matchKnownVendor(ctx, known, regions);
  if (fromKnown) return field(fromKnown.vendor.name, fromKnown.confidence, fromKnown.evidence);

  const email = isEmail(ctx);
  for (const hit of findLabels(ctx.lines, sellerLabels)) {
    // A heading opens its cell ("Sold by:", "Lieferant"); "… on behalf of the seller by …" is prose. An email's
    // "From:" header names a person's mailbox, which the sender rules below weigh.
    if (!opensCell(hit) || (email && emailHeader.test(hit.line.text))) continue;
    // "Seller Centre", "Supplier Portal": a word right after the label makes a phrase of it, not a heading.
    if (/^ \p{L}/u.test(hit.line.text.slice(hit.end))) continue;
    const found = valueNear(ctx.lines, hit, readName);
    if (
      found &&
      isPlausibleName(found.value) &&
      !isBankName(found.value) &&
      !inRegion(regions, found.line, found.start)
    ) {
      return field(found.value, Math.min(0.85, found.confidence), evidenceAt(found.line, found.start, found.end));
    }
  }

  const all = ctx.lines.flatMap((line) =>
    issuerCells(line).map((c) => ({ ...c, line, buyer: inRegion(regions, line, c.start) })),
  );
  const cells = all.filter((c) => !c.buyer);
  const { scored, holder } = scoreSellerNames(
    ctx,
    cells,
    all.filter((c) => c.buyer),
    regions,
  );
  const best = bestSellerName(scored);
  const entity = (name: NameSpot, confidence: number): Field<string> => {
    // "THE HARCOURT HOTEL" heads the page, "Harcourt Hotels (Edinburgh) Limited" is who invoices: the legal entity
    // printed elsewhere under the same name is the seller's full name.
    const legal = legalForm.test(name.text)
      ? fullerName(name, cells)
      : legalEntityFor(name.text, legalNames(ctx, cells, holder, regions));
    // An account holder with a legal form is the entity paid: it outranks a letterhead slogan with none.
    const pick = legal ?? (holder && !legalForm.test(name.text) && bareName(holder.text) ? holder : name);
    return field(
      pick.text,
      legal ? Math.max(confidence, 0.7) : confidence,
      evidenceAt(pick.line, pick.start, pick.end),
    );
  };
  // A legal form or a second sign is enough to name the seller; a bare line at the top is only the last resort.
  if (best && best.score >= sureScore) return entity(best, Math.min(0.85, 0.35 + 0.1 * best.score));
  if (holder) return field(holder.text, 0.6, evidenceAt(holder.line, holder.start, holder.end));
  const inProse = nameInProse(ctx, regions);
  if (inProse) return field(inProse.text, 0.55, evidenceAt(inProse.line, inProse.start, inProse.end));
  const signed = signature(ctx, cells);
  if (signed) return field(signed.text, 0.5, evidenceAt(signed.line, signed.start, signed.end));
  if (email) {
    const sender = senderName(ctx);
    return sender ? field(sender.text, 0.3, evidenceAt(sender.line, sender.start, sender.end)) : emptyField();
  }
  // Nothing qualifies: no name, so the required-fields rule asks a person, rather than a guess dressed as sure.
  return best && best.score >= minimumScore ? entity(best, 0.4) : emptyField();
}

type NameSpot = { line: Line; start: number; end: number; text: string };

/**
 * Names with a legal form outside the buyer's blocks, the footer's legal lines first (where a business states its
 * entity: a cell of its own, else as a sentence names it), then the account holder, then the rest.
 */
function legalNames(ctx: DocContext, cells: NameSpot[], holder: NameSpot | null, regions: Region[]): NameSpot[] {
  const formed = (c: NameSpot): boolean => legalForm.test(c.text.replace(/[\s,;]+$/u, "")) && !labelLike.test(c.text);
  const registry = (line: Line): boolean => isRegistryLine(line.text);
  const prose: NameSpot[] = [];
  for (const line of ctx.lines) {
    if (prose.length >= 20) break;
    for (const m of allMatches(companyInProse, line.text)) {
      const lead = /^(?:(?:The|By|Of|From|Le|La|Die|Der|El|Il|Account|Name)\s+)+/u.exec(m[0])?.[0].length ?? 0;
      const start = m.index + lead;
      if (!inRegion(regions, line, start))
        prose.push({ line, start, end: m.index + m[0].length, text: m[0].slice(lead) });
    }
  }
  const legalCells = cells.filter(formed).slice(0, 20);
  return [
    ...legalCells.filter((c) => registry(c.line)),
    ...prose.filter((p) => registry(p.line)),
    ...(holder ? [holder] : []),
    ...prose.filter((p) => !registry(p.line)),
    ...legalCells.filter((c) => !registry(c.line)),
  ];
}

const genericWords = new Set([
  "the",
  "hotel",
  "restaurant",
  "cafe",
  "company",
  "group",
  "services",
  "service",
  "shop",
  "store",
  "studio",
  "le",
  "la",
  "les",
  "der",
  "die",
  "das",
  "el",
  "il",
]);

/** The legal-form name that shares the trade name's first distinctive word ("Saffron Leaf" → "Saffron Leaf Hospitality Private Limited"). */
function legalEntityFor(name: string, candidates: NameSpot[]): NameSpot | null {
  const words = (t: string): string[] =>
    foldAccents(t)
      .toLowerCase()
      .split(/[^\p{L}\d]+/u)
      .filter((w) => w.length >= 4 && !genericWords.has(w));
  const first = words(name)[0];
  if (!first) return null;
  // A logo drops the spaces ("BrightPath" for "Bright Path Ltd"): the entity's letters still start with the logo's.
  const key = nameKey(name);
  const shares = (c: NameSpot): boolean =>
    words(c.text).some((w) => w === first || w.startsWith(first)) ||
    (key.length >= 6 && nameKey(c.text).startsWith(key));
  return candidates.find((c) => isPlausibleName(c.text) && !isBankName(c.text) && shares(c)) ?? null;
}

// "Cheque payable to …", "A/c Name: …": a name read with its caption or sentence is no name on its own.
const particle = /^(?:di|da|de|del|della|van|von|der|den|und|and|et|e|y|&)$/u;
function bareName(text: string): boolean {
  return (
    !text.includes(":") &&
    text.split(/\s+/u).every((w) => /^[\p{Lu}\d&(]/u.test(w) || particle.test(w) || legalForm.test(w))
  );
}

/**
 * A name wrapped over two lines is read as its second half ("di Rossi Luigi & C. S.n.c."): the same legal name
 * printed whole elsewhere ends with it and is the seller's full name.
 */
function fullerName(name: NameSpot, candidates: NameSpot[]): NameSpot | null {
  const key = nameKey(name.text);
  if (key.length < 6) return null;
  // "Key Account Manager, Nordic Paper Supply AB" is a signature line: a person's title before the name, not its start.
  const whole = (c: NameSpot): boolean =>
    nameKey(c.text).length > key.length &&
    nameKey(c.text).endsWith(key) &&
    !/[,;]/u.test(c.text.slice(0, -name.text.length));
  return candidates.find((c) => whole(c) && bareName(c.text) && !jobTitle.test(c.text)) ?? null;
}

const sureScore = 2.5;

/** A company named inside a sentence ("… Brightwave Digital Ltd has moved its banking"). */
function nameInProse(
  ctx: DocContext,
  regions: Region[],
): { line: Line; start: number; end: number; text: string } | null {
  for (const line of ctx.lines) {
    if (/^\s*(?:to|an|à|a|para|aan|do)\s*:/iu.test(line.text)) continue;
    for (const m of allMatches(companyInProse, line.text)) {
      const lead =
        /^(?:(?:Dear|Please|Note|The|Our|We|From|To|Sehr|Bitte|Die|Der|Cher|Chère|Estimado|Gentile|Beste)\s+)+/u.exec(
          m[0],
        );
      const start = m.index + (lead?.[0].length ?? 0);
      const text = line.text.slice(start, m.index + m[0].length);
      if (text.split(/\s+/u).length < 2 || inRegion(regions, line, start)) continue;
      return { line, start, end: start + text.length, text };
    }
  }
  return null;
}

/** A "From:" header with an address opens an email; "From:" over a seller's block on an invoice has none. */
function isEmail(ctx: DocContext): boolean {
  return ctx.lines
    .filter((l) => l.text.trim() !== "")
    .slice(0, 5)
    .some((l) => emailHeader.test(l.text) && l.text.includes("@"));
}

/** The sender's display name from the "From:" header: weak, since it is often a person and easy to forge. */
function senderName(ctx: DocContext): { line: Line; start: number; end: number; text: string } | null {
  const from = ctx.lines.slice(0, 8).find((l) => emailHeader.test(l.text));
  if (!from) return null;
  const m = /:\s*"?([^"<@]*?\p{L}[^"<@]*?)"?\s*</u.exec(from.text);
  if (!m?.[1]) return null;
  const start = from.text.indexOf(m[1], m.index);
  return { line: from, start, end: start + m[1].length, text: m[1] };
}

const emailHeader = /^\s*(?:from|von|de|da|van|od|från|fra)\s*:/iu;
const closing =
  /^\s*(?:(?:kind|best|warm)?\s*regards|best|thanks|thank you|cheers|sincerely|un saludo|saludos|atentamente|mit freundlichen grüßen|viele grüße|beste grüße|cordialement|bien à vous|cordiali saluti|distinti saluti|met vriendelijke groet(?:en)?|pozdrawiam|z poważaniem|atenciosamente|cumprimentos|med vänliga hälsningar|hälsningar|med venlig hilsen)\b/iu;
const jobTitle =
  /\b(?:manager|director|ceo|cfo|owner|accountant|assistant|team|department|head of|gerente|director[a]?|leiter(?:in)?|geschäftsführer(?:in)?|responsable|comptable|contabilidad|finance|finanzas|buchhaltung|amministrazione)\b/iu;

/** In an email, the sender's business is the last plain line of the signature after the closing. */
function signature<T extends { line: Line; start: number; end: number; text: string }>(
  ctx: DocContext,
  cells: T[],
): T | null {
  const head = ctx.lines.filter((l) => l.text.trim() !== "").slice(0, 5);
  if (!head.some((l) => emailHeader.test(l.text))) return null;
  const close = ctx.lines.findLast((l) => closing.test(l.text));
  if (!close) return null;
  const after = cells.filter(
    (c) => c.line.index > close.index && c.line.index <= close.index + 6 && !jobTitle.test(c.text),
  );
  return after.at(-1) ?? null;
}

/** Cells that could be a company name: not a title, label, address, contact line, date or amount. */
function issuerCells(line: Line): { start: number; end: number; text: string }[] {
  return mergeLegalForms(
    line,
    segments(line).flatMap((s) => splitOnBullets(s)),
  )
    .map(withoutRegistration)
    .filter((s) => {
      const t = s.text.replace(/[\s,.;]+$/u, "");
      if (t.length < 3 || t.length > 60 || !/\p{L}{2,}/u.test(t)) return false;
      if (documentTitleWords.test(t) && t.split(/\s+/u).length <= 3) return false;
      if (labelLike.test(t) || /:$/.test(t) || contactLike.test(t) || addressLike.test(t)) return false;
      if (/\d{3,}/u.test(t) && !legalForm.test(t)) return false;
      return isPlausibleName(t);
    });
}

/** "SINAR JAYA TRADING SDN. BHD. (1234567-X)": the company number in brackets is not part of the name. */
function withoutRegistration(cell: { start: number; end: number; text: string }): {
  start: number;
  end: number;
  text: string;
} {
  const m = /\s*\([^()]{0,20}\d[^()]{0,20}\)$/u.exec(cell.text);
  if (!m || m.index === 0) return cell;
  return { start: cell.start, end: cell.start + m.index, text: cell.text.slice(0, m.index) };
}

/** OCR spreads words apart: "GREENLEAF  LANDSCAPING   LTD" is one name even across wide gaps. */
function mergeLegalForms(
  line: Line,
  cells: { start: number; end: number; text: string }[],
): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  for (const cell of cells) {
    if (!legalFormOnly.test(cell.text)) {
      out.push(cell);
      continue;
    }
    let from = out.length;
    while (from > 0) {
      const prev = out[from - 1];
      const next = out[from] ?? cell;
      if (
        !prev ||
        next.start - prev.end > 6 ||
        !/^[\p{L}&'.\- ]+$/u.test(prev.text) ||
        documentTitleWords.test(prev.text)
      )
        break;
      from -= 1;
    }
    const first = out[from];
    if (!first) {
      out.push(cell);
      continue;
    }
    out.splice(from, out.length - from, {
      start: first.start,
      end: cell.end,
      text: line.text.slice(first.start, cell.end).replace(/\s+/gu, " "),
    });
  }
  return out;
}

function splitOnBullets(s: { start: number; text: string }): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  // Footers part their facts with bullets, bars or spaced dashes ("Rossi Impianti S.r.l. – Via Lecco 9 – P.IVA …").
  for (const m of allMatches(/(?:[^·|•\s–—-]|\s(?![–—-]\s)|[–—-](?!\s)|(?<!\s)[–—-])+/gu, s.text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const text = m[0].trim();
    if (text !== "") out.push({ start: s.start + m.index + lead, end: s.start + m.index + lead + text.length, text });
  }
  return out;
}

function aliasRegex(alias: string): RegExp {
  const escaped = alias
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\s+/g, "\\s+");
  return new RegExp(`(?<![\\p{L}\\d])${escaped}(?![\\p{L}\\d])`, "iu");
}

function matchKnownVendor(
  ctx: DocContext,
  known: KnownVendor[],
  regions: Region[],
): { vendor: KnownVendor; confidence: number; evidence: Evidence } | null {
  let best: { vendor: KnownVendor; confidence: number; evidence: Evidence; index: number } | null = null;
  const taxIds = findTaxIds(ctx.text).map((t) => normalizeTaxId(t.value));
  for (const vendor of known) {
    const taxMatch = vendor.taxId !== undefined && taxIds.includes(normalizeTaxId(vendor.taxId));
    for (const alias of [vendor.name, ...vendor.aliases]) {
      if (alias.trim().length < 2) continue;
      const re = aliasRegex(alias);
      for (const line of ctx.lines) {
        const m = re.exec(line.text);
        if (!m || inRegion(regions, line, m.index)) continue;
        const confidence = taxMatch ? 0.95 : line.index < 15 ? 0.9 : 0.8;
        if (!best || line.index < best.index || confidence > best.confidence) {
          best = { vendor, confidence, evidence: evidenceAt(line, m.index, m.index + m[0].length), index: line.index };
        }
        break;
      }
    }
  }
  return best ?? matchKnownByTaxId(ctx, known) ?? matchKnownFuzzy(ctx, known, regions);
}

/** A known vendor's tax id in the text names the vendor even when its name is printed differently. */
function matchKnownByTaxId(
  ctx: DocContext,
  known: KnownVendor[],
): { vendor: KnownVendor; confidence: number; evidence: Evidence } | null {
  for (const line of ctx.lines) {
    for (const t of findTaxIds(line.text)) {
      const vendor = known.find((k) => k.taxId !== undefined && normalizeTaxId(k.taxId) === normalizeTaxId(t.value));
      if (vendor) return { vendor, confidence: 0.85, evidence: evidenceAt(line, t.start, t.end) };
    }
  }
  return null;
}

/** OCR misspells names ("Miiller Prézisionstechnik"): a near match in the letterhead still names the known vendor. */
function matchKnownFuzzy(
  ctx: DocContext,
  known: KnownVendor[],
  regions: Region[],
): { vendor: KnownVendor; confidence: number; evidence: Evidence } | null {
  const cells = ctx.lines.slice(0, 15).flatMap((line) =>
    issuerCells(line)
      .filter((c) => !inRegion(regions, line, c.start))
      .map((c) => ({ ...c, line })),
  );
  let best: { vendor: KnownVendor; confidence: number; evidence: Evidence; similarity: number } | null = null;
  for (const vendor of known) {
    for (const alias of [vendor.name, ...vendor.aliases]) {
      const a = comparable(alias);
      if (a.length < 8) continue;
      for (const cell of cells) {
        const similarity =
          1 - editDistance(a, comparable(cell.text)) / Math.max(a.length, comparable(cell.text).length);
        if (similarity >= 0.85 && (!best || similarity > best.similarity)) {
          best = { vendor, confidence: 0.7, evidence: evidenceAt(cell.line, cell.start, cell.end), similarity };
        }
      }
    }
  }
  return best;
}

function comparable(s: string): string {
  return foldAccents(s)
    .toLowerCase()
    .replace(/[^\p{L}\d]+/gu, "");
}

const bareKinds = new Set([
  "us_ein",
  "au_abn",
  "pl_nip",
  "no_orgnr",
  "ca_bn",
  "es_nif",
  "it_piva",
  "ar_cuit",
  "mx_rfc",
  "my_sst",
]);

/** The issuer's tax id: a known vendor's own, else the first labelled id outside the customer's block. */
export function extractVendorTaxId(
  ctx: DocContext,
  known: KnownVendor[],
  cls: DocumentClass = "invoice",
): Field<string> {
  const regions = buyerRegions(ctx);
  // A purchase order is issued by the buyer: only an id in the supplier's block belongs to the vendor.
  const supplierBlock = cls === "purchase_order" ? vendorBlocks(ctx) : null;
  const knownIds = known.flatMap((k) => (k.taxId ? [normalizeTaxId(k.taxId)] : []));
  const hitsByLine = new Map<Line, { start: number; end: number }[]>();
  for (const h of findLabels(ctx.lines, taxIdLabels)) {
    const onLine = hitsByLine.get(h.line);
    if (onLine) onLine.push(h);
    else hitsByLine.set(h.line, [h]);
  }
  const candidates = ctx.lines.flatMap((line) => {
    const ids = findTaxIds(line.text);
    if (ids.length === 0) return [];
    // Ids, labels and cells all run left to right: one walk pairs each id with the last label and cell before it.
    const hits = (hitsByLine.get(line) ?? []).toSorted((a, b) => a.end - b.end);
    const cells = segments(line);
    let h = 0;
    let c = 0;
    return ids.map((t) => {
      while (h < hits.length && (hits[h]?.end ?? Infinity) <= t.start) h += 1;
      while (c + 1 < cells.length && (cells[c + 1]?.start ?? Infinity) <= t.start) c += 1;
      const before = hits[h - 1];
      const label = before && t.start - before.end <= 25 ? before : undefined;
      // The id's own cell starts at its label: in a PDF text layer columns sit two spaces apart, so "12 columns
      // before the id" can fall into the neighbouring column.
      const head = label?.start ?? cells[c]?.start ?? t.start;
      return { ...t, line, labelled: label !== undefined, head };
    });
  });
  const usable = candidates.filter(
    (c) =>
      (c.labelled || !bareKinds.has(c.kind)) &&
      !inRegion(regions, c.line, c.start) &&
      !inRegion(regions, c.line, c.head) &&
      (!supplierBlock || inRegion(supplierBlock, c.line, c.start) || inRegion(supplierBlock, c.line, c.head)),
  );
  const byKnown = candidates.find((c) => knownIds.includes(normalizeTaxId(c.value)));
  const pick = byKnown ?? usable.find((c) => c.labelled) ?? usable[0];
  if (!pick) return emptyField();
  const confidence = byKnown ? 0.95 : pick.labelled ? 0.85 : 0.65;
  return field(pick.value, confidence, evidenceAt(pick.line, pick.start, pick.end));
}
