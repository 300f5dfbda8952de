/**
 * Starts the embedded PostgreSQL the README's test command uses when no DATABASE_URL is given
 * (cluster `.data/test-postgres`, port 54339 unless NHOOD_TEST_PG_PORT), prints its owner URL
 * as one line on stdout, and stops it on SIGTERM/SIGINT or when stdin closes.
 */
import { startEmbeddedPostgres } from "../db/embedded";

const server = await startEmbeddedPostgres("test-postgres", Number(process.env.NHOOD_TEST_PG_PORT ?? 54339));
process.stdout.write(`${server.url}\n`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
process.stdin.on("end", () => void stop());
process.stdin.resume();
