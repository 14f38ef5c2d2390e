import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Inngest, InngestFunction } from "inngest";
import { serve } from "inngest/next";

export type TestApp = { url: string; close: () => Promise<void> };

/** The route handlers a Next.js `route.ts` exports, by HTTP method. */
export type RouteHandlers = Partial<Record<string, (req: Request) => Promise<Response>>>;

/** An app's /api/inngest served by the real inngest/next handler on a plain node http server. */
export async function startApp(client: Inngest.Any, functions: InngestFunction.Any[], port = 0): Promise<TestApp> {
  return serveRoute(serve({ client, functions }) as unknown as RouteHandlers, port);
}

/**
 * Route handlers on a plain node http server at /api/inngest. Headers reach them as sent, Host included, as they
 * reach a Next.js route behind no proxy.
 */
export async function serveRoute(handlers: RouteHandlers, port = 0): Promise<TestApp> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const address = server.address() as AddressInfo;
      const request = new Request(`http://127.0.0.1:${address.port}${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
      });
      const method = handlers[req.method ?? "GET"];
      if (!method) {
        res.writeHead(405).end();
        return;
      }
      const response = await method(request);
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/api/inngest`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * An app whose functions change under one URL, as a redeployed app's do: `deploy` serves a version's functions,
 * and the caller re-syncs.
 */
export async function startDeployableApp(
  client: Inngest.Any,
): Promise<TestApp & { deploy: (functions: InngestFunction.Any[]) => void }> {
  let served: RouteHandlers = {};
  const dispatch = (method: string) => (request: Request) => {
    const handler = served[method];
    return handler ? handler(request) : Promise.resolve(new Response(null, { status: 405 }));
  };
  const app = await serveRoute({ GET: dispatch("GET"), POST: dispatch("POST"), PUT: dispatch("PUT") });
  return {
    ...app,
    deploy: (functions) => {
      served = serve({ client, functions }) as unknown as RouteHandlers;
    },
  };
}
