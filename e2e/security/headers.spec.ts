import type { ConsoleMessage } from "@playwright/test";
import { expect, test } from "../fixtures";

/** Every message the browser logs about a blocked script, style, image or frame. */
function cspViolations(messages: ConsoleMessage[]): string[] {
  return messages
    .map((m) => m.text())
    .filter((text) => /Content Security Policy|Refused to (execute|load|apply|frame)/i.test(text));
}

test("pages carry the CSP with a nonce and the other security headers, and run without a CSP violation", async ({
  page,
  signInAs,
}) => {
  const messages: ConsoleMessage[] = [];
  page.on("console", (message) => messages.push(message));
  const login = await page.goto("/login");
  const csp = login?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(login?.headers()["x-content-type-options"]).toBe("nosniff");
  expect(login?.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // Plain http here: HSTS would lock a Keel without TLS out of browsers for a year.
  expect(login?.headers()["strict-transport-security"]).toBeUndefined();

  await signInAs("operator");
  await page.getByRole("link", { name: "Documents", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Documents" })).toBeVisible();
  await page.getByRole("link", { name: "Inbox", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Inbox" })).toBeVisible();
  expect(cspViolations(messages)).toEqual([]);
});

test("a route handler's answer carries nosniff and frame-ancestors 'none'", async ({ request }) => {
  const response = await request.get("/api/v1/documents/00000000-0000-4000-8000-000000000000");
  expect(response.status()).toBe(401);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("a cross-origin upload with a valid session is refused with 403", async ({ page, signInAs }) => {
  await signInAs("operator");
  const response = await page.request.post("/api/documents", {
    headers: { origin: "https://evil.example", "x-filename": "po.csv" },
    data: "PO Number,Vendor\nPO-1,ACME\n",
  });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ error: { code: "forbidden:origin" } });
});
