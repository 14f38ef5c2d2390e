"use client";

import { Button } from "@/components/ui/button";

/**
 * What a person sees when a page fails unexpectedly. Next hides the error's message in production and gives its
 * digest, which instrumentation.ts logs next to the stack; here it is the reference an admin looks up.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-md text-center">
        <h1 className="text-2xl font-semibold text-slate-900">Something went wrong on our side</h1>
        <p className="mt-3 text-slate-600">
          {error.digest ? (
            <>
              Reference <code className="font-mono">{error.digest}</code>. Nothing you entered was lost. Try again; if
              it keeps happening, give an admin this reference.
            </>
          ) : (
            <>
              Nothing you entered was lost. Reload the page and try again; if it keeps happening, tell an admin what you
              were doing.
            </>
          )}
        </p>
        <Button className="mt-6" onClick={reset}>
          Try again
        </Button>
      </div>
    </main>
  );
}
