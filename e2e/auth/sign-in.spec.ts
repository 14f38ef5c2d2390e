import { expect, test } from "../fixtures";
import { makeUser } from "../factories/users";

const expectedNavigation = {
  operator: ["Inbox", "Documents", "Tickets", "Exceptions"],
  approver: ["Inbox", "Documents", "Tickets", "Exceptions"],
  admin: ["Inbox", "Documents", "Tickets", "Exceptions", "Monitor", "Runs", "Audit", "Settings"],
} as const;

for (const role of ["operator", "approver", "admin"] as const) {
  test(`an ${role} signs in and sees the ${role}'s navigation`, async ({ page, signInAs }) => {
    const user = await signInAs(role);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText([...expectedNavigation[role]]);
    await expect(page.getByText(user.email)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Inbox" })).toBeVisible();
  });
}

test("a wrong password and an unknown email get the same generic message", async ({ page, loginPage }) => {
  const user = await makeUser();
  await loginPage.goto();
  await loginPage.signIn(user.email, "not-the-password");
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/login/);
  await expect(loginPage.email).toHaveValue(user.email);

  await loginPage.signIn("nobody-here@example.test", "whatever-password");
  await expect(alert).toHaveText("Email or password is incorrect.");
});

test("malformed fields get an error beside each field", async ({ page, loginPage }) => {
  await loginPage.goto();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(loginPage.email).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#email-error")).toHaveText("Enter your email address.");
  await expect(page.locator("#password-error")).toHaveText("Enter your password.");

  await loginPage.signIn("not-an-email", "x");
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address.");
  await expect(page.locator("#password-error")).toHaveCount(0);
});

test("signing out ends the session", async ({ page, signInAs }) => {
  await signInAs("operator");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  await page.goto("/settings/users");
  await expect(page).toHaveURL(/\/login/);
});
