import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Database, openDatabase } from "../database.ts";

// One embedded data folder shared by two processes: this one opens it first
// and serves it; a child process opens the same folder and must become a guest.
let dataDir: string;
let owner: Database;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "tally-embedded-"));
  owner = await openDatabase({ kind: "embedded", dataDir });
});
afterAll(async () => {
  await owner?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function inChildProcess(script: string): Promise<string> {
  const database = fileURLToPath(new URL("../database.ts", import.meta.url));
  const source = `import { openDatabase } from ${JSON.stringify(database)};
    const database = await openDatabase({ kind: "embedded", dataDir: ${JSON.stringify(dataDir)} });
    try { ${script} } finally { await database.close(); }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", source], {
      stdio: "pipe",
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(output.trim()) : reject(new Error(output))));
  });
}

test("the first process owns the folder and a second one joins it as a guest, sharing the data", async () => {
  expect(owner.kind).toBe("embedded-owner");
  const output = await inChildProcess(`
    await database.prisma.organization.create({ data: { id: "org_child", name: "From the child", slug: "child" } });
    console.log(database.kind);`);
  expect(output).toBe("embedded-guest");
  await expect(owner.prisma.organization.findUnique({ where: { id: "org_child" } })).resolves.toMatchObject({
    name: "From the child",
  });
});

test("transactions from two processes do not interleave", async () => {
  await owner.prisma.organization.create({ data: { id: "org_counter", name: "0", slug: "counter" } });
  const increment = `for (let i = 0; i < 20; i++) {
      await database.prisma.$transaction(async (tx) => {
        const org = await tx.organization.findUniqueOrThrow({ where: { id: "org_counter" } });
        await tx.organization.update({ where: { id: "org_counter" }, data: { name: String(Number(org.name) + 1) } });
      });
    }`;
  const local = async () => {
    for (let i = 0; i < 20; i++) {
      await owner.prisma.$transaction(async (tx) => {
        const org = await tx.organization.findUniqueOrThrow({ where: { id: "org_counter" } });
        await tx.organization.update({
          where: { id: "org_counter" },
          data: { name: String(Number(org.name) + 1) },
        });
      });
    }
  };
  await Promise.all([inChildProcess(increment), local()]);
  await expect(owner.prisma.organization.findUnique({ where: { id: "org_counter" } })).resolves.toMatchObject(
    {
      name: "40",
    },
  );
});

test("a claim left by a dead process is taken over", async () => {
  const abandoned = await mkdtemp(join(tmpdir(), "tally-abandoned-"));
  mkdirSync(abandoned, { recursive: true });
  writeFileSync(join(abandoned, "owner.json"), JSON.stringify({ pid: 2 ** 22 + 1, port: 1 }));
  const database = await openDatabase({ kind: "embedded", dataDir: abandoned });
  try {
    expect(database.kind).toBe("embedded-owner");
  } finally {
    await database.close();
  }
  expect(existsSync(join(abandoned, "owner.json"))).toBe(false);
  await rm(abandoned, { recursive: true, force: true });
});
