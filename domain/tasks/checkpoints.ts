/** Minutes between looks at a task, growing so a lost wake-up costs little early on and polling costs little later. */
const WINDOWS_MINUTES = [1, 2, 4, 8, 15, 30, 60];

/**
 * When a run waiting on a task wakes to re-read it, besides the task's own signal: a decision whose wake-up was
 * lost (its sender and the relay both failed to reach the run) is still seen within minutes. The last
 * checkpoint is the deadline itself; `also` adds moments the run must act at, such as the deadline ladder's rungs.
 */
export function decisionCheckpoints(openedAt: Date, deadlineAt: Date, also: readonly Date[] = []): Date[] {
  const checkpoints: Date[] = [];
  let at = openedAt.getTime();
  for (let i = 0; ; i++) {
    at += (WINDOWS_MINUTES[Math.min(i, WINDOWS_MINUTES.length - 1)] ?? 60) * 60_000;
    if (at >= deadlineAt.getTime()) break;
    checkpoints.push(new Date(at));
  }
  checkpoints.push(deadlineAt);
  // The ladder's rungs are checkpoints too, so a reminder goes out on time rather than at the next look.
  const times = new Set(
    [...checkpoints, ...also.filter((at) => at > openedAt && at < deadlineAt)].map((at) => at.getTime()),
  );
  return [...times].sort((a, b) => a - b).map((t) => new Date(t));
}
