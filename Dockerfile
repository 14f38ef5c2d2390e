# syntax=docker/dockerfile:1
# Keel as two images from one build. `runtime`: Next's standalone server (`node server.js`) alone, every setting
# from the environment, with the document reader bundle and the files its native and WebAssembly packages load,
# as next build traced them (next.config.ts). `tools`: the checkout with production dependencies, for one-off jobs
# the server does not carry (migrations, the keel CLI), run through tsx.

ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# As .ci/run does: `npm ci` refuses lockfiles that lack another platform's optional binaries.
RUN npm install --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    KEEL_STANDALONE=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# `npm run build`, not `next build` alone: the reader bundle must exist before next build traces it.
RUN npm run build && rm -rf .next/cache

FROM node:${NODE_VERSION}-bookworm-slim AS prod-deps
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS tools
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1
COPY --chown=node:node . .
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
USER node
CMD ["node", "--import", "tsx", "scripts/migrate.ts"]

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
# server.js, the traced node_modules and dist/sandbox (the reader and its externals' runtime files) are all in it.
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/login').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations are a separate, one-off run of the tools image (compose.yaml's migrate service): several replicas of
# the app must not each race to migrate on start.
CMD ["node", "server.js"]
