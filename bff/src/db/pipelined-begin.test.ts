/**
 * Our postgres.js patch (decision 016, session 10): a plain `sql.begin()` sends its first
 * statements in the round trip of its BEGIN instead of waiting for BEGIN's answer. Seen from a
 * TCP proxy between the pool and PostgreSQL: a one-statement transaction is two writes of the
 * client (BEGIN + statement, COMMIT), not three. The statements still run inside the transaction.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openHarness, type Harness } from "../testing/harness";
import { openDatabase, type DbHandles } from "./client";

let h: Harness;
let proxy: net.Server;
let one: DbHandles; // one connection through the proxy
/** the client's writes the proxy has seen since the last reset */
let writes = 0;

beforeAll(async () => {
  h = await openHarness();
  const target = new URL(h.appUrl);
  proxy = net.createServer((client) => {
    const server = net.connect(Number(target.port || 5432), target.hostname);
    client.on("data", (chunk) => {
      writes++;
      server.write(chunk);
    });
    server.on("data", (chunk) => client.write(chunk));
    client.on("close", () => server.destroy());
    server.on("close", () => client.destroy());
    client.on("error", () => server.destroy());
    server.on("error", () => client.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  const viaProxy = new URL(h.appUrl);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String((proxy.address() as net.AddressInfo).port);
  one = openDatabase(viaProxy.toString(), 1);
  await one.sql`select 1`; // connected: the handshake's writes are behind us
});
afterAll(async () => {
  await one.close();
  await new Promise((r) => proxy.close(r));
  await h.close();
});

describe("pipelined BEGIN", () => {
  it("a transaction of one statement costs two client writes: BEGIN travels with the statement", async () => {
    writes = 0;
    const [row] = await one.sql.begin((tx) => tx`select 41 + 1 as n`);
    expect(row!.n).toBe(42);
    expect(writes).toBe(2);
  });

  it("through drizzle too (withWorkspace's shape: a statement, then another after its answer)", async () => {
    const run = () =>
      one.db.transaction(async (tx) => {
        const [a] = await tx.execute<{ n: number }>(sql`select 1 as n`);
        const [b] = await tx.execute<{ n: number }>(sql`select ${a!.n}::int + 1 as n`);
        return b!.n;
      });
    await run(); // the statements are prepared on the connection (a new one is described first: a round trip of its own)
    writes = 0;
    expect(await run()).toBe(2);
    expect(writes).toBe(3); // BEGIN + first statement, the second statement, COMMIT
  });

  it("the first statement runs inside the transaction: a failure after it rolls it back", async () => {
    await one.sql`create temp table if not exists pipelined_begin_probe (n int)`;
    await expect(
      one.sql.begin(async (tx) => {
        await tx`insert into pipelined_begin_probe values (1)`;
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const [probe] = await one.sql<{ n: number }[]>`select count(*)::int as n from pipelined_begin_probe`;
    expect(probe!.n).toBe(0);
    const [state] = await one.sql.begin(
      (tx) => tx<{ open: boolean }[]>`select xact_start is not null as open from pg_stat_activity where pid = pg_backend_pid()`,
    );
    expect(state!.open).toBe(true);
  });

  it("BEGIN with options is still awaited: a wrong option fails the transaction before any statement runs", async () => {
    await one.sql`create temp table if not exists pipelined_begin_probe (n int)`;
    await expect(one.sql.begin("isolation level bogus", (tx) => tx`insert into pipelined_begin_probe values (2)`)).rejects.toThrow();
    const [probe] = await one.sql<{ n: number }[]>`select count(*)::int as n from pipelined_begin_probe where n = 2`;
    expect(probe!.n).toBe(0);
  });
});
