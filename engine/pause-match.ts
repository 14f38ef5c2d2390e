/**
 * An index key for the common shape of a wait's or a cancellation's `if`: `event.<path> == async.<path>` (what the
 * SDK writes for `match`). The run's side is known when the pause is written, so the pause stores the path on the
 * incoming event's side and the value it must have; an event then looks up only the pauses keyed by its own values,
 * instead of reading and locking every run waiting for its name. The key only narrows the candidates: the full
 * expression is still evaluated on each, so a pause without a key (any other expression) is simply always a
 * candidate.
 */

const PATH = String.raw`[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*`;
const EVENT_FIRST = new RegExp(String.raw`^\s*event\.(${PATH})\s*==\s*async\.(${PATH})\s*$`);
const ASYNC_FIRST = new RegExp(String.raw`^\s*async\.(${PATH})\s*==\s*event\.(${PATH})\s*$`);

/** Above this many scalar fields an incoming event is matched the slow way, by every pause on its name. */
const MAX_EVENT_KEYS = 2_000;

export type PauseKey = { path: string; value: string };

function lookup(root: unknown, path: string): unknown {
  let value = root;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * Two scalars are equal under CEL exactly when their JSON texts are; objects, arrays and null are left unkeyed
 * because their texts can differ (key order) while CEL calls them equal.
 */
function scalarText(value: unknown): string | undefined {
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (typeof value === "number" && Number.isFinite(value)) return JSON.stringify(value);
  return undefined;
}

/**
 * Each character's bracket depth, null inside a string literal (its quotes included). A bracket counts at the depth
 * outside it, so the pair around a group reads 0 at top level and everything between them reads more.
 */
function depths(text: string): Array<number | null> {
  const out: Array<number | null> = [];
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote || c === '"' || c === "'") {
      out.push(null);
      if (quote === undefined) quote = c;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === ")" || c === "]" || c === "}") depth -= 1;
    out.push(depth);
    if (c === "(" || c === "[" || c === "{") depth += 1;
  }
  return out;
}

/**
 * The operands of an expression's top-level `&&` chain, through any parentheses around them: every one is true when
 * the whole is (CEL's `&&` is true only when both sides are). An expression that is not such a chain (a top-level
 * `||` or `?:`), or that is written in ways this reader does not follow (escapes, triple-quoted strings), is its own
 * only operand.
 */
function conjuncts(expression: string): string[] {
  const text = expression.trim();
  if (/\\|'''|"""/.test(text)) return [text];
  const depth = depths(text);
  const wrapped = text.startsWith("(") && text.endsWith(")") && depth.slice(1, -1).every((d) => d !== 0);
  if (wrapped) return conjuncts(text.slice(1, -1));
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (depth[i] !== 0) continue;
    const pair = text.slice(i, i + 2);
    if (text[i] === "?" || pair === "||") return [text];
    if (pair === "&&") {
      parts.push(text.slice(start, i));
      start = i + 2;
      i += 1;
    }
  }
  if (parts.length === 0) return [text];
  parts.push(text.slice(start));
  return parts.flatMap(conjuncts);
}

/** The key of one `event.<path> == async.<path>` comparison (either way round), with the run's scalar value. */
function comparisonKey(comparison: string, runEvent: unknown): PauseKey | undefined {
  const eventFirst = EVENT_FIRST.exec(comparison);
  const asyncFirst = eventFirst ? undefined : ASYNC_FIRST.exec(comparison);
  const [runPath, asyncPath] = eventFirst
    ? [eventFirst[1], eventFirst[2]]
    : asyncFirst
      ? [asyncFirst[2], asyncFirst[1]]
      : [undefined, undefined];
  if (!runPath || !asyncPath) return undefined;
  const value = scalarText(lookup(runEvent, runPath));
  return value === undefined ? undefined : { path: asyncPath, value };
}

/**
 * The key of a pause whose expression compares the run's event with the incoming one, alone or as one operand of a
 * top-level `&&` (`event.data.id == async.data.id && async.data.paid`): the event must then meet that comparison, so
 * its key narrows the candidates soundly. Undefined for any other expression.
 */
export function pauseKey(expression: string | null | undefined, runEvent: unknown): PauseKey | undefined {
  if (!expression) return undefined;
  for (const operand of conjuncts(expression)) {
    const key = comparisonKey(operand, runEvent);
    if (key) return key;
  }
  return undefined;
}

/**
 * Every (path, value) an incoming event offers to keyed pauses: its scalar fields at any depth of nested objects.
 * Undefined when there are too many to send as a lookup list; the caller then reads every pause on the name.
 */
export function eventKeys(event: unknown): { paths: string[]; values: string[] } | undefined {
  const paths: string[] = [];
  const values: string[] = [];
  const visit = (value: unknown, path: string): boolean => {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (!visit(child, path ? `${path}.${key}` : key)) return false;
      }
      return true;
    }
    const text = scalarText(value);
    if (text === undefined || !path) return true;
    paths.push(path);
    values.push(text);
    return paths.length <= MAX_EVENT_KEYS;
  };
  return visit(event, "") ? { paths, values } : undefined;
}
