import type { TicketClassification, TicketIntent, TicketPriority } from "./classification";
import { isCurrencyCode, minorDigits } from "../money";
import { findFlaggedTerms } from "./language";

/**
 * The classifier that needs no model: keyword rules for the intent and priority and common-word counts for the
 * language. It runs first on every ticket, so the read model has a classification at once, and it is the whole
 * classification when no model lane answers. Its confidence is honest about being rules: a tie or a single weak cue
 * stays below the risk rules' threshold, so a person checks it.
 */

/** Only a message's beginning is read: the cues a customer gives are up front, and the time stays bounded. */
export const classifyMaxChars = 20_000;

type Cue = { phrase: string; weight: number };
const cue = (weight: number, ...phrases: string[]): Cue[] => phrases.map((phrase) => ({ phrase, weight }));

// Phrases per intent in the languages Keel meets most; a phrase is matched on whole words.
const intentCues: Record<Exclude<TicketIntent, "other">, Cue[]> = {
  refund_request: [
    ...cue(3, "refund", "money back", "reimburse", "reimbursement", "erstattung", "rückerstattung", "geld zurück"),
    ...cue(3, "remboursement", "rembourser", "reembolso", "rimborso", "terugbetaling"),
    ...cue(2, "return my money", "cancel my order and", "charged twice", "double charged", "zurückerstatten"),
    ...cue(1, "return", "cancel", "stornieren", "rücksendung"),
  ],
  order_status: [
    ...cue(3, "where is my order", "where is my package", "tracking number", "not arrived", "has not arrived"),
    ...cue(3, "wo ist meine bestellung", "sendungsverfolgung", "nicht angekommen", "noch nicht da"),
    ...cue(2, "tracking", "shipped", "shipping", "delivery", "dispatch", "dispatched", "arrive", "lieferung"),
    ...cue(2, "versand", "versendet", "zugestellt", "livraison", "envío", "order status"),
    ...cue(1, "when will", "wann"),
  ],
  product_question: [
    ...cue(3, "how do i", "how does", "is it compatible", "does it work", "which size", "wie funktioniert"),
    ...cue(2, "compatible", "instructions", "manual", "specification", "size", "colour", "color", "frage"),
    ...cue(2, "kompatibel", "anleitung", "größe", "question"),
    ...cue(1, "how", "can i", "does the", "wie"),
  ],
  complaint: [
    ...cue(3, "complaint", "beschwerde", "broken", "damaged", "defective", "kaputt", "beschädigt", "defekt"),
    ...cue(2, "disappointed", "poor quality", "not working", "stopped working", "wrong item", "enttäuscht"),
    ...cue(2, "funktioniert nicht", "falscher artikel", "rude"),
  ],
};

const urgentCues = ["urgent", "asap", "immediately", "dringend", "sofort", "today", "heute"];

// The most frequent short words of each language, which carry no topic and so tell the language apart.
const languageWords: Record<string, readonly string[]> = {
  en: ["the", "and", "is", "my", "you", "to", "of", "it", "for", "have", "not", "was", "this", "please", "i"],
  de: ["der", "die", "das", "und", "ist", "ich", "nicht", "mein", "meine", "sie", "mit", "bitte", "ein", "eine"],
  fr: ["le", "la", "les", "et", "est", "je", "pas", "mon", "ma", "vous", "avec", "une", "pour", "merci"],
  es: ["el", "la", "los", "y", "es", "yo", "no", "mi", "usted", "con", "una", "para", "gracias", "por"],
  it: ["il", "lo", "gli", "e", "è", "io", "non", "mio", "mia", "con", "una", "per", "grazie", "sono"],
  nl: ["de", "het", "een", "en", "is", "ik", "niet", "mijn", "u", "met", "voor", "bedankt", "graag", "van"],
};

const word = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const match of text.slice(0, classifyMaxChars).toLowerCase().matchAll(word)) words.push(match[0]);
  return words;
}

/** Phrases found as whole-word runs, by one pass building the text of single spaces between words. */
function cueScore(joined: string, cues: readonly Cue[]): number {
  let score = 0;
  for (const { phrase, weight } of cues) if (joined.includes(` ${phrase} `)) score += weight;
  return score;
}

