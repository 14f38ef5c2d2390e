import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/documents/route";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

const post = (headers: Record<string, string>) =>
  POST(
    new Request("http://keel.test/api/documents", {
      method: "POST",
      headers: { host: "keel.test", "x-filename": "po.csv", ...headers },
      body: "PO Number,Vendor\nPO-1,ACME\n",
    }),
  );

describe("POST /api/documents, authenticated by the session cookie", () => {
  it("refuses a POST from another site with 403 and a sentence, whatever cookie it carries", async () => {
    const response = await post({ origin: "https://evil.example", cookie: "authjs.session-token=stolen" });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: {
        code: "forbidden:origin",
        message:
          "Keel refused this request because it came from another website. Upload and change documents from Keel's own pages.",
      },
    });
  });

  it("refuses a POST that Fetch Metadata marks as cross-site even without Origin", async () => {
    expect((await post({ "sec-fetch-site": "cross-site" })).status).toBe(403);
  });
});
