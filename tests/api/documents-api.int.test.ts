import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/documents/route";
import { GET } from "@/app/api/v1/documents/[documentId]/route";
import { createApiKey, revokeApiKey } from "@/db/queries/api-keys";
import { listAuditForSubject } from "@/db/queries/audit";
import { readOriginal } from "@/services/documents/read";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();
const admin = { id: null, label: "test admin" };

function upload(secret: string, body: string, idempotencyKey: string | null, filename = "po.csv") {
  return POST(
    new Request("http://keel.test/api/v1/documents", {
      method: "POST",
      headers: {
        authorization: `Bearer ${secret}`,
        "x-filename": filename,
        ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
      },
      body,
    }),
  );
}

const csv = (n: number) => `PO Number,Vendor,Item,Qty,Unit Price\nPO-${String(n)},ACME,Hose,12,42.50\n`;

describe("POST /api/v1/documents", () => {
  it("creates a document, and answers the same way to the same key and body", async () => {
    const { secret } = await createApiKey("erp", admin);
    const first = await upload(secret, csv(1), "key-1");
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string; duplicate: boolean };
    expect(created.duplicate).toBe(false);

    const again = await upload(secret, csv(1), "key-1");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(created);
  });

  it("refuses the same key with another body with 409, and stores nothing new", async () => {
    const { secret } = await createApiKey("erp", admin);
    expect((await upload(secret, csv(2), "key-2")).status).toBe(201);
    const conflict = await upload(secret, csv(3), "key-2");
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ error: { code: "conflict:idempotency_key" } });
  });

  it("asks for an Idempotency-Key", async () => {
    const { secret } = await createApiKey("erp", admin);
    const response = await upload(secret, csv(4), null);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain("Idempotency-Key");
  });

  it("turns away unknown and revoked keys with one answer", async () => {
    const { key, secret } = await createApiKey("old", admin);
    expect(await revokeApiKey(key.id, admin)).toBe(true);
    for (const token of [secret, "keel_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "nonsense"]) {
      const response = await upload(token, csv(5), "key-5");
      expect(response.status).toBe(401);
    }
    expect((await listAuditForSubject("api_key", key.id)).map((e) => e.action)).toEqual([
      "api_key.revoked",
      "api_key.created",
    ]);
  });

  it("says why a file is rejected", async () => {
    const { secret } = await createApiKey("erp", admin);
    const response = await upload(secret, "", "key-empty");
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: "rejected:empty" } });
  });
});

const execFileAsync = promisify(execFile);

