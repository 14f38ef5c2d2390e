"use client";

import { subscribe } from "inngest/realtime";
import { useEffect, useRef, useState } from "react";
import type { LiveTarget } from "@/domain/realtime";

export type LiveState = "connecting" | "connected" | "down";

type Subscription = { key: string; apiBaseUrl?: string; channel: string; topics: string[] };

/** Reconnects back off to this, so a long outage costs one attempt every half minute per open page. */
const MAX_RETRY_MS = 30_000;

async function fetchSubscription(body: string, signal: AbortSignal): Promise<Subscription> {
  const res = await fetch("/api/realtime/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    signal,
  });
  if (!res.ok) throw new Error(`the realtime token was refused (${String(res.status)})`);
  return (await res.json()) as Subscription;
}

/**
 * Follows a target's realtime channel and calls `onChange` for each message, and once each time the connection
 * opens (a change made while it was down was not kept for it). Tokens are short-lived, so every reconnect asks
 * Keel for a fresh one, and Keel checks the user's rights each time.
 */
export function useLiveChannel(target: LiveTarget, onChange: () => void): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);
  // A new object for the same target must not reconnect: the effect follows its JSON.
  const body = JSON.stringify(target);

  useEffect(() => {
    const aborter = new AbortController();
    let close: (() => void) | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;

    const connect = async () => {
      try {
        const token = await fetchSubscription(body, aborter.signal);
        const stream = await subscribe(token);
        if (aborter.signal.aborted) {
          stream.close();
          return;
        }
        close = () => stream.close();
        failures = 0;
        setState("connected");
        changed.current();
        const reader = stream.getReader();
        for (;;) {
          const { done } = await reader.read();
          if (done) break;
          changed.current();
        }
      } catch {
        // Refused, unreachable or dropped: the same answer for each, try again later.
      }
      if (aborter.signal.aborted) return;
      setState("down");
      failures += 1;
      retry = setTimeout(() => void connect(), Math.min(MAX_RETRY_MS, 1_000 * 2 ** Math.min(failures - 1, 5)));
    };
    void connect();

    return () => {
      aborter.abort();
      clearTimeout(retry);
      close?.();
    };
  }, [body]);

  return state;
}
