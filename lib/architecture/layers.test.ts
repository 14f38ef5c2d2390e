import path from "node:path";
import { Linter } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import { importSpecifiers, sourceFiles } from "./import-graph";
import { globToRegExp, isUnchecked, layerOf, layers, layerViolations, sourceGraph } from "./layers";

const root = path.resolve(import.meta.dirname, "../..");

describe("the layers", () => {
  it("are kept by every import in Keel's own code, relative ones included", () => {
    const graph = sourceGraph(root);
    expect(graph.size).toBeGreaterThan(300);
    expect(layerViolations(graph)).toEqual([]);
  });

  it("keep domain/ free of packages but zod (and the password policy's scorer)", () => {
    const allowed = layers.find((layer) => layer.name === "domain")?.packages ?? [];
    const found = sourceFiles(path.join(root, "domain"))
      .filter((file) => !isUnchecked(path.relative(root, file)))
      .flatMap((file) => importSpecifiers(file).map((specifier) => ({ file: path.relative(root, file), specifier })))
      .filter(({ specifier }) => !specifier.startsWith(".") && !specifier.startsWith("@/domain/"))
      .filter(
        ({ specifier }) =>
          !allowed.some((name) => (name.endsWith("/") ? specifier.startsWith(name) : specifier === name)),
      );
    expect(found).toEqual([]);
  });

  it("are crossed through `@/` only, where the lint rule sees them", () => {
    const climbing = [...sourceGraph(root).keys()].flatMap((file) => {
      const top = file.split("/")[0];
      return importSpecifiers(path.join(root, file))
        .filter((specifier) => specifier.startsWith("."))
        .filter((specifier) => path.normalize(path.join(path.dirname(file), specifier)).split("/")[0] !== top)
        .map((specifier) => `${file}: ${specifier}`);
    });
    expect(climbing).toEqual([]);
  });

  it("place a file in the last layer that names it", () => {
    expect(layerOf("app/(app)/inbox/page.tsx")?.name).toBe("app");
    expect(layerOf("app/(app)/inbox/actions.ts")?.name).toBe("handlers");
    expect(layerOf("app/api/inngest/route.ts")?.name).toBe("serve");
    expect(layerOf("services/events/client.ts")?.name).toBe("services");
    expect(layerOf("inngest/functions/process-document.ts")?.name).toBe("inngest");
    expect(layerOf("README.md")).toBeUndefined();
    expect(globToRegExp("app/**/route.ts").test("app/api/v1/documents/route.ts")).toBe(true);
    expect(globToRegExp("app/**/route.ts").test("app/route.ts")).toBe(true);
  });

  it("report an arrow against the layers, and a file outside them", () => {
    const graph = new Map([
      ["domain/money.ts", ["db/index.ts"]],
      [
        "services/tasks/decide.ts",
        ["inngest/functions/process-document.ts", "services/events/catalog.ts", "db/queries/tasks.ts"],
      ],
      ["app/(app)/settings/users/actions.ts", ["db/queries/users.ts"]],
      ["somewhere/else.ts", []],
    ]);
    expect(layerViolations(graph)).toEqual([
      "domain/money.ts → db/index.ts (domain may not import db)",
      "services/tasks/decide.ts → inngest/functions/process-document.ts (services may not import inngest)",
      "app/(app)/settings/users/actions.ts → db/queries/users.ts (handlers may not import db)",
      "somewhere/else.ts belongs to no layer (add it to lib/architecture/layers.json)",
    ]);
  });
});

describe("the lint rule drawn from the same table", () => {
  const lint = async (file: string, code: string) => {
    const { boundaryBlocks } = (await import(path.join(root, "eslint.config.mjs"))) as {
      boundaryBlocks: () => Linter.Config[];
    };
    const config: Linter.Config[] = [
      { files: ["**/*.ts", "**/*.tsx"], languageOptions: { parser: tseslint.parser } },
      ...boundaryBlocks(),
    ];
    return new Linter({ configType: "flat" }).verify(code, config, file).map((message) => message.message);
  };

  it("refuses an import against the layers, type-only ones included", async () => {
    expect(await lint("domain/money.ts", 'import type { Task } from "@/db/schema";')).toEqual([
      expect.stringContaining("domain may import only domain"),
    ]);
    expect(
      await lint("services/tasks/decide.ts", 'import { processDocument } from "@/inngest/functions/process-document";'),
    ).toHaveLength(1);
    expect(
      await lint("app/(app)/settings/users/actions.ts", 'import { createUser } from "@/db/queries/users";'),
    ).toEqual([expect.stringContaining("handlers may import only")]);
    expect(await lint("engine/worker.ts", 'import { env } from "@/lib/env";')).toHaveLength(1);
    expect(await lint("services/runs/runs.ts", 'import { startEngine } from "@/engine";')).toHaveLength(1);
    expect(await lint("domain/money.ts", 'import { Decimal } from "decimal.js";')).toEqual([
      expect.stringContaining("imports no package but zod"),
    ]);
  });

  it("lets the layers' own arrows through", async () => {
    expect(
      await lint(
        "services/tasks/decide.ts",
        'import { inngest } from "@/services/events/client";\nimport { getTaskById } from "@/db/queries/tasks";\nimport { mayPost } from "@/domain/posting-authority";',
      ),
    ).toEqual([]);
    expect(
      await lint(
        "app/(app)/inbox/page.tsx",
        'import { listInbox } from "@/db/queries/inbox";\nimport { decideTask } from "@/services/tasks/decide";',
      ),
    ).toEqual([]);
    expect(await lint("services/runs/runs.ts", 'import { listRuns } from "@/engine/read";')).toEqual([]);
    expect(await lint("domain/money.ts", 'import { z } from "zod";\nimport { roles } from "./roles";')).toEqual([]);
    expect(await lint("domain/money.test.ts", 'import { db } from "@/db";')).toEqual([]);
  });
});
