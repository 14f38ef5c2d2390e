import { describe, expect, it } from "vitest";
import { realtimeOrigin } from "@/lib/realtime-origin";

describe("realtimeOrigin", () => {
  it("is the embedded engine's origin as a WebSocket", () => {
    expect(realtimeOrigin({ INNGEST_BASE_URL: "http://127.0.0.1:8288", INNGEST_DEV: undefined })).toBe(
      "ws://127.0.0.1:8288",
    );
  });

  it("is Inngest Cloud's API over wss when nothing names an Inngest", () => {
    expect(realtimeOrigin({ INNGEST_BASE_URL: undefined, INNGEST_DEV: undefined })).toBe("wss://api.inngest.com");
  });

  it("follows INNGEST_DEV as the SDK does: a URL, or the dev server's default", () => {
    expect(realtimeOrigin({ INNGEST_BASE_URL: undefined, INNGEST_DEV: "https://dev.example.com:9000" })).toBe(
      "wss://dev.example.com:9000",
    );
    expect(realtimeOrigin({ INNGEST_BASE_URL: undefined, INNGEST_DEV: "1" })).toBe("ws://localhost:8288");
    expect(realtimeOrigin({ INNGEST_BASE_URL: undefined, INNGEST_DEV: "0" })).toBe("wss://api.inngest.com");
  });
});
