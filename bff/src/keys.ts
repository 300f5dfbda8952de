/**
 * Key rotation commands (issue 18 part 5, decision 030; docs/reliability.md "Key rotation"):
 *
 *   MASTER_KEY=<new> MASTER_KEY_PREVIOUS=<old> DATABASE_URL=… pnpm --filter @nhood/bff keys:rotate-master
 *   DATABASE_URL=… pnpm --filter @nhood/bff keys:rotate-workspace <workspace id>
 *
 * (`node dist/keys.js rotate-master | rotate-workspace <id>` in the built image.) The first
 * re-wraps every workspace's data key under the new master key and re-seals platform-held secrets;
 * run it again after an interruption to finish. The second gives one workspace a fresh data key
 * and re-seals its secrets. Both run as the app's database role, each workspace in its own RLS
 * scope, and are audited. Exit code 0 on success, 1 on failure, 2 on bad usage.
 */
import { config } from "./config";
import { bootstrapDatabase } from "./db/bootstrap";
import { openDatabase } from "./db/client";
import "./contexts/identity";
import "./contexts/integrations";
import "./contexts/notifications";
import "./contexts/crm";
import "./contexts/workflows";
import { rotateMasterKey, rotateWorkspaceDataKey } from "./contexts/tenancy";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const usage = "usage: keys rotate-master | keys rotate-workspace <workspace id> (DATABASE_URL required)";

async function main(): Promise<number> {
  const [command, arg] = process.argv.slice(2);
  if (!config.databaseUrl || !(command === "rotate-master" || (command === "rotate-workspace" && arg && UUID.test(arg)))) {
    console.error(usage);
    return 2;
  }
  const handles = openDatabase(await bootstrapDatabase(config.databaseUrl, config.appDatabaseUrl), 2);
  try {
    if (command === "rotate-master") {
      const r = await rotateMasterKey(handles.db, (line) => console.log(line));
      console.log(`done: ${r.rewrapped} of ${r.workspaces} workspace data keys re-wrapped, ${r.platformValues} platform value(s) re-sealed`);
      console.log("now remove MASTER_KEY_PREVIOUS from every process and restart them");
    } else {
      const r = await rotateWorkspaceDataKey(handles.db, arg!);
      console.log(`done: workspace ${arg} has a new data key; ${r.values} secret(s) re-sealed`);
    }
    return 0;
  } catch (e) {
    console.error(`key rotation failed: ${(e as Error).message}`);
    return 1;
  } finally {
    await handles.close();
  }
}

process.exitCode = await main();
