import type { DocumentKind } from "@/domain/documents/kinds";
import type { ExtractedText, Extraction } from "@/domain/documents/types";
import {
  viewerBoxes,
  viewerFields,
  viewerPages,
  type ViewerBox,
  type ViewerPage,
} from "@/components/documents/page-viewer/viewer-data";
import { fieldHeading } from "./document-labels";

/** What a page viewer shows: the document's pages with every field's evidence boxed. */
export type PageViewData = { documentId: string; filename: string; pages: ViewerPage[]; boxes: ViewerBox[] };

/**
 * The boxes carry the names the fields beside them use (`totalMinor`, `bankDetails`, `line-0`), so pointing at one
 * finds the other. Null when the document has no pages to show (email, CSV, spreadsheet, text).
 */
export function pageView(
  document: { id: string; kind: DocumentKind; filename: string },
  extraction: Extraction | undefined,
  text: ExtractedText | undefined,
): PageViewData | null {
  const pages = viewerPages(document.kind, text);
  if (!pages) return null;
  return {
    documentId: document.id,
    filename: document.filename,
    pages,
    boxes: extraction ? viewerBoxes(viewerFields(extraction, fieldHeading), text) : [],
  };
}
