import { DbStallError } from "./db";

/**
 * Group commit: writes that arrive while a transaction is in flight wait and go together in the next one, so many
 * callers share one synced commit. Each caller is answered only after the transaction that holds its write has
 * committed (or with its own refusal), never before: durability is the same as one transaction each.
 */
export class GroupCommit<In, Out> {
  private queue: { item: In; resolve: (out: Out) => void; reject: (error: unknown) => void }[] = [];
  private writers = 0;

  /**
   * `write` runs one transaction for a batch and answers each item in order: its result, or an Error that refuses
   * that item alone (the others still commit). `writers` transactions may be in flight at once, so one batch held
   * up on a row lock does not hold up everyone else's.
   */
  constructor(
    private readonly write: (items: In[]) => Promise<(Out | Error)[]>,
    private readonly maxWriters = 2,
    private readonly maxBatch = 200,
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.writers < this.maxWriters) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writers += 1;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        let answers: (Out | Error)[];
        try {
          answers = await this.write(batch.map((entry) => entry.item));
        } catch (error) {
          // A failed transaction committed nothing. Alone, its caller gets the error; in a batch, one item's bad
          // data must not fail the others, so each is written again on its own.
          answers =
            batch.length === 1 || error instanceof DbStallError
              ? batch.map(() => error as Error)
              : await Promise.all(batch.map((entry) => this.writeAlone(entry.item)));
        }
        batch.forEach((entry, index) => {
          const answer = answers[index];
          if (answer instanceof Error) entry.reject(answer);
          else entry.resolve(answer as Out);
        });
      }
    } finally {
      this.writers -= 1;
    }
  }

  private async writeAlone(item: In): Promise<Out | Error> {
    try {
      const [answer] = await this.write([item]);
      return answer as Out | Error;
    } catch (error) {
      return error as Error;
    }
  }
}
