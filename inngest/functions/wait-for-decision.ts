import type { GetStepTools } from "inngest";
import type { inngest } from "@/services/events/client";
import { taskDecidedSignal } from "@/services/events/catalog";

type Step = GetStepTools<typeof inngest>;

/**
 * Waits until the task's decision signal resumes the run or `until` passes; the caller then reads the task. A
 * signal resumes the one run waiting on it at once (the sender keeps sending while no run waits yet), where an
 * event could only wake a wait already registered. The step id is the one the event wait had: a run that began
 * waiting on keel/task.resolved resumes from its memo, and the decision still sends that event for it.
 */
export async function waitForDecision(step: Step, id: string, taskId: string, until: Date): Promise<void> {
  // "replace": should a second run ever wait on the same task, the newest waiter is the one to resume.
  await step.waitForSignal(id, { signal: taskDecidedSignal(taskId), timeout: until, onConflict: "replace" });
}
