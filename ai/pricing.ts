/** USD per million tokens: input, output, cache read. Unknown models cost as the most expensive known one. */
const prices: Record<string, { input: number; output: number; cacheRead: number }> = {
  "claude-sonnet-5-5": { input: 2, output: 10, cacheRead: 0.1 },
  "claude-haiku-5-5": { input: 0.1, output: 0.5, cacheRead: 0.01 },
  "claude-opus-4-1": { input: 15, output: 75, cacheRead: 1.5 },
  "claude-sonnet-4-5": { input: 3, output: 15, cacheRead: 0.3 },
  "claude-haiku-4-5": { input: 1, output: 5, cacheRead: 0.1 },
  deterministic: { input: 0, output: 0, cacheRead: 0 },
};

const fallbackPrice = { input: 15, output: 75, cacheRead: 1.5 };

export type Usage = { inputTokens: number; outputTokens: number; cachedTokens: number };

/** Cost in micro-dollars (integer), so sums never drift. */
export function costMicros(model: string, usage: Usage): number {
  const price = prices[model] ?? fallbackPrice;
  return Math.round(
    usage.inputTokens * price.input + usage.outputTokens * price.output + usage.cachedTokens * price.cacheRead,
  );
}
