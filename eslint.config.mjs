import js from "@eslint/js";
import inngest from "@inngest/eslint-plugin";
import next from "@next/eslint-plugin-next";
import drizzle from "eslint-plugin-drizzle";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The layers (lib/architecture/layers.json, drawn in CONTRIBUTING.md) as `no-restricted-imports` rules: a file may
 * import through `@/` only from the layers its own layer lists. Blocks come in the table's order, so the last layer
 * matching a file decides, as in lib/architecture/layers.ts, whose test also follows relative imports.
 */
const { layers, unchecked } = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "lib/architecture/layers.json"), "utf8"),
);

/** The `@/` specifiers a glob's files are imported by, as a regex fragment: "services/**" → "services/". */
function specifierFragment(glob) {
  const plain = glob.replace(/\.tsx?$/u, "");
  const wild = plain.search(/\*/u);
  const head = (wild === -1 ? plain : plain.slice(0, wild)).replace(/[.+?^${}()|[\]\\]/gu, "\\$&");
  return wild === -1 ? `${head}$` : head;
}

export function boundaryBlocks() {
  return layers.map((layer) => {
    const allowed = layers
      .filter((other) => layer.may.includes(other.name))
      .flatMap((other) => other.files.map(specifierFragment));
    const patterns = [
      {
        regex: `^@/(?!${allowed.join("|")})`,
        message: `${layer.name} may import only ${layer.may.join(", ")} (lib/architecture/layers.json; CONTRIBUTING.md → Layers).`,
      },
    ];
    if (layer.packages) {
      const packages = layer.packages.map(
        (name) => name.replace(/[.+?^${}()|[\]\\]/gu, "\\$&") + (name.endsWith("/") ? "" : "$"),
      );
      patterns.push({
        regex: `^(?![.@]/|\\.\\.?/|${packages.join("|")})`,
        message: `${layer.name} imports no package but ${layer.packages.join(", ")}.`,
      });
    }
    return { files: layer.files, ignores: unchecked, rules: { "no-restricted-imports": ["error", { patterns }] } };
  });
}

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".keel/**",
      ".tmp/**",
      "dist/**",
      "db/migrations/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@next/next": next, "react-hooks": reactHooks, drizzle, "@inngest": inngest },
    rules: {
      ...next.configs.recommended.rules,
      ...next.configs["core-web-vitals"].rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "@inngest/await-inngest-send": "error",
      "@inngest/no-nested-steps": "error",
      "@inngest/no-variable-mutation-in-step": "error",
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx", "database"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx", "database"] }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
      // Next's redirect()/notFound()/forbidden() are typed `never` and read best without a `return`.
      "@typescript-eslint/only-throw-error": "error",
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read configuration through lib/env.ts (engine/ through engine/config.ts).",
        },
      ],
    },
  },
  ...boundaryBlocks(),
  {
    files: [
      "lib/env.ts",
      "engine/config.ts",
      "instrumentation.ts",
      "tests/**",
      "playwright.config.ts",
      "e2e/**",
      "scripts/test.ts",
      "scripts/keel.ts",
      "bench/**",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    // Playwright fixtures take `{}` and call `use`, which is not React's.
    files: ["e2e/**"],
    rules: { "no-empty-pattern": "off", "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: ["**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
