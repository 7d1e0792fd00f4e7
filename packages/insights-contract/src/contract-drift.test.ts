import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  contractDifferences,
  insightsAppDir,
  type RunningService,
  requireDebianPython,
  startInsightsService,
} from "./testing/insights-service";

const committedDocumentPath = path.join(insightsAppDir, "generated/openapi.json");
const committedTypesPath = path.resolve(import.meta.dirname, "generated/schema.d.ts");

async function committedDocument(): Promise<unknown> {
  return JSON.parse(await readFile(committedDocumentPath, "utf8"));
}

async function liveDocument(service: RunningService): Promise<unknown> {
  const response = await fetch(`${service.url}/openapi.json`);
  expect(response.status).toBe(200);
  return response.json();
}

const scratch: string[] = [];
async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "insights-contract-"));
  scratch.push(dir);
  return dir;
}

beforeAll(requireDebianPython);
afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("the running service and the committed OpenAPI document", () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startInsightsService();
  });
  afterAll(() => service?.stop());

  test("agree (regenerate with `pnpm --filter @tally/insights contract` when this fails)", async () => {
    expect(contractDifferences(await liveDocument(service), await committedDocument())).toEqual([]);
  });
});

test("a planted change to the service's schema is reported as drift", async () => {
  // A copy of the service whose forecast says "integer" where the contract says "boolean".
  const app = await scratchDir();
  await cp(path.join(insightsAppDir, "insights"), path.join(app, "insights"), {
    recursive: true,
    filter: (source) => !source.includes("__pycache__"),
  });
  const schemaFile = path.join(app, "insights/schemas/forecast.py");
  const original = await readFile(schemaFile, "utf8");
  const field = "stockout_before_delivery: bool";
  expect(original).toContain(field);
  await writeFile(schemaFile, original.replace(field, "stockout_before_delivery: int"));

  const planted = await startInsightsService(app);
  try {
    expect(contractDifferences(await liveDocument(planted), await committedDocument())).toEqual([
      "/components/schemas/ProductForecast/properties/stockout_before_delivery/type",
    ]);
  } finally {
    await planted.stop();
  }
});

test("regenerating the TypeScript types from the committed document yields the committed schema.d.ts", async () => {
  const output = path.join(await scratchDir(), "schema.d.ts");
  await promisify(execFile)("sh", [path.join(insightsAppDir, "scripts/generate-contract.sh"), output]);
  expect(await readFile(output, "utf8")).toBe(await readFile(committedTypesPath, "utf8"));
});
