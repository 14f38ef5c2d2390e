/**
 * Every match of a global regex in a text, as `text.matchAll(re)` gives them. `matchAll` copies the regex on each
 * call, which costs more than the match itself on a short line: the extractor runs hundreds of patterns over every
 * line, and a file of 25 000 short lines took seconds. This runs the one regex and leaves its `lastIndex` at 0.
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  if (!re.global) throw new TypeError(`allMatches needs a global regex: ${String(re)}`);
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m);
    // An empty match would be found again at the same place; step over it, by code point when the regex reads them.
    if (m[0] === "") re.lastIndex = stepOver(text, re.lastIndex, re.flags.includes("u") || re.flags.includes("v"));
  }
  re.lastIndex = 0;
  return out;
}

function stepOver(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff ? index + 2 : index + 1;
}
