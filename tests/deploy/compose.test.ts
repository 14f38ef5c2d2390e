import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { productionEnvProblems } from "@/lib/env-production";

const root = path.resolve(import.meta.dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

/** What a person puts in .env beside compose.yaml (docs/deploy.md). */
const operatorEnv: Record<string, string> = {
  POSTGRES_PASSWORD: "pg-0123456789abcdef",
  AUTH_SECRET: "0123456789abcdef0123456789abcdef0123456789ab",
  INNGEST_EVENT_KEY: "0123456789abcdef0123456789abcdef",
  INNGEST_SIGNING_KEY_HEX: "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789",
  MINIO_ROOT_PASSWORD: "minio-0123456789abcdef",
};

/** Compose's interpolation: ${NAME}, ${NAME:-default}, ${NAME:?error}, and $$ for a literal $. */
function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\$|\$\{(\w+)(?::([?-])([^}]*))?\}/g, (match, name?: string, op?: string, arg?: string) => {
    if (match === "$$") return "$";
    const value = vars[name ?? ""];
    if (value !== undefined && value !== "") return value;
    if (op === "?") throw new Error(`compose.yaml requires ${String(name)}: ${String(arg)}`);
    return op === "-" ? (arg ?? "") : "";
  });
}

const serviceSchema = z.object({
  image: z.string().optional(),
  build: z.object({ context: z.string(), target: z.string() }).optional(),
  command: z.array(z.string()).optional(),
  entrypoint: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.string()).optional(),
  ports: z.array(z.string()).optional(),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
  healthcheck: z.object({ test: z.array(z.string()) }).optional(),
});
const composeSchema = z.object({ services: z.record(z.string(), serviceSchema) });

/** Interpolates every string of the parsed file, as compose does: after YAML, so an empty value stays a string. */
function interpolateAll(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === "string") return interpolate(value, vars);
  if (Array.isArray(value)) return value.map((item) => interpolateAll(item, vars));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateAll(item, vars)]));
  return value;
}

const load = (vars: Record<string, string>) => interpolateAll(parse(read("compose.yaml")), vars);
const compose = composeSchema.parse(load(operatorEnv));
const service = (name: string) => {
  const found = compose.services[name];
  if (!found) throw new Error(`compose.yaml has no ${name} service`);
  return found;
};
const env = (name: string) => service(name).environment ?? {};
const keelEnv = env("keel");

/** The Dockerfile's stages in order, by name. */
const stages = [...read("Dockerfile").matchAll(/^FROM \S+ AS (\S+)$/gm)].map((match) => match[1]);
const runtimeStage =
  read("Dockerfile")
    .split(/^FROM /m)
    .at(-1) ?? "";

