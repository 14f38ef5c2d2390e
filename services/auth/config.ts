import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import {
  getSessionVersion,
  getUserByAccount,
  getUserByEmail,
  linkAccount,
  recordSignIn,
  revokeSessions,
} from "@/db/queries/users";
import { env, oidcConfigured } from "@/lib/env";
import { logger } from "@/lib/logger";
import { sameOriginRedirect } from "@/lib/redirect";
import { authorizeCredentials } from "./credentials";
import { answerLockoutWith429 } from "./lockout-response";

export const OIDC_PROVIDER_ID = "oidc";
// The claim in the session token that must equal users.session_version.
const SESSION_VERSION = "sv";

function oidcProvider() {
  const e = env();
  if (!oidcConfigured(e)) return [];
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: e.AUTH_OIDC_NAME,
      type: "oidc" as const,
      issuer: e.AUTH_OIDC_ISSUER,
      clientId: e.AUTH_OIDC_CLIENT_ID,
      clientSecret: e.AUTH_OIDC_CLIENT_SECRET,
      checks: ["pkce", "state", "nonce"] as ("pkce" | "state" | "nonce")[],
    },
  ];
}

/**
 * An OIDC identity signs in as the Keel user it is linked to, or, the first time, as the user whose email it
 * verified. Nobody gets an account by signing in: admins create users, so a role is always someone's decision.
 */
async function resolveOidcUser(providerAccountId: string, profile: { email?: unknown; email_verified?: unknown }) {
  const linked = await getUserByAccount(OIDC_PROVIDER_ID, providerAccountId);
  if (linked) return linked;
  if (typeof profile.email !== "string" || profile.email_verified === false) return undefined;
  const user = await getUserByEmail(profile.email);
  if (user) await linkAccount(user.id, OIDC_PROVIDER_ID, providerAccountId);
  return user;
}

const nextAuth = NextAuth({
  secret: env().AUTH_SECRET,
  // Keel is reached through its own launcher or a platform that sets the host; AUTH_URL pins it where needed.
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  logger: {
    error: (error) => logger.warn({ err: error.name }, "auth error"),
    warn: (code) => logger.warn({ code }, "auth warning"),
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: authorizeCredentials,
    }),
    ...oidcProvider(),
  ],
  events: {
    // Both ways out (the app's sign-out action and Auth.js's own route) end the session for the server too.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      const version = token?.[SESSION_VERSION];
      if (token?.sub && typeof version === "number") {
        await revokeSessions({ id: token.sub, email: token.email ?? token.sub }, version);
      }
    },
  },
  callbacks: {
    // Every redirect Auth.js makes (after sign-in, sign-out, single sign-on) passes the same check as the form's.
    redirect({ url, baseUrl }) {
      return sameOriginRedirect(url, baseUrl);
    },
    async signIn({ account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      const user = await resolveOidcUser(account.providerAccountId, profile ?? {});
      if (!user) return "/login?error=NotProvisioned";
      await recordSignIn(user, "oidc");
      return true;
    },
    async jwt({ token, user, account }) {
      if (account?.provider === OIDC_PROVIDER_ID) {
        const keelUser = await getUserByAccount(OIDC_PROVIDER_ID, account.providerAccountId);
        if (keelUser) token.sub = keelUser.id;
      } else if (account && user.id) {
        // `user` and `account` are only present on the sign-in itself; later calls just carry the token.
        token.sub = user.id;
      }
      const current = token.sub ? await getSessionVersion(token.sub) : undefined;
      if (account) {
        token[SESSION_VERSION] = current;
        return token;
      }
      // Checked on every request, so a sign-out, a role change or a deleted user ends the session at once rather than
      // when the cookie expires; null makes Auth.js drop it.
      if (current === undefined || token[SESSION_VERSION] !== current) return null;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});

export const { auth, signIn, signOut } = nextAuth;
export const handlers = { GET: nextAuth.handlers.GET, POST: answerLockoutWith429(nextAuth.handlers.POST) };
