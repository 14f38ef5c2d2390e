"use client";

import { useEffect, useRef } from "react";
import { typing } from "../../_components/typing";

type TaskKeys = { approve: () => void; reject: () => void; edit: () => void; next: () => void; paused: boolean };

/**
 * `a` approves, `r` goes to the rejection reason, `e` to the first field, `n` to the next field that needs a person;
 * silent while typing or while a dialog asks.
 */
export function useTaskKeys(keys: TaskKeys) {
  // One listener for the page's life, reading the newest handlers: re-subscribing on each render would drop keys.
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (typing(event.target) || event.metaKey || event.ctrlKey || event.altKey || latest.current.paused) return;
      if (event.key === "a") latest.current.approve();
      else if (event.key === "r") latest.current.reject();
      else if (event.key === "e") latest.current.edit();
      else if (event.key === "n") latest.current.next();
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
    };
  }, []);
}
