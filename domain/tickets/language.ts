/**
 * Words that mean a person should read the ticket before anything is sent or refunded: anger, and talk of lawyers,
 * courts or chargebacks. The list is short and visible on purpose — a reviewer can see exactly why a ticket was
 * flagged — and matched on whole words, so "sue" never fires on "issue" nor "court" on "courtesy".
 */
export const flaggedTerms = {
  angry: [
    "furious",
    "outraged",
    "outrageous",
    "unacceptable",
    "disgusting",
    "disgraceful",
    "ridiculous",
    "pathetic",
    "incompetent",
    "scam",
    "scammed",
    "scammers",
    "fraud",
    "ripoff",
    "rip off",
    "liar",
    "liars",
    "worst company",
    "never again",
  ],
  legal: [
    "lawyer",
    "lawyers",
    "attorney",
    "solicitor",
    "sue",
    "suing",
    "lawsuit",
    "legal action",
    "court",
    "small claims",
    "chargeback",
    "ombudsman",
    "trading standards",
    "consumer protection",
    "anwalt",
    "rechtsanwalt",
    "klage",
    "avocat",
    "tribunal",
  ],
} as const;

export type FlaggedKind = keyof typeof flaggedTerms;
export type FlaggedTerm = { kind: FlaggedKind; term: string };

const lookup = new Map<string, FlaggedKind>(
  (Object.keys(flaggedTerms) as FlaggedKind[]).flatMap((kind) => flaggedTerms[kind].map((term) => [term, kind])),
);

// Letters and digits of any script, with inner apostrophes and hyphens ("don't", "rip-off") kept in the word.
const word = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/**
 * The flagged terms in `text`, each once, in the order first seen. One pass over the words with the previous word
 * kept for two-word terms, so the time grows with the text's length and nothing else.
 */
export function findFlaggedTerms(text: string): FlaggedTerm[] {
  const found = new Map<string, FlaggedKind>();
  let previous: string | null = null;
  for (const match of text.matchAll(word)) {
    // A word longer than any term cannot be one; skipping it keeps a single 5 MB "word" from being copied.
    const raw = match[0];
    const current = raw.length > 32 ? null : raw.toLowerCase().replaceAll("’", "'");
    if (current !== null) {
      for (const candidate of [current, current.replaceAll("-", " "), previous && `${previous} ${current}`]) {
        if (!candidate || found.has(candidate)) continue;
        const kind = lookup.get(candidate);
        if (kind) found.set(candidate, kind);
      }
      if (found.size === lookup.size) break;
    }
    previous = current;
  }
  return [...found].map(([term, kind]) => ({ kind, term }));
}
