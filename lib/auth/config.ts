import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getUserByAccount, getUserByEmail, linkAccount, recordSignIn } from "@/db/queries/users";
import { env, oidcConfigured } from "@/lib/env";
import { logger } from "@/lib/logger";
import { verifyAgainstDecoy, verifyPassword } from "@/lib/password";
import { sameOriginRedirect } from "@/lib/redirect";

export const OIDC_PROVIDER_ID = "oidc";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1024),
});

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

export const { handlers, auth, signIn, signOut } = NextAuth({
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
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const user = await getUserByEmail(parsed.data.email);
        const valid = user?.passwordHash
          ? await verifyPassword(parsed.data.password, user.passwordHash)
          : await verifyAgainstDecoy(parsed.data.password);
        if (!user || !valid) throw new CredentialsSignin();
        await recordSignIn(user, "password");
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
    ...oidcProvider(),
  ],
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
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
