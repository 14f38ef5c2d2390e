import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { listAuditForSubject } from "@/db/queries/audit";
import { updateUser } from "@/db/queries/users";
import { resetEnv } from "@/lib/env";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

const origin = "http://keel.test";
const password = "Tangerine-Cobalt-Harbor-42";
type Handlers = { GET: (req: NextRequest) => Promise<Response>; POST: (req: NextRequest) => Promise<Response> };
let handlers: Handlers;

beforeAll(async () => {
  process.env.AUTH_SECRET = "an-integration-test-secret-of-forty-characters";
  process.env.AUTH_URL = origin;
  resetEnv();
  ({ handlers } = await import("@/services/auth/config"));
});

let lastAddress = 0;

/** A browser talking to Keel's real Auth.js routes: it keeps cookies and sends the CSRF token, as the login page does. */
class Browser {
  readonly cookies = new Map<string, string>();
  private readonly address = `192.0.2.${String(++lastAddress)}`;

  private async call(method: "GET" | "POST", path: string, form?: Record<string, string>): Promise<Response> {
    const headers = new Headers({ "x-forwarded-for": this.address });
    headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    if (form) headers.set("content-type", "application/x-www-form-urlencoded");
    const request = new NextRequest(`${origin}${path}`, {
      method,
      headers,
      body: form ? new URLSearchParams(form) : null,
    });
    const response = await handlers[method](request);
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }

  private async csrfToken(): Promise<string> {
    const body = (await (await this.call("GET", "/api/auth/csrf")).json()) as { csrfToken: string };
    return body.csrfToken;
  }

  async post(email: string, typed: string, callbackUrl = "/inbox"): Promise<Response> {
    const csrfToken = await this.csrfToken();
    return this.call("POST", "/api/auth/callback/credentials", { email, password: typed, csrfToken, callbackUrl });
  }

  async signIn(email: string, typed: string, callbackUrl = "/inbox"): Promise<URL> {
    const response = await this.post(email, typed, callbackUrl);
    expect(response.status).toBe(302);
    return new URL(response.headers.get("location") ?? "");
  }

  async signOut(): Promise<void> {
    const csrfToken = await this.csrfToken();
    await this.call("POST", "/api/auth/signout", { csrfToken, callbackUrl: "/login" });
  }

  async sessionEmail(): Promise<string | null> {
    const body = (await (await this.call("GET", "/api/auth/session")).json()) as { user?: { email?: string } } | null;
    return body?.user?.email ?? null;
  }

  copy(): Browser {
    const other = new Browser();
    for (const [k, v] of this.cookies) other.cookies.set(k, v);
    return other;
  }
}

describe("sessions end on the server", () => {
  it("after sign-out the old session cookie is refused", async () => {
    const user = await makeUser({ password });
    const browser = new Browser();
    await browser.signIn(user.email, password);
    expect(await browser.sessionEmail()).toBe(user.email);
    const stolen = browser.copy();

    await browser.signOut();
    expect(await stolen.sessionEmail()).toBeNull();
    expect(await listAuditForSubject("user", user.id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: "user.signed_out" })]),
    );
  });

  it("a revoked cookie cannot sign its owner out of a newer session", async () => {
    const user = await makeUser({ password });
    const browser = new Browser();
    await browser.signIn(user.email, password);
    const stolen = browser.copy();
    await browser.signOut();
    await browser.signIn(user.email, password);
    await stolen.signOut();
    expect(await browser.sessionEmail()).toBe(user.email);
  });

  it("signing out on one device ends the sessions on the others", async () => {
    const user = await makeUser({ password });
    const laptop = new Browser();
    const phone = new Browser();
    await laptop.signIn(user.email, password);
    await phone.signIn(user.email, password);
    await laptop.signOut();
    expect(await phone.sessionEmail()).toBeNull();
  });

  it("a role change ends the user's session, so the new rights start with a new sign-in", async () => {
    const user = await makeUser({ password, role: "approver", approvalLimitMinor: 100_000 });
    const browser = new Browser();
    await browser.signIn(user.email, password);
    await updateUser(
      user.id,
      { role: "operator", approvalLimitMinor: 0, approvalCurrency: "EUR" },
      { id: null, label: "admin" },
    );
    expect(await browser.sessionEmail()).toBeNull();
    await browser.signIn(user.email, password);
    expect(await browser.sessionEmail()).toBe(user.email);
  });
});

describe("the callback after sign-in", () => {
  it.each(["/\t/evil.example", "/%09/evil.example", "//evil.example", "/\\evil.example", "http://evil.example/"])(
    "%j ends on a path of Keel's own origin",
    async (callbackUrl) => {
      const user = await makeUser({ password });
      const location = await new Browser().signIn(user.email, password, callbackUrl);
      expect(location.origin).toBe(origin);
      expect(location.pathname).toBe("/inbox");
    },
  );

  it("a non-ASCII callback is answered with a redirect, percent-encoded", async () => {
    const user = await makeUser({ password });
    const location = await new Browser().signIn(user.email, password, "/documents?q=Müller");
    expect(location.href).toBe(`${origin}/documents?q=M%C3%BCller`);
  });
});

describe("lockout through the sign-in route", () => {
  it("the fifth wrong password and every attempt after it answer 429 with when to try again", async () => {
    const user = await makeUser({ password });
    const browser = new Browser();
    for (let i = 0; i < 4; i++) {
      expect((await browser.signIn(user.email, `wrong-${String(i)}`)).searchParams.get("error")).toBe(
        "CredentialsSignin",
      );
    }
    for (const typed of ["wrong-5", password]) {
      const response = await browser.post(user.email, typed);
      expect(response.status).toBe(429);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(50);
      expect(await response.json()).toEqual({
        error: {
          code: "rate_limited",
          message:
            "Too many failed sign-ins. Try again in 1 minute; if you have forgotten your password, ask an admin.",
        },
      });
    }
    expect(await browser.sessionEmail()).toBeNull();
  });

  it("an unknown email gets the same 429", async () => {
    const browser = new Browser();
    const email = `nobody-${String(Date.now())}@example.test`;
    for (let i = 0; i < 4; i++) await browser.signIn(email, `wrong-${String(i)}`);
    const response = await browser.post(email, "wrong-5");
    expect(response.status).toBe(429);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /^Too many failed sign-ins\./,
    );
  });
});
