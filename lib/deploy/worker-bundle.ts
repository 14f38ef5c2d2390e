/**
 * Where the build puts the document reader (ai/sandbox/worker.ts bundled into one file) and the list of runtime
 * files its external packages load. Relative to the app's root: the checkout, `.next/standalone`, or a Vercel
 * function's filesystem, which hold the bundle at the same place. No `@/` imports: next.config.ts reads this.
 */
export const workerBundleDir = "dist/sandbox";
export const workerBundleFile = `${workerBundleDir}/worker.mjs`;
/** JSON array of root-relative paths: the bundle and every file its externals load, as the build traced them. */
export const workerTraceFile = `${workerBundleDir}/files.json`;

/**
 * Packages the bundle leaves as real packages: native binaries, WebAssembly, and code that loads files beside
 * itself (tesseract.js spawns its own worker script and picks a tesseract.js-core build at run time; unpdf ships
 * pdf.js as a module it imports on demand; the English model is read from its package folder).
 */
export const workerExternals = ["tesseract.js", "@tesseract.js-data/eng", "@napi-rs/canvas", "unpdf"];

/**
 * The app's entries (route handlers, pages and their server actions) that start a document reader, by the route
 * Next names their function with. tests/deploy/document-routes.test.ts derives the same list from the imports.
 */
export const documentReaderRoutes = [
  "/api/inngest",
  "/api/tickets/eml",
  "/api/documents/[documentId]/pages/[page]",
  "/settings/alerts",
];

/** The folders the bundle's code comes from: ai/ and what ai/ may import (lib/architecture/layers.json). */
export const workerSourceDirs = ["ai", "intake", "domain", "lib"];
