import Link from "next/link";

/** A full-page answer for errors: what happened and where to go next. */
export function StatusPage({ code, title, message }: { code: string; title: string; message: string }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-slate-500">{code}</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">{title}</h1>
        <p className="mt-3 text-slate-600">{message}</p>
        <Link
          href="/inbox"
          className="mt-6 inline-block text-sm font-medium text-slate-900 underline underline-offset-4"
        >
          Back to your inbox
        </Link>
      </div>
    </main>
  );
}
