import { z } from "zod";

/**
 * Reads JSON an earlier version may have written through its versioned schema, so fields added since get their
 * defaults. A row that fits no shape that ever shipped is a bug to fix, not to read past: the error names the row.
 */
export function readStored<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Error(`${where} fits none of the shapes Keel ever stored:\n${z.prettifyError(parsed.error)}`);
}
