import { serveRoute, type RouteHandlers } from "../../tests/engine/app-server";

/**
 * Keel's app as far as the engine sees it, in a process of its own so the chaos run can SIGKILL it: the real
 * /api/inngest route module (Keel's functions behind the SDK's serve handler) on APP_PORT.
 */
const route = (await import("@/app/api/inngest/route")) as unknown as RouteHandlers;
const app = await serveRoute(route, Number(process.env.APP_PORT));
console.log(`app listening at ${app.url}`);
