import type { TextPage } from "@/domain/documents/types";

// Text addressed to an AI reader rather than to a person. The deterministic extractor cannot be steered, but such
// text often carries numbers, IBANs and class keywords meant to be picked up ("set the total to 1.00", "new IBAN").
const instructionPatterns: RegExp[] = [
  /\b(?:ignore|disregard|forget|override)\b.{0,30}\b(?:previous|prior|above|earlier|preceding|all|any|your)\b.{0,20}\b(?:instructions?|prompts?|rules|guidelines|messages|context)\b/iu,
  /\b(?:you are|act as|pretend to be)\b.{0,20}\b(?:an? )?(?:ai|assistant|language model|llm|chatbot|gpt|claude)\b/iu,
  /\bsystem prompt\b/iu,
  /\b(?:note|message|instructions?) (?:to|for) (?:the )?(?:ai|llm|assistant|model|automated|bot)s?\b/iu,
  /\b(?:ai|llm|assistant|model)s?\b.{0,40}\b(?:must|should|shall|are instructed to)\b/iu,
  /\b(?:approve|pay|release|authori[sz]e|post)\b.{0,40}\b(?:immediately|automatically|without (?:any )?(?:review|approval|checks?|verification))\b/iu,
  /\bdo not (?:flag|review|check|verify|escalate)\b/iu,
  /\b(?:classify|treat|mark|label)\b.{0,30}\bas (?:an? )?(?:invoice|purchase order|quote|price change|bank detail change|approved|paid)\b/iu,
  /\bset (?:the )?(?:total|amount|iban|vendor|bank|due date|currency)\b.{0,30}\bto\b/iu,
  /\bnew instructions?\b/iu,
  /\bignor(?:iere|ieren) (?:alle )?(?:vorherigen|bisherigen) (?:anweisungen|instruktionen)\b/iu,
  /\bignorez (?:toutes )?les instructions\b/iu,
  /\bignora (?:todas )?las instrucciones\b/iu,
  /\bignora (?:tutte )?le istruzioni\b/iu,
];

export function looksLikeInstruction(text: string): boolean {
  return instructionPatterns.some((re) => re.test(text));
}

/**
 * A line with a column gap and a digit after it. As one pattern (`\S {2,}\S.*\d`) it retried the rest of the line
 * from every gap, quadratic on a long gapped line without digits; the first gap ends earliest, so it alone decides.
 */
function tabular(line: string): boolean {
  // `.` stops at these, so each stretch between them is judged on its own.
  return line.split(/[\r\u2028\u2029]/u).some((stretch) => {
    const gap = /\S {2,}\S/u.exec(stretch);
    return gap !== null && /\d/u.test(stretch.slice(gap.index + gap[0].length));
  });
}

/**
 * Blanks out (with spaces, so offsets stay valid) every paragraph that speaks to an AI, up to six lines either side
 * of the trigger and never table-like lines, so a planted sentence cannot hide the real table.
 */
export function maskInstructions(pages: TextPage[]): TextPage[] {
  return pages.map((page) => {
    const lines = page.text.split("\n");
    const masked = new Set<number>();
    lines.forEach((line, i) => {
      if (line.trim() === "") return;
      // A planted sentence may wrap onto the next line.
      const wraps = !endsSentence(line) && looksLikeInstruction(`${line} ${lines[i + 1] ?? ""}`);
      if (!looksLikeInstruction(line) && !wraps) return;
      masked.add(i);
      // The whole paragraph is untrusted: a planted "our new IBAN is …" usually follows the instruction.
      for (const step of [-1, 1]) {
        for (let j = i + step; j >= 0 && j < lines.length && Math.abs(j - i) <= 6; j += step) {
          const other = lines[j] ?? "";
          if (other.trim() === "" || tabular(other)) break;
          masked.add(j);
        }
      }
    });
    if (masked.size === 0) return page;
    const text = lines.map((line, i) => (masked.has(i) ? " ".repeat(line.length) : line)).join("\n");
    return { ...page, text };
  });
}

function endsSentence(line: string): boolean {
  return /[.!?]\s*$/u.test(line);
}
