import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { ToastProvider } from "@/components/ui/toast";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Keel", template: "%s · Keel" },
  description: "AI document pipelines with people in the loop",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request, never ahead of time: Next can put proxy.ts's per-request CSP nonce only on scripts it
  // renders for a request, and a page built in advance would carry none and be blocked.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <ToastProvider>{children}</ToastProvider>
      </body>
    </html>
  );
}
