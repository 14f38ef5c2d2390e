import type { Tx } from "../db";
import { json } from "../db";
import type { FunctionConfig, FunctionRow } from "../types";

export type AppRegistration = {
  appName: string;
  url: string;
  sdk?: string;
  framework?: string;
  functions: FunctionConfig[];
};

export async function saveApp(tx: Tx, app: AppRegistration): Promise<void> {
  await tx`
    insert into apps (id, url, sdk, framework, config, synced_at)
    values (${app.appName}, ${app.url}, ${app.sdk ?? null}, ${app.framework ?? null}, ${json(tx, app)}, now())
    on conflict (id) do update set url = excluded.url, sdk = excluded.sdk, framework = excluded.framework,
      config = excluded.config, synced_at = now()`;
  const ids = app.functions.map((f) => f.id);
  await tx`delete from functions where app_id = ${app.appName} and not (id = any(${ids}::text[]))`;
  for (const fn of app.functions) {
    const url = fn.steps.step?.runtime.url ?? app.url;
    await tx`
      insert into functions (id, app_id, name, url, config, updated_at)
      values (${fn.id}, ${app.appName}, ${fn.name}, ${url}, ${json(tx, fn)}, now())
      on conflict (id) do update set app_id = excluded.app_id, name = excluded.name, url = excluded.url,
        config = excluded.config, updated_at = now()`;
  }
}

export async function getFunction(tx: Tx, id: string): Promise<FunctionRow | undefined> {
  const [row] = await tx<FunctionRow[]>`select id, app_id, name, url, config from functions where id = ${id}`;
  return row;
}

export async function listFunctions(tx: Tx): Promise<FunctionRow[]> {
  return tx<FunctionRow[]>`select id, app_id, name, url, config from functions`;
}
