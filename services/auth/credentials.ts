import { CredentialsSignin } from "@auth/core/errors";
import { z } from "zod";
import { admitSignIn, clearSignInFailures, confirmSignInFailure, type ThrottleKey } from "@/db/queries/sign-in";
import { getUserByEmail, recordSignIn } from "@/db/queries/users";
import { accountRule, addressRule } from "@/domain/sign-in-throttle";
import { addressNetwork } from "@/lib/ip";
import { verifyAgainstDecoy, verifyPassword } from "@/lib/password";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1024),
});

/** Refused before the password was looked at: the account or the address has failed too often. */
export class SignInLocked extends CredentialsSignin {
  override code = "locked";
  constructor(readonly retryAt: Date) {
    super();
  }
}

/**
 * The client's address as the nearest proxy reported it: the last X-Forwarded-For entry, which Next.js fills from
 * the socket when no proxy set one. Without a proxy in front a client can choose it, so the per-account limit,
 * which needs no address, is the one that always holds.
 */
export function clientAddress(headers: Headers | undefined): string | undefined {
  const last = headers?.get("x-forwarded-for")?.split(",").at(-1);
  return last ? addressNetwork(last) : undefined;
}

export function throttleKeys(email: string, address: string | undefined): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `account:${email}`, rule: accountRule }];
  if (address) keys.push({ key: `ip:${address}`, rule: addressRule });
  return keys;
}

export type AuthorizedUser = { id: string; email: string; name: string };

/**
 * Auth.js's authorize for email and password, throttled per account and per address. An unknown email is counted
 * and locked like a known one, so neither the answer nor its timing says which emails have accounts.
 */
export async function authorizeCredentials(raw: unknown, request: Request | undefined): Promise<AuthorizedUser> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new CredentialsSignin();
  const { email, password } = parsed.data;
  const address = clientAddress(request?.headers);
  const admission = await admitSignIn(throttleKeys(email, address));
  if (!admission.admitted) throw new SignInLocked(admission.retryAt);
  const user = await getUserByEmail(email);
  const valid = user?.passwordHash
    ? await verifyPassword(password, user.passwordHash)
    : await verifyAgainstDecoy(password);
  if (!user || !valid) {
    await confirmSignInFailure(admission.locks, { address });
    const latest = Math.max(0, ...admission.locks.map((l) => l.until.getTime()));
    if (latest > 0) throw new SignInLocked(new Date(latest));
    throw new CredentialsSignin();
  }
  await clearSignInFailures(admission, `account:${email}`);
  await recordSignIn(user, "password");
  return { id: user.id, email: user.email, name: user.name };
}
