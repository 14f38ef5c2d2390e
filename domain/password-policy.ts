import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;
// zxcvbn's 3: "safely unguessable" for an online attack on a throttled sign-in; 0–2 fall to common lists and rules.
const MIN_SCORE = 3;

// Matching is superlinear in length: past 32 characters only the first 32 are judged (a weak start is still refused),
// so a 200-character password costs milliseconds, not seconds.
const JUDGED_LENGTH = 32;

// Built on first use: the dictionaries are large and only the server checks passwords.
let estimator: ZxcvbnFactory | undefined;
function strength(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
    // Edit-distance matching against every dictionary word takes seconds per password; exact and l33t matches suffice.
    useLevenshteinDistance: false,
  });
  return estimator;
}

// One short unit over and over ("aaaa…", "ab1ab1…") or a handful of characters: refused at once, since these are
// exactly the inputs the strength estimator is slowest on.
const REPEATED_UNIT = /^(.{1,16}?)\1+$/su;
const FEWEST_DISTINCT = 5;

function repetitive(password: string): boolean {
  return new Set(password).size < FEWEST_DISTINCT || REPEATED_UNIT.test(password);
}

/**
 * Why a password may not be used, as a sentence saying what to do instead, or null when it is fine. Common
 * passwords, repeated characters or words, keyboard rows, sequences, dates and the person's own name or email are
 * refused, whatever their length. `personal` lists what an attacker would know about the account.
 */
export function passwordProblem(password: string, personal: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${String(MIN_PASSWORD_LENGTH)} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${String(MAX_PASSWORD_LENGTH)} characters.`;
  if (repetitive(password)) {
    return "This password is too easy to guess: it repeats a few characters. Use several unrelated words or a generated password instead.";
  }
  const inputs = personal.flatMap((p) => [p, ...p.split(/[^\p{L}\p{N}]+/u)]).filter((p) => p.length >= 3);
  const result = strength().check(password.slice(0, JUDGED_LENGTH), inputs);
  if (result.score >= MIN_SCORE) return null;
  const why = result.feedback.warning ? `${result.feedback.warning.replace(/\.?$/, ".")} ` : "";
  return `This password is too easy to guess. ${why}Use several unrelated words or a generated password instead.`;
}
