/**
 * Group commit with one writer: an item that arrives while a write is in flight waits for it and goes with every
 * other waiting item in the next write, so concurrent callers share one synced commit while a lone caller waits
 * for nothing. Each caller is answered after the write that holds its item has committed, never before.
 */
export class GroupCommit<In, Out> {
  private queue: { item: In; resolve: (out: Out) => void; reject: (error: unknown) => void }[] = [];
  private writing = false;

  /** `write` commits a batch atomically and answers each item in order; if it throws, nothing of it committed. */
  constructor(
    private readonly write: (items: In[]) => Promise<Out[]>,
    private readonly maxBatch = 100,
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const answers = await this.write(batch.map((entry) => entry.item));
          batch.forEach((entry, index) => entry.resolve(answers[index] as Out));
        } catch (error) {
          // Nothing of the batch committed: each caller hears the failure and may retry, as after its own write.
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
