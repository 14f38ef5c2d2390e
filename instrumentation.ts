/** Next.js calls this once when the server starts. */
export async function register() {
  // Only the Node.js server; the edge runtime has no processes to watch.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exitWithLauncher } = await import("@/lib/launcher/orphan-guard");
  exitWithLauncher(process.env.KEEL_LAUNCHER);
}
