"use client";

import { useState, type KeyboardEvent } from "react";
import { controlOfStop, nextToReview, stopOfControl, type ReviewStop } from "./review-order";

/**
 * Keyboard review: Enter in a field accepts it and moves to the next field that still needs a person; `next`
 * (the `n` key) goes there without accepting anything.
 */
export function useReview(order: readonly ReviewStop[]) {
  const [accepted, setAccepted] = useState<ReadonlySet<string>>(new Set());
  const go = (done: ReadonlySet<string>, from: string | null) => {
    const next = nextToReview(order, done, from);
    if (next) document.getElementById(controlOfStop(next))?.focus();
  };
  return {
    accepted,
    next: () => go(accepted, stopOfControl(document.activeElement?.id ?? "")),
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      const target = event.target;
      if (event.key !== "Enter" || !(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
      const stop = stopOfControl(target.id);
      if (!stop) return;
      event.preventDefault();
      const done = new Set(accepted).add(stop);
      setAccepted(done);
      go(done, stop);
    },
  };
}
