/**
 * Which fixtures the extractor was written after ("before") and which were written after its last change ("after",
 * held out): only the second set says how the extractor does on documents nobody tuned it for.
 */

export type FixtureSet = "before" | "after";

export type ProvenanceFacts =
  | { history: false; reason: string }
  | {
      history: true;
      /** Commit time (seconds) of the last commit that changed the extractor; null when none did. */
      extractorChangedAt: number | null;
      extractorCommit: string | null;
      /** The extractor has changes not yet committed: it may have been tuned on any fixture. */
      extractorDirty: boolean;
      /** Commit time (seconds) of the commit that added each fixture; absent when not committed yet. */
      fixtureAddedAt: ReadonlyMap<string, number>;
    };

export type Provenance = { setOf: (file: string) => FixtureSet; note: string | null };

/**
 * A fixture is "after" when the commit that added it is strictly newer than the extractor's last change, or when it
 * is not committed yet. Without history, or with an extractor changed but not committed, nothing can be shown to be
 * held out, so everything counts as "before" and the note says why.
 */
export function classifyFixtures(facts: ProvenanceFacts): Provenance {
  if (!facts.history) {
    return {
      setOf: () => "before",
      note: `No git history (${facts.reason}): every fixture counts as written before the extractor.`,
    };
  }
  if (facts.extractorDirty) {
    return {
      setOf: () => "before",
      note: "The extractor has uncommitted changes, which may be tuned on any fixture: every fixture counts as before.",
    };
  }
  const changedAt = facts.extractorChangedAt;
  return {
    setOf: (file) => {
      const addedAt = facts.fixtureAddedAt.get(file);
      if (addedAt === undefined) return "after";
      return changedAt === null || addedAt > changedAt ? "after" : "before";
    },
    note: null,
  };
}
