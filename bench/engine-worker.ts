/** A separate worker process for `pnpm bench:engine --chaos` (APP_URL, SINK_URL): killed with -9 mid-run. */
import { registerBenchSink } from "./engine-sink";

async function main() {
  process.env.LOG_LEVEL ??= "warn";
  const { openDatabase } = await import("../bff/src/db/client");
  const { startWorkers } = await import("../bff/src/jobs/runner");
  await registerBenchSink(process.env.SINK_URL!);
  const handles = openDatabase(process.env.APP_URL!, 20);
  await startWorkers(process.env.APP_URL!, handles.db, Number(process.env.WORKERS ?? 10));
  process.send?.("ready");
}

main().catch((e) => { console.error(e); process.exit(1); });
