import type { InngestFunction } from "inngest";

/** Every function Keel serves at /api/inngest. */
export const functions: InngestFunction.Any[] = [];
