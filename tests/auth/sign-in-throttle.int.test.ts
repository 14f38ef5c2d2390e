import { randomBytes } from "node:crypto";
import { CredentialsSignin } from "@auth/core/errors";
import { describe, expect, it } from "vitest";
import { listAuditForSubject } from "@/db/queries/audit";
import { getSignInThrottle } from "@/db/queries/sign-in";
import { authorizeCredentials, SignInLocked } from "@/services/auth/credentials";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

const password = "Tangerine-Cobalt-Harbor-42";

let lastAddress = 0;

/** A request from a documentation address (RFC 5737) no other attempt used, so tests never share a per-address count. */
function fromAddress(): { request: Request; address: string } {
  const address = `198.51.100.${String(++lastAddress)}`;
  const request = new Request("http://keel.test/api/auth/callback/credentials", {
    method: "POST",
    headers: { "x-forwarded-for": `10.9.9.9, ${address}` },
  });
  return { request, address };
}

async function attempt(email: string, typed: string, request: Request): Promise<"ok" | "wrong" | SignInLocked> {
  try {
    await authorizeCredentials({ email, password: typed }, request);
    return "ok";
  } catch (error) {
    if (error instanceof SignInLocked) return error;
    if (error instanceof CredentialsSignin) return "wrong";
    throw error;
  }
}

describe("sign-in throttling", () => {
  it("locks an account after five wrong passwords, refuses even the right one, and audits the lockout", async () => {
    const user = await makeUser({ password });
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await attempt(user.email, `wrong-${String(i)}`, fromAddress().request));
    expect(outcomes.slice(0, 4)).toEqual(["wrong", "wrong", "wrong", "wrong"]);
    expect(outcomes[4]).toBeInstanceOf(SignInLocked);
    expect(outcomes[5]).toBeInstanceOf(SignInLocked);
    const lock = outcomes[4] as SignInLocked;
    expect(lock.retryAt.getTime() - Date.now()).toBeGreaterThan(50_000);

    expect(await attempt(user.email, password, fromAddress().request)).toBeInstanceOf(SignInLocked);
    const audit = await listAuditForSubject("sign_in", `account:${user.email}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "sign_in.locked", after: { failures: 5 } });
  });

  it("80 wrong passwords at once are counted one by one: five are checked, the rest refused, one lockout", async () => {
    const user = await makeUser({ password });
    const { request } = fromAddress();
    const outcomes = await Promise.all(
      Array.from({ length: 80 }, (_, i) => attempt(user.email, `parallel-${String(i)}`, request)),
    );
    expect(outcomes).not.toContain("ok");
    expect(outcomes.filter((o) => o === "wrong")).toHaveLength(4);
    expect(outcomes.filter((o) => o instanceof SignInLocked)).toHaveLength(76);
    expect(await getSignInThrottle(`account:${user.email}`)).toMatchObject({ failures: 5 });
    expect(await listAuditForSubject("sign_in", `account:${user.email}`)).toHaveLength(1);
    expect(await attempt(user.email, password, request)).toBeInstanceOf(SignInLocked);
  });

  it("locks an unknown email exactly like a known one, so the answer tells nothing about who has an account", async () => {
    const email = `nobody-${randomBytes(4).toString("hex")}@example.test`;
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await attempt(email, `guess-${String(i)}`, fromAddress().request));
    expect(outcomes.slice(0, 4)).toEqual(["wrong", "wrong", "wrong", "wrong"]);
    expect(outcomes[4]).toBeInstanceOf(SignInLocked);
    expect(outcomes[5]).toBeInstanceOf(SignInLocked);
  });

  it("a right password before the limit clears the account's count", async () => {
    const user = await makeUser({ password });
    const { request } = fromAddress();
    for (let i = 0; i < 4; i++) expect(await attempt(user.email, `typo-${String(i)}`, request)).toBe("wrong");
    expect(await attempt(user.email, password, request)).toBe("ok");
    expect(await getSignInThrottle(`account:${user.email}`)).toBeUndefined();
    for (let i = 0; i < 4; i++) expect(await attempt(user.email, `typo-${String(i)}`, request)).toBe("wrong");
  });

  it("locks an address that guesses at many accounts, and audits it", async () => {
    const { request, address } = fromAddress();
    const outcomes = [];
    for (let i = 0; i < 21; i++) {
      outcomes.push(await attempt(`spray-${randomBytes(4).toString("hex")}@example.test`, "Winter2026!", request));
    }
    expect(outcomes.slice(0, 19).every((o) => o === "wrong")).toBe(true);
    expect(outcomes[19]).toBeInstanceOf(SignInLocked);
    expect(outcomes[20]).toBeInstanceOf(SignInLocked);
    const audit = await listAuditForSubject("sign_in", `ip:${address}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "sign_in.locked", after: { failures: 20, address } });
  });
});
