import { expect, test } from "../fixtures";
import { makeUser } from "../factories/users";

test("five wrong passwords lock the account: the form says when to try again, and the right password waits too", async ({
  page,
  loginPage,
}) => {
  const user = await makeUser({ role: "operator" });
  for (let attempt = 1; attempt <= 5; attempt++) {
    await loginPage.goto();
    await loginPage.signIn(user.email, `not-the-password-${String(attempt)}`);
    await expect(page.getByRole("alert").first()).toBeVisible();
  }
  await loginPage.goto();
  await loginPage.signIn(user.email, user.password);
  await expect(page.getByRole("alert").first()).toHaveText(
    /^Too many failed sign-ins\. Try again in \d+ minutes?; if you have forgotten your password, ask an admin\.$/,
  );
  await expect(page).toHaveURL(/\/login/);
});

test("an admin cannot give a new user a password that is easy to guess, and is told why beside the field", async ({
  page,
  signInAs,
}) => {
  await signInAs("admin");
  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a user" });
  await dialog.getByLabel("Name").fill("Weak Password");
  await dialog.getByLabel("Email").fill(`weak-${String(Date.now())}@example.test`);
  await dialog.getByLabel("Initial password").fill("aaaaaaaaaaaa");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.locator("#password-error")).toHaveText(
    /^This password is too easy to guess: it repeats a few characters\./,
  );
});

test("a crafted inbox page link is answered with the first page and a sentence, not an error", async ({
  page,
  signInAs,
}) => {
  await signInAs("approver");
  const response = await page.goto("/inbox?after=garbage");
  expect(response?.status()).toBe(200);
  await expect(page.getByText("That page link is no longer valid; showing the first page.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Inbox" })).toBeVisible();
});
