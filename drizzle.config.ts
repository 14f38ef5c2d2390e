import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
  // Only `generate` and `check` are used, and neither connects; migrations apply through db/migrate.ts at start.
  strict: true,
  verbose: true,
});
