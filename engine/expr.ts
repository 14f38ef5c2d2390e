import { parse, type ParseResult } from "@marcbachmann/cel-js";

const compiled = new Map<string, ParseResult>();

function compile(expression: string): ParseResult {
  let program = compiled.get(expression);
  if (!program) {
    program = parse(expression);
    compiled.set(expression, program);
  }
  return program;
}

/** Throws a readable error for an expression that does not parse, so a bad config fails at sync. */
export function assertExpression(expression: string, where: string): void {
  try {
    compile(expression);
  } catch (error) {
    throw new Error(`${where}: invalid CEL expression "${expression}": ${(error as Error).message}`, { cause: error });
  }
}

/** Inngest semantics: a missing key or a type mismatch is a non-match, never an error. */
export function matches(expression: string | undefined | null, vars: Record<string, unknown>): boolean {
  if (!expression) return true;
  try {
    return compile(expression)(vars) === true;
  } catch {
    return false;
  }
}

/** The value of a key expression (idempotency, concurrency, throttle…), as a stable string. */
export function keyValue(expression: string, vars: Record<string, unknown>): string {
  try {
    const value: unknown = compile(expression)(vars);
    return typeof value === "string"
      ? value
      : JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  } catch {
    return "";
  }
}
