"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type DragEvent } from "react";
import { cn } from "@/lib/cn";
import { sendThroughBucket, type SentFile, type UploadAnswer } from "./bucket-upload";

type Upload = {
  key: string;
  name: string;
  progress: number;
  state: "uploading" | "done" | "duplicate" | "rejected";
  documentId?: string;
  message?: string;
};

function send(file: File, onProgress: (fraction: number) => void): Promise<SentFile> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/documents");
    xhr.setRequestHeader("x-filename", encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      try {
        resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) as UploadAnswer });
      } catch {
        resolve({
          status: xhr.status,
          body: { error: { message: "The server's answer could not be read. Try again." } },
        });
      }
    };
    xhr.onerror = () => {
      resolve({
        status: 0,
        body: { error: { message: "The upload was interrupted. Check your connection and try again." } },
      });
    };
    xhr.send(file);
  });
}

/**
 * Drag-and-drop upload of many files, each with its own progress and outcome; `throughBucket` when originals are
 * kept in a bucket, so files of any size go there rather than through Keel's function.
 */
export function UploadDropzone({
  throughBucket = false,
  maxMegabytes = 25,
}: {
  throughBucket?: boolean;
  maxMegabytes?: number;
}) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const router = useRouter();

  const update = (key: string, patch: Partial<Upload>) => {
    setUploads((current) => current.map((u) => (u.key === key ? { ...u, ...patch } : u)));
  };

  async function uploadAll(files: File[]) {
    const batch = files.map((file, i) => ({ file, key: `${String(Date.now())}-${String(i)}-${file.name}` }));
    setUploads((current) => [
      ...batch.map(({ file, key }) => ({ key, name: file.name, progress: 0, state: "uploading" as const })),
      ...current,
    ]);
    await Promise.all(
      batch.map(async ({ file, key }) => {
        const { status, body } = await (throughBucket ? sendThroughBucket : send)(file, (progress) => {
          update(key, { progress });
        });
        if (status === 200 || status === 201) {
          update(key, {
            progress: 1,
            state: body.duplicate ? "duplicate" : "done",
            ...(body.id ? { documentId: body.id } : {}),
          });
        } else {
          update(key, {
            state: "rejected",
            message: body.error?.message ?? `The upload failed (HTTP ${String(status)}).`,
          });
        }
      }),
    );
    router.refresh();
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void uploadAll([...event.dataTransfer.files]);
  }

  return (
    <section aria-label="Upload documents" className="mb-8">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => {
          setDragging(false);
        }}
        onDrop={onDrop}
        className={cn(
          "flex flex-col items-center justify-center rounded-lg border-2 border-dashed bg-white px-6 py-10 text-center",
          dragging ? "border-slate-900 bg-slate-50" : "border-slate-300",
        )}
      >
        <p className="text-sm text-slate-700">Drop PDFs, scans, emails (.eml) or spreadsheets here</p>
        <p className="mt-1 text-xs text-slate-500">
          PDF, PNG, JPEG, EML, CSV, XLSX or plain text, up to {maxMegabytes} MB each
        </p>
        <label className="mt-4 inline-flex cursor-pointer items-center rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-slate-900">
          Choose files
          <input
            ref={input}
            type="file"
            multiple
            className="sr-only"
            aria-label="Choose files to upload"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = "";
              void uploadAll(files);
            }}
          />
        </label>
      </div>
      {uploads.length > 0 ? (
        <ul aria-label="Uploads" className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {uploads.map((u) => (
            <li key={u.key} className="flex items-center gap-4 px-4 py-3 text-sm">
              <span className="min-w-0 flex-1 truncate font-medium">{u.name}</span>
              {u.state === "uploading" ? (
                <progress className="w-40" value={u.progress} max={1} aria-label={`Uploading ${u.name}`} />
              ) : null}
              {u.state === "done" && u.documentId ? (
                <Link href={`/documents/${u.documentId}`} className="text-emerald-700 underline underline-offset-4">
                  Uploaded — follow it
                </Link>
              ) : null}
              {u.state === "duplicate" && u.documentId ? (
                <Link href={`/documents/${u.documentId}`} className="text-amber-800 underline underline-offset-4">
                  Already received — open the existing document
                </Link>
              ) : null}
              {u.state === "rejected" ? (
                <span role="alert" className="max-w-xl text-red-700">
                  {u.message}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