describe("compose.yaml", () => {
  it("runs Keel, its migrations, PostgreSQL, Redis, Inngest's own server, MinIO and the bucket's creation", () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ["buckets", "inngest", "keel", "migrate", "minio", "postgres", "redis"].sort(),
    );
    expect(service("postgres").image).toMatch(/^postgres:\d+/);
    expect(service("inngest").image).toMatch(/^inngest\/inngest(:|$)/);
    expect(service("inngest").command?.slice(0, 2)).toEqual(["inngest", "start"]);
    expect(service("minio").image).toMatch(/^minio\/minio(:|$)/);
    expect(service("buckets").image).toMatch(/^minio\/mc(:|$)/);
  });

  it("builds Keel from the Dockerfile's runtime stage and its migrations from tools, checking the environment first", () => {
    expect(service("keel").build).toEqual({ context: ".", target: "runtime" });
    expect(service("migrate").build).toEqual({ context: ".", target: "tools" });
    expect(stages.at(-1)).toBe("runtime");
    const scripts = [...(service("migrate").command?.join(" ") ?? "").matchAll(/scripts\/[\w-]+\.ts/g)].map(
      (m) => m[0],
    );
    expect(scripts).toEqual(["scripts/check-production-env.ts", "scripts/migrate.ts"]);
    for (const script of scripts) expect(fs.existsSync(path.join(root, script)), `${script} exists`).toBe(true);
  });

  it("points Keel at the postgres service with its user, password and database", () => {
    const url = new URL(keelEnv.DATABASE_URL ?? "");
    const postgres = env("postgres");
    expect([url.hostname, url.port, url.pathname]).toEqual(["postgres", "5432", `/${String(postgres.POSTGRES_DB)}`]);
    expect([url.username, url.password]).toEqual([postgres.POSTGRES_USER, postgres.POSTGRES_PASSWORD]);
    expect(env("migrate").DATABASE_URL).toBe(keelEnv.DATABASE_URL);
  });

  it("points Keel at the inngest service with the keys it was started with, and Inngest back at Keel", () => {
    const inngest = env("inngest");
    expect(new URL(keelEnv.INNGEST_BASE_URL ?? "").host).toBe("inngest:8288");
    expect(service("inngest").ports).toContain("127.0.0.1:8288:8288");
    expect(keelEnv.INNGEST_EVENT_KEY).toBe(inngest.INNGEST_EVENT_KEY);
    expect(keelEnv.INNGEST_SIGNING_KEY).toBe(`signkey-prod-${String(inngest.INNGEST_SIGNING_KEY)}`);
    const command = service("inngest").command ?? [];
    expect(keelEnv.KEEL_SERVE_URL).toBe("http://keel:3000/api/inngest");
    expect(command[command.indexOf("--sdk-url") + 1]).toBe(keelEnv.KEEL_SERVE_URL);
    expect(new URL(inngest.INNGEST_POSTGRES_URI ?? "").host).toBe("postgres:5432");
    expect(new URL(inngest.INNGEST_REDIS_URI ?? "").host).toBe("redis:6379");
  });

  it("points Keel's storage at the minio service, with its credentials and the bucket the buckets job creates", () => {
    const minio = env("minio");
    expect(keelEnv.KEEL_STORAGE).toBe("s3");
    expect(new URL(keelEnv.S3_ENDPOINT ?? "").host).toBe("minio:9000");
    expect(keelEnv.S3_ACCESS_KEY_ID).toBe(minio.MINIO_ROOT_USER);
    expect(keelEnv.S3_SECRET_ACCESS_KEY).toBe(minio.MINIO_ROOT_PASSWORD);
    expect(service("buckets").entrypoint?.join(" ")).toContain(`local/${String(keelEnv.S3_BUCKET)}`);
  });

  it("gives Keel every variable production needs, valid", () => {
    expect(productionEnvProblems(keelEnv)).toEqual([]);
  });

  it("starts Keel only after its migrations, Inngest and the bucket, each on a healthcheck or a finished job", () => {
    expect(service("keel").depends_on).toEqual({
      migrate: { condition: "service_completed_successfully" },
      inngest: { condition: "service_healthy" },
      buckets: { condition: "service_completed_successfully" },
    });
    expect(service("migrate").depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    for (const name of ["postgres", "redis", "inngest", "minio"])
      expect(service(name).healthcheck?.test.length, `${name} has a healthcheck`).toBeGreaterThan(0);
    expect(runtimeStage).toMatch(/^HEALTHCHECK [^\n]*\\\n\s*CMD [^\n]*\/login/m);
  });

  it("refuses to start without its secrets, naming the one that is missing", () => {
    const { POSTGRES_PASSWORD: _, ...withoutPassword } = operatorEnv;
    expect(() => load(withoutPassword)).toThrow(/requires POSTGRES_PASSWORD: set/);
  });
});

describe("Dockerfile", () => {
  it("builds standalone with the reader bundle and runs Next's standalone server alone as an unprivileged user", () => {
    expect(stages).toEqual(["deps", "build", "prod-deps", "tools", "runtime"]);
    const buildStage =
      read("Dockerfile")
        .split(/^FROM /m)
        .find((stage) => / AS build$/m.test(stage)) ?? "";
    expect(buildStage).toMatch(/KEEL_STANDALONE=1/);
    expect(buildStage).toMatch(/^RUN npm run build\b/m);
    expect(runtimeStage).toMatch(/^COPY --from=build --chown=node:node \/app\/\.next\/standalone \.\/$/m);
    expect(runtimeStage).toMatch(/^COPY --from=build --chown=node:node \/app\/\.next\/static \.\/\.next\/static$/m);
    expect(runtimeStage).toMatch(/^USER node$/m);
    expect(runtimeStage).toMatch(/^EXPOSE 3000$/m);
    expect(runtimeStage).toMatch(/^CMD \["node", "server\.js"\]$/m);
    expect(runtimeStage).not.toMatch(/scripts\/start\.ts|npm start|tsx|node_modules\/\.bin/);
    expect(service("keel").ports?.[0]).toMatch(/:3000$/);
  });

  it("keeps local state, secrets and other platforms' node_modules out of the image", () => {
    const ignored = read(".dockerignore").split("\n");
    for (const entry of ["node_modules", ".next", "dist", ".keel", ".env", ".env.*", ".git"])
      expect(ignored).toContain(entry);
  });
});

function composeAvailable(): boolean {
  const probe = spawnSync("docker", ["compose", "version"], { encoding: "utf8" });
  return probe.status === 0;
}

const withCompose = composeAvailable();

describe("docker compose config", () => {
  it(
    withCompose
      ? "accepts compose.yaml"
      : "accepts compose.yaml — no docker compose on this machine, so only the schema checks above ran",
    () => {
      if (!withCompose) {
        expect(spawnSync("docker", ["compose", "version"]).status).not.toBe(0);
        return;
      }
      const result = spawnSync("docker", ["compose", "--file", "compose.yaml", "config", "--quiet"], {
        cwd: root,
        env: { NODE_ENV: "production", PATH: "/usr/local/bin:/usr/bin:/bin", HOME: "/tmp", ...operatorEnv },
        encoding: "utf8",
      });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
    },
  );
});
