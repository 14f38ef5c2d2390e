import type { z } from "zod";

/**
 * The keys a payload must have, as paths (`route.kind`, `fields.lines[].amountMinor`): what a payload an older
 * version wrote may lack only if the schema says so. Options of a union each list theirs; a key required by any
 * option is listed once.
 */
export function requiredKeys(schema: z.ZodType): string[] {
  const found = new Set<string>();
  walk(schema, "", found);
  return [...found].sort();
}

function walk(schema: z.ZodType, path: string, found: Set<string>): void {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case "object":
      for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const at = path ? `${path}.${key}` : key;
        // Optional and defaulted fields accept a missing key; only those may be added after a shape shipped.
        if (!field.safeParse(undefined).success) found.add(at);
        walk(field, at, found);
      }
      return;
    case "array":
      walk(def.element as z.ZodType, `${path}[]`, found);
      return;
    case "union":
      for (const option of def.options as z.ZodType[]) walk(option, path, found);
      return;
    case "record":
      walk(def.valueType as z.ZodType, `${path}{}`, found);
      return;
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
      walk(def.innerType as z.ZodType, path, found);
      return;
    case "pipe":
      walk(def.in as z.ZodType, path, found);
      return;
    default:
      return;
  }
}

/**
 * The committed list with the kinds it lacks added. Kinds already listed keep their keys: the list is what shipped,
 * and only a person who means to change what shipped edits it.
 */
export function withNewKinds(
  committed: Record<string, string[]>,
  schemas: Record<string, z.ZodType>,
): { list: Record<string, string[]>; added: string[] } {
  const added = Object.keys(schemas).filter((kind) => !(kind in committed));
  const list = { ...committed };
  for (const kind of added) list[kind] = requiredKeys(schemas[kind] as z.ZodType);
  return { list, added };
}
