// The document reader's process: everything that parses a document's bytes or text runs here, never in the server.
import { serveJobs } from "./serve";
import { documentJobs } from "./jobs";
import { preloadPdfjs } from "@/ai/text/pdfjs-node";

serveJobs(documentJobs);
// A reader is kept warm for the next document (pool.ts): pdf.js loads while it waits, not while a person does.
preloadPdfjs().catch(() => undefined);
