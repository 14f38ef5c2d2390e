"use client";

import { useState, type ReactNode } from "react";
import { PageViewer } from "./page-viewer";
import { ViewTabs } from "./view-tabs";
import type { ViewerBox, ViewerPage } from "./viewer-data";

/**
 * A document's pages with its fields' evidence boxed, and its text on a second tab. Pointing at a box lights it up;
 * clicking one hands the focus to the field of that name where the page lists its fields as inputs.
 */
export function DocumentPages({
  documentId,
  filename,
  pages,
  boxes,
  text,
  heading,
}: {
  documentId: string;
  filename: string;
  pages: ViewerPage[];
  boxes: ViewerBox[];
  text: ReactNode;
  heading: ReactNode;
}) {
  const [active, setActive] = useState<string | null>(null);
  const pick = (field: string) => {
    setActive(field);
    document.getElementById(`field-${field}`)?.focus();
  };
  return (
    <ViewTabs
      label="Document view"
      heading={heading}
      tabs={[
        {
          id: "page",
          label: "Page",
          content: (
            <PageViewer
              documentId={documentId}
              filename={filename}
              pages={pages}
              boxes={boxes}
              active={active}
              onPoint={setActive}
              onPick={pick}
            />
          ),
        },
        { id: "text", label: "Text", content: text },
      ]}
    />
  );
}
