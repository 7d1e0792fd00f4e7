import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Database, openDatabase } from "../database.ts";
import { stopEmbeddedServer } from "./server.ts";
import { databaseModule, printed, runScript } from "./testing.ts";

// The embedded default as several Tally processes use it: each process opens
// the data folder (the first one to get there starts the server) and talks to
// it over its own pool of connections.
let dataDir: string;
let parent: Database;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "tally-embedded-sessions-"));
});
afterAll(async () => {
  await parent?.close();
  await stopEmbeddedServer(dataDir);
  await rm(dataDir, { recursive: true, force: true });
});

type Outcome = { wrong: string[]; errors: string[]; acknowledged: number[] };

/**
 * One process's share of the workload, all at once over a pool of five:
 * interactive transactions, parameterised selects of values only this call
 * sent, and INSERT … RETURNING. Every answer must be this call's own.
 */
const workload = (proc: number, calls: number) => `
  import { openDatabase } from ${JSON.stringify(databaseModule)};
  const db = await openDatabase({ kind: "embedded", dataDir: ${JSON.stringify(dataDir)}, poolSize: 5 });
  const wrong = [], errors = [], acknowledged = [];
  const call = async (i) => {
    const value = ${proc} * 100000 + i;
    if (i % 3 === 0) {
      const rows = await db.prisma.$transaction(async (tx) => {
        await tx.$executeRaw\`INSERT INTO probe (proc, n, kind) VALUES (${proc}, \${i}, 'tx')\`;
        await new Promise((resolve) => setTimeout(resolve, 5));
        return tx.$queryRaw\`SELECT n FROM probe WHERE proc = ${proc} AND n = \${i}\`;
        // Thirty transactions queue for five connections: on a loaded machine that is
        // slow, which is not what this test is about. Wrong answers and lost rows are.
      }, { maxWait: 60000, timeout: 60000 });
      if (rows.length !== 1 || rows[0].n !== i) wrong.push("tx " + i + " saw " + JSON.stringify(rows));
      else acknowledged.push(i);
    } else if (i % 3 === 1) {
      const rows = await db.prisma.$queryRaw\`SELECT \${value}::int AS v, \${"p" + value}::text AS t\`;
      if (rows.length !== 1 || rows[0].v !== value || rows[0].t !== "p" + value)
        wrong.push("select " + value + " got " + JSON.stringify(rows));
    } else {
      const rows = await db.prisma.$queryRaw\`INSERT INTO probe (proc, n, kind) VALUES (${proc}, \${i}, 'insert') RETURNING proc, n\`;
      if (rows.length !== 1 || rows[0].proc !== ${proc} || rows[0].n !== i)
        wrong.push("insert " + i + " got " + JSON.stringify(rows));
      else acknowledged.push(i);
    }
  };
  await Promise.all(Array.from({ length: ${calls} }, (_, i) =>
    call(i).catch((error) => errors.push(String(error?.message ?? error).slice(0, 200)))));
  await db.close();
  console.log(JSON.stringify({ wrong, errors, acknowledged }));`;

test("several processes with several connections each get their own answers, and every acknowledged row exists", async () => {
  const PROCESSES = 3;
  const CALLS = 90;
  // The children start on a folder with no server yet: they race to start it, and must end on one.
  const outcomes = await Promise.all(
    Array.from({ length: PROCESSES }, (_, index) =>
      runScript(`
        import { openDatabase } from ${JSON.stringify(databaseModule)};
        const db = await openDatabase({ kind: "embedded", dataDir: ${JSON.stringify(dataDir)} });
        await db.prisma.$executeRawUnsafe("CREATE TABLE IF NOT EXISTS probe (proc int, n int, kind text, PRIMARY KEY (proc, n))");
        const [{ port }] = await db.prisma.$queryRaw\`SELECT inet_server_port() AS port\`;
        await db.close();
        console.log(port);`).done.then((port) => ({ index, port })),
    ),
  );
  expect(new Set(outcomes.map(({ port }) => port)).size).toBe(1);

  const results = await Promise.all(
    Array.from({ length: PROCESSES }, (_, proc) =>
      runScript(workload(proc + 1, CALLS)).done.then((output) => JSON.parse(output) as Outcome),
    ),
  );
  parent = await openDatabase({ kind: "embedded", dataDir });
  for (const [index, result] of results.entries()) {
    const proc = index + 1;
    expect(result.errors, `process ${proc}: protocol or driver errors`).toEqual([]);
    expect(result.wrong, `process ${proc}: answers that were not its own`).toEqual([]);
    expect(result.acknowledged).toHaveLength((CALLS / 3) * 2);
    const stored = await parent.prisma.$queryRaw<{ n: number }[]>`
      SELECT n FROM probe WHERE proc = ${proc} ORDER BY n`;
    expect(stored.map((row) => row.n)).toEqual([...result.acknowledged].sort((a, b) => a - b));
  }
}, 120_000);

