import { buildWorkerBundle } from "@/scripts/deploy/worker-bundle";
import { workerBundleFile } from "@/lib/deploy/worker-bundle";

/** `npm run build`'s first step: the document reader bundle that `next build` then traces into each route. */
buildWorkerBundle(process.cwd()).then(
  (files) => console.log(`Built ${workerBundleFile} (${String(files.length)} runtime files traced).`),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
