import { notFound } from "next/navigation";
import { describe, expect, it } from "vitest";
import { handleAction } from "./actions";
import { AppError } from "./errors";
import { handleRoute, handleSessionRoute } from "./http";

const sentence = /^Something went wrong on our side \(reference [0-9A-HJKMNP-TV-Z]{26}\)\. .*admin/;

function overflow(): never {
  throw new RangeError("Maximum call stack size exceeded");
}

describe("handleRoute", () => {
  it("answers an unexpected error with 500, a sentence and a reference, and none of its detail", async () => {
    const response = await handleRoute(() => Promise.resolve(overflow()));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("Maximum call stack");
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("internal");
    expect(body.error.message).toMatch(sentence);
  });

  it("gives each failure its own reference", async () => {
    const read = async () =>
      ((await (await handleRoute(() => Promise.resolve(overflow()))).json()) as { error: { message: string } }).error
        .message;
    expect(await read()).not.toBe(await read());
  });

  it("keeps an AppError's own sentence and status", async () => {
    const response = await handleRoute(() =>
      Promise.reject(new AppError("not_found:document", "No document with this id.")),
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "not_found:document", message: "No document with this id." },
    });
  });

  it("lets Next's notFound() through", async () => {
    await expect(handleRoute(() => Promise.resolve(notFound()))).rejects.toThrow();
  });
});

describe("handleSessionRoute", () => {
  it("refuses a cross-origin POST with 403 and a sentence before the handler runs", async () => {
    let ran = false;
    const request = new Request("http://keel.test/api/documents", {
      method: "POST",
      headers: { host: "keel.test", origin: "https://evil.example" },
    });
    const response = await handleSessionRoute(request, () => {
      ran = true;
      return Promise.resolve(new Response("done"));
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      error: { code: "forbidden:origin", message: expect.stringContaining("another website") as string },
    });
    expect(ran).toBe(false);
  });

  it("runs the handler for a same-origin POST", async () => {
    const request = new Request("http://keel.test/api/documents", {
      method: "POST",
      headers: { host: "keel.test", origin: "http://keel.test" },
    });
    const response = await handleSessionRoute(request, () => Promise.resolve(new Response("done")));
    expect(await response.text()).toBe("done");
  });
});

describe("handleAction", () => {
  it("returns a failure with a referenced sentence for an unexpected error", async () => {
    const result = await handleAction(() => Promise.resolve(overflow()));
    expect(result).toMatchObject({ ok: false, code: "internal", message: expect.stringMatching(sentence) as string });
    expect(JSON.stringify(result)).not.toContain("Maximum call stack");
  });

  it("keeps an AppError's code and sentence", async () => {
    expect(await handleAction(() => Promise.reject(new AppError("forbidden:users")))).toEqual({
      ok: false,
      code: "forbidden:users",
      message: "You do not have permission to do this.",
    });
  });
});
