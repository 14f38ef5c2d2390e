import { db, type Executor } from "../index";
import { modelLaneStarts } from "../schema";

/** A lane's run began its call; a retried call step finds its row and leaves it. */
export async function recordLaneStart(start: typeof modelLaneStarts.$inferInsert, tx: Executor = db()): Promise<void> {
  await tx.insert(modelLaneStarts).values(start).onConflictDoNothing({ target: modelLaneStarts.runId });
}
