/** Drops the e2e database created on the DATABASE_URL server (no-op with the embedded one). */
import postgres from "postgres";

export default async function teardown() {
  const base = process.env.DATABASE_URL;
  const name = process.env.NHOOD_E2E_DB;
  if (!base || !name) return;
  const admin = postgres(Object.assign(new URL(base), { pathname: "/postgres" }).toString(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
