import { getDocumentById } from "@/db/queries/documents";
import type { ExtractedText, Extraction } from "@/domain/documents/types";
import { fieldHeading } from "@/app/(app)/documents/_components/document-labels";
import {
  viewerBoxes,
  viewerFields,
  viewerPages,
  type ViewerBox,
  type ViewerPage,
} from "@/components/documents/page-viewer/viewer-data";

/** What the task page's viewer shows: the document's pages with every field's evidence boxed. */
export type PageViewData = { documentId: string; filename: string; pages: ViewerPage[]; boxes: ViewerBox[] };

/**
 * The boxes carry the names the fields beside them use (`totalMinor`, `bankDetails`, `line-0`), so pointing at one
 * finds the other. Null when the document has no pages to show (email, CSV, spreadsheet, text).
 */
export async function pageViewFor(
  documentId: string,
  extraction: Extraction | undefined,
  text: ExtractedText | undefined,
): Promise<PageViewData | null> {
  const document = await getDocumentById(documentId);
  const pages = document ? viewerPages(document.kind, text) : null;
  if (!document || !pages) return null;
  return {
    documentId,
    filename: document.filename,
    pages,
    boxes: extraction ? viewerBoxes(viewerFields(extraction, fieldHeading), text) : [],
  };
}
