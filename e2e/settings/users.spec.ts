import type { Page } from "@playwright/test";
import { listAuditForSubject } from "@/db/queries/audit";
import { getUserByEmail, getUserById } from "@/db/queries/users";
import { expect, test } from "../fixtures";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";

test("an admin creates a user who can then sign in", async ({ page, signInAs, browser }) => {
  const admin = await signInAs("admin");
  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a user" });
  const email = `new-${Date.now()}@example.test`;
  await dialog.getByLabel("Name").fill("Nadia New");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Initial password").fill("a long enough password");
  await dialog.getByLabel("Role").selectOption("approver");
  await dialog.getByLabel("Approval limit").fill("7,500.00");
  await dialog.getByLabel("Currency").fill("EUR");
  await dialog.getByRole("button", { name: "Create user" }).click();

  await expect(dialog).toBeHidden();
  const row = page.getByRole("row", { name: /Nadia New/ });
  await expect(row).toContainText("€7,500.00");
  await expect(row).toContainText("Approver");

  const created = await getUserByEmail(email);
  expect(created).toMatchObject({ role: "approver", approvalLimitMinor: 750000, approvalCurrency: "EUR" });
  const audit = await listAuditForSubject("user", created?.id ?? "");
  expect(audit[0]).toMatchObject({ action: "user.created", actorId: admin.id, actorLabel: admin.email });

  const context = await browser.newContext();
  const login = new LoginPage(await context.newPage());
  await login.goto();
  await login.signIn(email, "a long enough password");
  await expect(login.page).toHaveURL(/\/inbox$/);
  await context.close();
});

test("an admin changes a user's role and approval limit", async ({ page, signInAs }) => {
  await signInAs("admin");
  const user = await makeUser({ role: "operator" });
  await page.goto("/settings/users");
  await page.getByRole("button", { name: `Edit ${user.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Edit ${user.name}` });
  await dialog.getByLabel("Role").selectOption("approver");
  await dialog.getByLabel("Approval limit").fill("12000");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row", { name: new RegExp(user.name) })).toContainText("€12,000.00");

  expect(await getUserById(user.id)).toMatchObject({ role: "approver", approvalLimitMinor: 1200000 });
  const [entry] = await listAuditForSubject("user", user.id);
  expect(entry).toMatchObject({
    action: "user.updated",
    before: { role: "operator", approvalLimitMinor: 0 },
    after: { role: "approver", approvalLimitMinor: 1200000 },
  });
});

test("bad fields on the create form are shown beside each field and nothing is created", async ({ page, signInAs }) => {
  await signInAs("admin");
  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a user" });
  await dialog.getByLabel("Name").fill("Half Done");
  await dialog.getByLabel("Email").fill("not-an-email");
  await dialog.getByLabel("Initial password").fill("short");
  await dialog.getByLabel("Approval limit").fill("lots");
  await dialog.getByRole("button", { name: "Create user" }).click();

  await expect(dialog.locator("#email-error")).toHaveText("Enter a valid email address.");
  await expect(dialog.locator("#password-error")).toHaveText("Use at least 12 characters.");
  await expect(dialog.locator("#approvalLimit-error")).toContainText("Enter an amount such as 7500.00");
  await expect(dialog.getByLabel("Name")).toHaveValue("Half Done");
  expect(await getUserByEmail("not-an-email")).toBeUndefined();
});

for (const role of ["operator", "approver"] as const) {
  test(`an ${role} gets 403 on Settings → Users`, async ({ page, signInAs }) => {
    await signInAs(role);
    const response = await page.goto("/settings/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Users" })).toHaveCount(0);
  });
}

type CapturedAction = { url: string; headers: Record<string, string>; body: Buffer };

/**
 * Fills the admin's create-user form and captures the exact server-action request the browser would send,
 * without letting it through, so another session can replay it as a direct call.
 */
async function captureCreateUserCall(page: Page, email: string): Promise<CapturedAction> {
  let captured: CapturedAction | undefined;
  await page.route("**/settings/users", async (route) => {
    const request = route.request();
    const headers = request.headers();
    if (request.method() !== "POST" || !headers["next-action"]) return route.continue();
    captured = {
      url: request.url(),
      headers: {
        "next-action": headers["next-action"],
        "content-type": headers["content-type"] ?? "",
        accept: "text/x-component",
      },
      body: request.postDataBuffer() ?? Buffer.alloc(0),
    };
    await route.abort();
  });
  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a user" });
  await dialog.getByLabel("Name").fill("Direct Call");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Initial password").fill("a long enough password");
  await dialog.getByLabel("Role").selectOption("admin");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect.poll(() => captured !== undefined).toBe(true);
  await page.unroute("**/settings/users");
  if (!captured) throw new Error("no server action request was sent");
  return captured;
}

test("an approver calling the create-user server action directly is refused", async ({ page, browser }) => {
  const email = `sneaky-${Date.now()}@example.test`;
  const admin = await makeUser({ role: "admin" });
  const adminPage = await (await browser.newContext()).newPage();
  const adminLogin = new LoginPage(adminPage);
  await adminLogin.goto();
  await adminLogin.signIn(admin.email, admin.password);
  await expect(adminPage).toHaveURL(/\/inbox$/);
  const call = await captureCreateUserCall(adminPage, email);
  await adminPage.context().close();
  expect(await getUserByEmail(email)).toBeUndefined();

  const approver = await makeUser({ role: "approver" });
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(approver.email, approver.password);
  await expect(page).toHaveURL(/\/inbox$/);
  const response = await page.request.post(call.url, { headers: call.headers, data: call.body });
  expect(await response.text()).toContain('"code":"forbidden:users:manage"');
  expect(await getUserByEmail(email)).toBeUndefined();
});

test("the same direct call from an admin creates the user, so the refusal is about the role", async ({
  page,
  signInAs,
}) => {
  await signInAs("admin");
  const email = `direct-${Date.now()}@example.test`;
  const call = await captureCreateUserCall(page, email);
  expect(await getUserByEmail(email)).toBeUndefined();
  const response = await page.request.post(call.url, { headers: call.headers, data: call.body });
  expect(response.status()).toBe(200);
  expect(await getUserByEmail(email)).toMatchObject({ role: "admin", name: "Direct Call" });
});
