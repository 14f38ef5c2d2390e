import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: [
            "{lib,domain,ai,db,engine,inngest,services,intake,scripts,components,app,evals}/**/*.test.ts",
            "tests/deploy/**/*.test.ts",
          ],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: [
            "tests/**/*.int.test.ts",
            "{lib,domain,ai,db,engine,inngest,services,intake,scripts}/**/*.int.test.ts",
          ],
          globalSetup: ["tests/setup/postgres.ts"],
          // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses; Vite resolves
          // it, so route handlers that read the session can be called from tests.
          server: { deps: { inline: ["next-auth"] } },
          // Failures a test provokes on purpose would otherwise fill the output with error logs.
          env: { LOG_LEVEL: "silent" },
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two cores: more workers only make Postgres and the engine fight over them.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        test: {
          // The engine's call-path and crash tests again with checkpointing off (the integration project has it on):
          // both ways of running steps must stay correct. The other engine files do not depend on it.
          name: "engine-no-checkpoint",
          include: [
            "tests/engine/{steps,errors,flow,durability,limits,timeouts,timeouts-restart,cloud,trace-context}.int.test.ts",
          ],
          globalSetup: ["tests/setup/postgres.ts"],
          env: { LOG_LEVEL: "silent", ENGINE_CHECKPOINTING: "0" },
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
          // After the integration project, not beside it: two cores.
          sequence: { groupOrder: 2 },
        },
      },
      {
        resolve: { alias },
        test: {
          // What `npm run build` made, run as production runs it; scripts/test.ts runs these after the build.
          name: "built",
          include: ["tests/built/**/*.test.ts"],
          globalSetup: ["tests/setup/postgres.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Each file starts production processes (a server, readers running OCR): one at a time on two cores.
          maxWorkers: 1,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
