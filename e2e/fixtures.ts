import { test as base, expect } from "@playwright/test";
import { closeDatabase, connect, setDatabase, type Database } from "@/db/index";
import { makeUser } from "./factories/users";
import { LoginPage } from "./pages/login-page";

type Fixtures = {
  loginPage: LoginPage;
  /** A fresh user of `role`, signed in in this test's page. */
  signInAs: (role: "operator" | "approver" | "admin") => Promise<Awaited<ReturnType<typeof makeUser>>>;
};

export const test = base.extend<Fixtures, { database: Database }>({
  baseURL: async ({}, use) => {
    await use(process.env.KEEL_E2E_BASE_URL);
  },
  database: [
    async ({}, use) => {
      const url = process.env.KEEL_E2E_DATABASE_URL;
      if (!url) throw new Error("KEEL_E2E_DATABASE_URL is unset: run Playwright through playwright.config.ts");
      const database = connect(url, { max: 2 });
      setDatabase(database);
      await use(database);
      await closeDatabase(database);
    },
    { scope: "worker", auto: true },
  ],
  loginPage: async ({ page }, use) => {
    await use(new LoginPage(page));
  },
  signInAs: async ({ loginPage }, use) => {
    await use(async (role) => {
      const user = await makeUser({ role });
      await loginPage.goto();
      await loginPage.signIn(user.email, user.password);
      await expect(loginPage.page).toHaveURL(/\/inbox$/);
      return user;
    });
  },
});

export { expect };
