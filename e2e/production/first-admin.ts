/** The admin the setup created with `npm run keel -- create-user`, as docs/deploy.md tells a deployer to. */
export function firstAdmin(): { email: string; password: string } {
  const email = process.env.KEEL_E2E_ADMIN_EMAIL;
  const password = process.env.KEEL_E2E_ADMIN_PASSWORD;
  if (!email || !password) throw new Error("No first admin: run these specs through playwright.production.config.ts");
  return { email, password };
}
