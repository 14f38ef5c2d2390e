"use client";

import { useRouter } from "next/navigation";
import { useCallback, useRef } from "react";
import { AutoRefresh } from "@/components/documents/auto-refresh";
import type { LiveTarget } from "@/domain/realtime";
import { useLiveChannel } from "./use-live-channel";

/** A burst of messages (a run's steps) becomes one re-render. */
const COALESCE_MS = 150;

/**
 * Re-renders the server page when the target changes, pushed over the realtime channel. While the push connection
 * is down, it polls instead, but only while `pollWhileDown` says something on the page is still moving.
 */
export function LiveRefresh({
  target,
  pollWhileDown,
  intervalMs,
}: {
  target: LiveTarget;
  pollWhileDown: boolean;
  intervalMs?: number;
}) {
  const router = useRouter();
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refresh = useCallback(() => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      router.refresh();
    }, COALESCE_MS);
  }, [router]);
  const state = useLiveChannel(target, refresh);
  return (
    <>
      {/* Quiet on purpose: polling covers an outage; tests and support read the state here. */}
      <span hidden data-live-updates={state} />
      <AutoRefresh active={state !== "connected" && pollWhileDown} {...(intervalMs ? { intervalMs } : {})} />
    </>
  );
}
