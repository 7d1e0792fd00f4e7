import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ErrorCapturingSqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaContainer, SchemaEngine } from "@prisma/schema-engine-wasm";
import { migrateConfig } from "./migrate-config.ts";

type Runtime = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

// The base tsconfig has no DOM lib, which is where TypeScript keeps these types.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: object,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

/*
 * The engine races its operations against timers (10 s, 60 s) that it never
 * cancels; left running they keep Node alive long after a command ends. They
 * are tracked and cleared once no engine is running, when nothing awaits them.
 */
const engineTimers = new Set<NodeJS.Timeout>();
let runningEngines = 0;

function engineSetTimeout(callback: () => void, ms: number): NodeJS.Timeout {
  const timer = setTimeout(() => {
    engineTimers.delete(timer);
    callback();
  }, ms);
  engineTimers.add(timer);
  return timer;
}

// The package's own entry imports the .wasm as an ES module, which Node only
// does behind a flag; so the bindings are wired by hand, as Prisma's CLI does.
// wasm-bindgen keeps one instance per JS module, hence a single shared load.
let runtime: Promise<Runtime> | undefined;

async function loadRuntime(): Promise<Runtime> {
  const bindings: Runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  // Unignored, Next's bundler replaces the resolved path with its own module id.
  const bindingsPath = createRequire(import.meta.url).resolve(
    /* turbopackIgnore: true */ "@prisma/schema-engine-wasm/schema_engine_bg",
  );
  const bytes = await readFile(join(dirname(bindingsPath), "schema_engine_bg.wasm"));
  const imports: Record<string, unknown> = { ...bindings };
  for (const name of Object.keys(imports))
    if (name.startsWith("__wbg_setTimeout_")) imports[name] = engineSetTimeout;
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports });
  bindings.__wbg_set_wasm(instance.exports);
  const start = instance.exports.__wbindgen_start;
  if (typeof start === "function") start();
  return bindings;
}

/** The engine reports its own log lines; they are noise unless debugging. */
function engineLog(line: string): void {
  if (migrateConfig().debug) process.stderr.write(`schema-engine: ${line}\n`);
}

/** Runs `work` with a schema engine that uses `adapterFactory` for every database it touches. */
export async function useSchemaEngine<T>(
  adapterFactory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  schema: SchemaContainer,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  runtime ??= loadRuntime();
  const { SchemaEngine } = await runtime;
  runningEngines++;
  try {
    const engine = await SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      engineLog,
      adapterFactory,
    );
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  } catch (error) {
    throw readable(error);
  } finally {
    if (--runningEngines === 0) {
      for (const timer of engineTimers) clearTimeout(timer);
      engineTimers.clear();
    }
  }
}

/**
 * Engine errors end in a Rust span trace (indented lines); what the reader
 * needs is the message and which migration failed, on one line.
 */
function readable(error: unknown): unknown {
  if (!(error instanceof Error) || !error.message.includes("\n")) return error;
  const text = error.message
    .split("\n")
    .filter((line) => line.trim() !== "" && !/^\s/.test(line) && line !== "external connector error")
    .join(": ");
  const migration = /migration_name="([^"]+)"/.exec(error.message)?.[1];
  return new Error(migration ? `${text} (migration ${migration})` : text, { cause: error });
}