test("a NOTIFY from one process reaches a LISTEN in another", async () => {
  parent ??= await openDatabase({ kind: "embedded", dataDir });
  const listener = new pg.Client({ connectionString: parent.url });
  await listener.connect();
  try {
    await listener.query("LISTEN tally_probe");
    const received = new Promise<string | undefined>((resolve) =>
      listener.on("notification", (message) => resolve(message.payload)),
    );
    await runScript(`
      import { openDatabase } from ${JSON.stringify(databaseModule)};
      const db = await openDatabase({ kind: "embedded", dataDir: ${JSON.stringify(dataDir)} });
      await db.prisma.$executeRaw\`SELECT pg_notify('tally_probe', 'from ' || \${"the child"}::text)\`;
      await db.close();`).done;
    await expect(received).resolves.toBe("from the child");
  } finally {
    await listener.end();
  }
});

test("an advisory lock held by one connection is refused to another, in another process, until released", async () => {
  parent ??= await openDatabase({ kind: "embedded", dataDir });
  const holder = new pg.Client({ connectionString: parent.url });
  await holder.connect();
  const tryLock = `
    import { openDatabase } from ${JSON.stringify(databaseModule)};
    const db = await openDatabase({ kind: "embedded", dataDir: ${JSON.stringify(dataDir)} });
    const [{ locked }] = await db.prisma.$queryRaw\`SELECT pg_try_advisory_lock(4242) AS locked\`;
    await db.close();
    console.log(locked);`;
  try {
    await holder.query("SELECT pg_advisory_lock(4242)");
    await expect(runScript(tryLock).done).resolves.toBe("false");
    // A second connection of the same process is another session too.
    const sibling = new pg.Client({ connectionString: parent.url });
    await sibling.connect();
    const { rows } = await sibling.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(4242) AS locked");
    await sibling.end();
    expect(rows[0]?.locked).toBe(false);
    await holder.query("SELECT pg_advisory_unlock(4242)");
    await expect(runScript(tryLock).done).resolves.toBe("true");
  } finally {
    await holder.end();
  }
});

test("a transaction left open by one process does not see, or stall, another's", async () => {
  parent ??= await openDatabase({ kind: "embedded", dataDir });
  await parent.prisma.$executeRawUnsafe("CREATE TABLE IF NOT EXISTS isolation_probe (id int PRIMARY KEY)");
  const { child, done } = runScript(`
    import { openDatabase } from ${JSON.stringify(databaseModule)};
    const db = await openDatabase({ kind: "embedded", dataDir: ${JSON.stringify(dataDir)} });
    await db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw\`INSERT INTO isolation_probe (id) VALUES (1)\`;
      console.log("inserted");
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }, { timeout: 10000 });
    await db.close();`);
  await printed(child, "inserted");
  const started = performance.now();
  const during = await parent.prisma.$queryRaw<
    { count: bigint }[]
  >`SELECT count(*) AS count FROM isolation_probe`;
  expect(performance.now() - started).toBeLessThan(1000);
  expect(Number(during[0]?.count)).toBe(0);
  await done;
  const after = await parent.prisma.$queryRaw<
    { count: bigint }[]
  >`SELECT count(*) AS count FROM isolation_probe`;
  expect(Number(after[0]?.count)).toBe(1);
});
