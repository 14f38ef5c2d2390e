"use client";

import { useEffect } from "react";
import { handlingFlushMs, handlingIdleMs, maxHandlingReportMs } from "@/domain/operations/handling";

// A tick longer than this was the machine asleep or the tab frozen, not a person working.
const maxTickMs = 2_000;
const tickMs = 1_000;
const activity = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "scroll"] as const;

let flushPending: (() => void) | null = null;

/**
 * Sends the handling time counted so far right away. A decision calls it first: once the task is decided the
 * server ignores further reports, so time not yet sent would be lost.
 */
export function flushHandlingTime(): void {
  flushPending?.();
}

function send(url: string, ms: number): void {
  const body = JSON.stringify({ ms });
  const sent =
    typeof navigator.sendBeacon === "function" &&
    navigator.sendBeacon(url, new Blob([body], { type: "application/json" }));
  if (!sent)
    void fetch(url, {
      method: "POST",
      body,
      keepalive: true,
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
    }).catch(() => undefined);
}

/**
 * Measures how long a person actually works this task: only while the page is visible, the window has the focus
 * and they used pointer, keyboard or scroll in the last two minutes. What it counts is reported every 15 s and when
 * the page is hidden or left. Renders nothing; counts nothing once the task is closed.
 */
export function HandlingTimer({ taskId, open }: { taskId: string; open: boolean }) {
  useEffect(() => {
    if (!open) return;
    const url = `/api/tasks/${encodeURIComponent(taskId)}/handling`;
    let pending = 0;
    let lastTick = Date.now();
    let lastActive = Date.now();

    const counting = () =>
      document.visibilityState === "visible" && document.hasFocus() && Date.now() - lastActive < handlingIdleMs;
    const tick = () => {
      const now = Date.now();
      if (counting()) pending += Math.min(Math.max(now - lastTick, 0), maxTickMs);
      lastTick = now;
    };
    const flush = () => {
      tick();
      while (pending >= 1) {
        const ms = Math.min(Math.floor(pending), maxHandlingReportMs);
        if (ms < 1) break;
        send(url, ms);
        pending -= ms;
      }
    };
    const active = () => {
      // Time idle before this moment does not count: settle it as idle first.
      tick();
      lastActive = Date.now();
    };
    const hidden = () => {
      if (document.visibilityState === "hidden") flush();
    };

    const ticker = window.setInterval(tick, tickMs);
    const flusher = window.setInterval(flush, handlingFlushMs);
    for (const name of activity) window.addEventListener(name, active, { capture: true, passive: true });
    window.addEventListener("focus", active);
    window.addEventListener("blur", tick);
    document.addEventListener("visibilitychange", hidden);
    window.addEventListener("pagehide", flush);
    flushPending = flush;
    return () => {
      flush();
      if (flushPending === flush) flushPending = null;
      window.clearInterval(ticker);
      window.clearInterval(flusher);
      for (const name of activity) window.removeEventListener(name, active, { capture: true });
      window.removeEventListener("focus", active);
      window.removeEventListener("blur", tick);
      document.removeEventListener("visibilitychange", hidden);
      window.removeEventListener("pagehide", flush);
    };
  }, [taskId, open]);
  return null;
}