function detectLanguage(words: readonly string[]): { language: string; share: number } {
  const counts = new Map<string, number>();
  for (const [language, common] of Object.entries(languageWords)) {
    const set = new Set(common);
    counts.set(language, words.filter((w) => set.has(w)).length);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] === 0) return { language: "en", share: 0 };
  return { language: best[0], share: best[1] / (best[1] + (second?.[1] ?? 0)) };
}

function detectIntent(joined: string): { intent: TicketIntent; confidence: number } {
  const scores = (Object.keys(intentCues) as Exclude<TicketIntent, "other">[])
    .map((intent) => ({ intent, score: cueScore(joined, intentCues[intent]) }))
    .sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  if (!best || best.score === 0) return { intent: "other", confidence: 0.4 };
  const margin = best.score - (second?.score ?? 0);
  if (margin === 0) return { intent: best.intent, confidence: 0.45 };
  // Strong, unopposed cues reach 0.85 at most: rules never claim a model's certainty.
  return { intent: best.intent, confidence: Math.min(0.85, 0.5 + 0.1 * margin) };
}

function detectPriority(intent: TicketIntent, joined: string, text: string): TicketPriority {
  const flagged = findFlaggedTerms(text.slice(0, classifyMaxChars));
  if (flagged.some((t) => t.kind === "legal")) return "urgent";
  if (flagged.length > 0 || urgentCues.some((c) => joined.includes(` ${c} `))) return "high";
  if (intent === "complaint" || intent === "refund_request") return "normal";
  return intent === "other" ? "normal" : "low";
}

/** The rules' classification of a customer's message (its subject and body). */
export function classifyTicket(message: { subject: string; body: string }): TicketClassification {
  const text = `${message.subject}\n${message.body}`;
  const words = wordsOf(text);
  const joined = ` ${words.join(" ")} `;
  const { intent, confidence } = detectIntent(joined);
  const { language, share } = detectLanguage(words);
  // A language told apart by few words lowers the whole classification's confidence.
  const languageSure = share >= 0.7 ? 1 : 0.8;
  return {
    intent,
    priority: detectPriority(intent, joined, text),
    language,
    confidence: Math.round(confidence * languageSure * 100) / 100,
  };
}

const symbols: Record<string, string> = { "€": "EUR", $: "USD", "£": "GBP" };
// "€12.50", "EUR 12,50", "12.50 EUR", "12,50 €": a symbol or code before or after a number with up to 2 decimals.
const amountPattern =
  /(?:([€$£]|\b[A-Z]{3}\b)\s?(\d{1,7}(?:[.,]\d{1,2})?)(?![\d.,]*\d))|(?:\b(\d{1,7}(?:[.,]\d{1,2})?)\s?([€$£]|[A-Z]{3}\b))/g;
const fullRefundCues = [
  "full refund",
  "refund in full",
  "all my money",
  "whole amount",
  "volle erstattung",
  "komplett",
];

function toMinor(amount: string, currency: string): number {
  const [whole = "0", fraction = ""] = amount.replace(",", ".").split(".");
  const digits = minorDigits(currency);
  if (fraction.length > digits) return 0;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}

/**
 * The refund a customer asks for, when the words make it clear: one amount with its currency (kept as written, so a
 * refund in another currency than the order's is a finding, not silently converted), or a full refund of what is
 * left on their order. Anything less clear is no proposal: a person sets the amount.
 */
export function readRefundAsk(
  text: string,
  order: { totalMinor: number; refundedMinor: number; currency: string } | null,
): { minor: number; currency: string } | null {
  const head = text.slice(0, classifyMaxChars);
  const amounts = [...head.matchAll(amountPattern)].flatMap((m) => {
    const mark = m[1] ?? m[4] ?? "";
    const currency = symbols[mark] ?? mark;
    if (!isCurrencyCode(currency)) return [];
    const minor = toMinor(m[2] ?? m[3] ?? "0", currency);
    return minor > 0 ? [{ minor, currency }] : [];
  });
  const distinct = new Set(amounts.map((a) => `${String(a.minor)} ${a.currency}`));
  const [only] = amounts;
  if (distinct.size === 1 && only) return only;
  if (distinct.size > 1 || !order) return null;
  const lower = ` ${wordsOf(head).join(" ")} `;
  const left = order.totalMinor - order.refundedMinor;
  if (left > 0 && fullRefundCues.some((c) => lower.includes(` ${c} `)))
    return { minor: left, currency: order.currency };
  return null;
}
