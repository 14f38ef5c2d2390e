import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export class LoginPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/login");
  }

  get email() {
    return this.page.getByLabel("Email");
  }

  get password() {
    return this.page.getByLabel("Password");
  }

  async signIn(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  /** Signs in on this page and waits for the inbox. */
  async signInAs(user: { email: string; password: string }) {
    await this.goto();
    await this.signIn(user.email, user.password);
    await expect(this.page).toHaveURL(/\/inbox$/);
  }

  /** A second person at the same time: their own browser context, signed in. */
  static async inNewContext(
    browser: Browser,
    user: { email: string; password: string },
  ): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext();
    const login = new LoginPage(await context.newPage());
    await login.signInAs(user);
    return { page: login.page, context };
  }
}
