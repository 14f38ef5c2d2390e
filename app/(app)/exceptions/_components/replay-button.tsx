"use client";

import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { replayDocument } from "../actions";

export function ReplayButton({ documentId, filename }: { documentId: string; filename: string }) {
  const [pending, start] = useTransition();
  const notify = useToast();
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={pending}
      aria-label={`Replay ${filename}`}
      onClick={() => {
        start(async () => {
          const result = await replayDocument({ documentId });
          notify(
            result.ok
              ? { title: `Replaying ${filename}`, tone: "success" }
              : { title: "Not replayed", description: result.message, tone: "error" },
          );
        });
      }}
    >
      {pending ? "Replaying…" : "Replay"}
    </Button>
  );
}