/** The route handler on a loopback HTTP server, its request body streamed through, for real HTTP clients. */
async function serveRoute(
  handler: (request: Request) => Promise<Response>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([name, value]) =>
        value === undefined ? [] : [[name, String(value)] as [string, string]],
      ),
      body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
      duplex: "half",
    } as RequestInit);
    void handler(request)
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/api/v1/documents`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function postForm(
  secret: string,
  form: FormData | ReadableStream<Uint8Array> | string,
  idempotencyKey: string,
  contentType?: string,
) {
  return POST(
    new Request("http://keel.test/api/v1/documents", {
      method: "POST",
      headers: {
        authorization: `Bearer ${secret}`,
        "idempotency-key": idempotencyKey,
        ...(contentType ? { "content-type": contentType } : {}),
      },
      body: form,
      duplex: "half",
    } as RequestInit),
  );
}

function fileForm(content: string, filename = "po.csv", field = "file"): FormData {
  const form = new FormData();
  form.set("note", "sent by the ERP");
  form.set(field, new Blob([content]), filename);
  return form;
}

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

describe("POST /api/v1/documents with a multipart form", () => {
  it("stores the file in the field `file` under the part's cleaned filename", async () => {
    const { secret } = await createApiKey("erp", admin);
    const response = await postForm(secret, fileForm(csv(10), "../exports/po 10.csv"), "form-1");
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; filename: string };
    expect(created.filename).toBe("po 10.csv");
    expect((await readOriginal(created.id))?.bytes.toString("utf8")).toBe(csv(10));
  });

  it("answers a retry with a new boundary, or sent raw, as the first time: the key covers the file and its name", async () => {
    const { secret } = await createApiKey("erp", admin);
    const first = await postForm(secret, fileForm(csv(11)), "form-2");
    expect(first.status).toBe(201);
    const created: unknown = await first.json();
    const retries = [
      await postForm(secret, fileForm(csv(11)), "form-2"),
      await upload(secret, csv(11), "form-2", "po.csv"),
    ];
    for (const retry of retries) {
      expect(retry.status).toBe(201);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(await retry.json()).toEqual(created);
    }
  });

  it("refuses another file under the same key with 409", async () => {
    const { secret } = await createApiKey("erp", admin);
    expect((await postForm(secret, fileForm(csv(12)), "form-3")).status).toBe(201);
    expect(await errorOf(await postForm(secret, fileForm(csv(13)), "form-3"))).toMatchObject({
      status: 409,
      code: "conflict:idempotency_key",
    });
    expect(await errorOf(await postForm(secret, fileForm(csv(12), "renamed.csv"), "form-3"))).toMatchObject({
      status: 409,
    });
  });

  it("stops reading a form whose file passes the size limit and answers 413 like a raw upload", async () => {
    const { secret } = await createApiKey("erp", admin);
    const MB = 1024 * 1024;
    const source = { pulled: 0, cancelled: false };
    const head = "PO Number,Vendor\n".padEnd(MB, " ");
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        source.pulled++;
        if (source.pulled === 1)
          controller.enqueue(
            new TextEncoder().encode(
              `--xyz\r\nContent-Disposition: form-data; name="file"; filename="huge.csv"\r\n\r\n${head}`,
            ),
          );
        else if (source.pulled <= 100) controller.enqueue(new Uint8Array(MB).fill(0x20));
        else controller.close();
      },
      cancel() {
        source.cancelled = true;
      },
    });
    const error = await errorOf(await postForm(secret, body, "form-4", "multipart/form-data; boundary=xyz"));
    expect(error).toEqual({
      status: 413,
      code: "rejected:too_large",
      message: "The file is larger than 25 MB, the limit. Split it or compress it and upload again.",
    });
    expect(source.pulled).toBeLessThan(30);
    expect(source.cancelled).toBe(true);
  });

  it("asks for the file in a field named `file` when the form has none", async () => {
    const { secret } = await createApiKey("erp", admin);
    const textOnly = new FormData();
    textOnly.set("note", "forgot the file");
    expect(await errorOf(await postForm(secret, textOnly, "form-5"))).toMatchObject({
      status: 422,
      code: "invalid:missing_file",
      message: expect.stringContaining("-F file=@invoice.pdf") as string,
    });
    const misnamed = await errorOf(await postForm(secret, fileForm(csv(14), "po.csv", "document"), "form-5"));
    expect(misnamed).toMatchObject({
      status: 422,
      code: "invalid:missing_file",
      message: expect.stringContaining("`document`") as string,
    });
    const text = new FormData();
    text.set("file", "invoice.pdf");
    expect(await errorOf(await postForm(secret, text, "form-5"))).toMatchObject({
      status: 422,
      message: expect.stringContaining("holds text, not a file") as string,
    });
  });

  it("turns away a form with more than one file", async () => {
    const { secret } = await createApiKey("erp", admin);
    const form = fileForm(csv(15));
    form.append("file", new Blob([csv(16)]), "second.csv");
    expect(await errorOf(await postForm(secret, form, "form-6"))).toMatchObject({
      status: 422,
      code: "invalid:several_files",
      message: expect.stringContaining("one per request") as string,
    });
  });

  it("turns away an empty file as it does an empty body", async () => {
    const { secret } = await createApiKey("erp", admin);
    expect(await errorOf(await postForm(secret, fileForm(""), "form-7"))).toMatchObject({
      status: 422,
      code: "rejected:empty",
    });
  });

  it("answers 400 to a form cut off before its end, and to a multipart Content-Type without a boundary", async () => {
    const { secret } = await createApiKey("erp", admin);
    const complete = new Response(fileForm(csv(17)));
    const bytes = await complete.text();
    const cut = await errorOf(
      await postForm(secret, bytes.slice(0, -20), "form-8", complete.headers.get("content-type") ?? ""),
    );
    expect(cut).toMatchObject({
      status: 400,
      code: "bad_request:multipart_body",
      message: expect.stringContaining("closing boundary") as string,
    });
    const unbounded = await errorOf(await postForm(secret, bytes, "form-8", "multipart/form-data"));
    expect(unbounded).toMatchObject({
      status: 400,
      code: "bad_request:multipart_boundary",
      message: expect.stringContaining("Do not set Content-Type by hand") as string,
    });
  });

  // curl is on every machine Keel's tests run on (.ci/run installs it): a skipped test would not be a passing one.
  it("takes what `curl -F file=@…` sends, and a retry with curl's new boundary is the same request", async () => {
    const { secret } = await createApiKey("erp", admin);
    const dir = await mkdtemp(path.join(os.tmpdir(), "keel-curl-"));
    const server = await serveRoute(POST);
    try {
      await writeFile(path.join(dir, "invoice 18.csv"), csv(18));
      const curl = () =>
        execFileAsync(
          "curl",
          [
            "-sS",
            "-w",
            "\n%{http_code} %header{idempotent-replayed}",
            "-H",
            `Authorization: Bearer ${secret}`,
            "-H",
            "Idempotency-Key: curl-1",
            "-F",
            "file=@invoice 18.csv",
            "-F",
            "note=from curl",
            server.url,
          ],
          { cwd: dir },
        );
      const [body, status] = (await curl()).stdout.split("\n");
      expect(status).toBe("201 ");
      expect(JSON.parse(body ?? "")).toMatchObject({ filename: "invoice 18.csv", duplicate: false });
      const [replayed, retryStatus] = (await curl()).stdout.split("\n");
      expect(retryStatus).toBe("201 true");
      expect(JSON.parse(replayed ?? "")).toEqual(JSON.parse(body ?? ""));
    } finally {
      await server.close();
      await rm(dir, { recursive: true });
    }
  });
});

describe("GET /api/v1/documents/:id", () => {
  it("returns the document's state, and 404 for another id", async () => {
    const { secret } = await createApiKey("erp", admin);
    const { id } = (await (await upload(secret, csv(6), "key-6")).json()) as { id: string };
    const get = (documentId: string) =>
      GET(
        new Request(`http://keel.test/api/v1/documents/${documentId}`, {
          headers: { authorization: `Bearer ${secret}` },
        }),
        {
          params: Promise.resolve({ documentId }),
        },
      );
    const response = await get(id);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id, status: "received", fields: null, findings: [], decisions: [] });
    expect((await get("00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});
