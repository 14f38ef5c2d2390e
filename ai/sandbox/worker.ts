// The document reader's process: everything that parses a document's bytes or text runs here, never in the server.
import { serveJobs } from "./serve";
import { documentJobs } from "./jobs";

serveJobs(documentJobs);
