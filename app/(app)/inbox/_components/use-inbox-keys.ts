"use client";

import { useEffect } from "react";
import { typing } from "./typing";

type InboxKeys = {
  /** Rows in the table, and the selected one's index. */
  count: number;
  selected: number;
  /** A dialog is asking: keys belong to it. */
  paused: boolean;
  select: (index: number) => void;
  open: () => void;
  approve: () => void;
  reject: () => void;
  edit: () => void;
};

/** j/k move the selection, Enter opens it (unless something else has the focus), a approves, r rejects, e edits. */
export function useInboxKeys(keys: InboxKeys) {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (typing(event.target) || event.metaKey || event.ctrlKey || event.altKey || keys.paused || keys.count === 0)
        return;
      const move = (to: number) => keys.select(Math.max(0, Math.min(keys.count - 1, to)));
      switch (event.key) {
        case "j":
          move(keys.selected + 1);
          break;
        case "k":
          move(keys.selected - 1);
          break;
        case "Enter":
          if (document.activeElement === document.body) keys.open();
          return;
        case "a":
          keys.approve();
          break;
        case "r":
          keys.reject();
          break;
        case "e":
          keys.edit();
          break;
        default:
          return;
      }
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
    };
  });
}
