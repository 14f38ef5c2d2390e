"use client";

import { Toast as Primitive } from "radix-ui";
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import { cn } from "@/lib/cn";

type ToastMessage = { id: number; title: string; description?: string; tone: "success" | "error" };
type Notify = (message: Omit<ToastMessage, "id">) => void;

const ToastContext = createContext<Notify>(() => {});

export function useToast(): Notify {
  return useContext(ToastContext);
}

/** Announces short confirmations and failures politely to screen readers, and shows them in a corner. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<ToastMessage[]>([]);
  const notify = useCallback<Notify>((message) => {
    setMessages((current) => [...current, { ...message, id: Date.now() + Math.random() }]);
  }, []);
  return (
    <ToastContext.Provider value={notify}>
      <Primitive.Provider swipeDirection="right" duration={5000}>
        {children}
        {messages.map((m) => (
          <Primitive.Root
            key={m.id}
            type={m.tone === "error" ? "foreground" : "background"}
            onOpenChange={(open) => {
              if (!open) setMessages((current) => current.filter((x) => x.id !== m.id));
            }}
            className={cn(
              "rounded-md border bg-white p-4 shadow-lg",
              m.tone === "error" ? "border-red-300" : "border-emerald-300",
            )}
          >
            <Primitive.Title className="text-sm font-semibold text-slate-900">{m.title}</Primitive.Title>
            {m.description ? (
              <Primitive.Description className="mt-1 text-sm text-slate-600">{m.description}</Primitive.Description>
            ) : null}
          </Primitive.Root>
        ))}
        <Primitive.Viewport className="fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2 outline-none" />
      </Primitive.Provider>
    </ToastContext.Provider>
  );
}
