import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
} from "@prisma/driver-adapter-utils";
import pg from "pg";

/*
 * Adapters for the schema engine only: they patch what the stock adapters get
 * wrong for migrations (docs: shared notes "prisma-offline", pitfalls 1-5).
 * The app's PrismaClient keeps using the stock adapters.
 */

const CHAR_OID = 18;
const BPCHAR_OID = 1042;

type RowDescription = { fields: { dataTypeID: number }[] };
type ClientInternals = {
  _handleRowDescription(message: RowDescription): void;
  _getActiveQuery(): { _result?: { rows: unknown[] } } | null | undefined;
};
const handleRowDescription = (pg.Client.prototype as unknown as ClientInternals)._handleRowDescription;

/** The "char" columns of a result, keyed by the rows array pg fills and adapter-pg hands on as it is. */
const charColumns = new WeakMap<unknown[], number[]>();

/**
 * The engine's catalog queries return PostgreSQL's one-byte "char" (oid 18),
 * which adapter-pg refuses to decode: it is read as bpchar (the same text), and
 * the columns are remembered so the adapter can report them as the engine
 * expects, Character (PostgreSQL 18 lists NOT NULL constraints with contype 'n',
 * and the engine panics on a Text value there).
 */
class CharAsBpcharClient extends pg.Client {
  _handleRowDescription(message: RowDescription): void {
    const chars = message.fields.flatMap((field, index) => (field.dataTypeID === CHAR_OID ? [index] : []));
    for (const index of chars) {
      const field = message.fields[index];
      if (field) field.dataTypeID = BPCHAR_OID;
    }
    handleRowDescription.call(this, message);
    const rows = (this as unknown as ClientInternals)._getActiveQuery()?._result?.rows;
    if (rows && chars.length > 0) charColumns.set(rows, chars);
  }
}

function reportCharColumns<Q extends SqlQueryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns.get(result.rows) ?? [])
      result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

export function postgresMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const schema = new URL(url).searchParams.get("schema") ?? undefined;
  const factoryFor = (connectionString: string) =>
    new PrismaPg({ connectionString, Client: CharAsBpcharClient }, { schema });
  const connect = async (connectionString: string) => {
    const adapter = await factoryFor(connectionString).connect();
    const pool = adapter.underlyingDriver();
    // adapter-pg splits scripts on ";", which cuts `$$ … ; … $$` bodies apart;
    // one simple-protocol query also runs the script atomically, like Prisma's CLI.
    const startTransaction = adapter.startTransaction.bind(adapter);
    reportCharColumns(adapter);
    adapter.startTransaction = async (isolationLevel) =>
      reportCharColumns(await startTransaction(isolationLevel));
    return patch(adapter, { executeScript: (script) => runScript(() => pool.query(script)) });
  };
  const { provider, adapterName } = factoryFor(url);

  return {
    provider,
    adapterName,
    connect: () => connect(url),
    // adapter-pg's own version would reconnect to the main database (the URL
    // wins over `database`) and drop the shadow while its pool still holds it.
    async connectToShadowDb() {
      const admin = await connect(url);
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await admin.executeScript(`CREATE DATABASE "${name}"`).catch(async (error: unknown) => {
        await admin.dispose();
        throw error;
      });
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${name}`;
      const shadow = await connect(shadowUrl.toString());
      const disposeShadow = shadow.dispose.bind(shadow);
      return patch(shadow, {
        async dispose() {
          await disposeShadow();
          await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
          await admin.dispose();
        },
      });
    },
  };
}

type Overrides = Partial<Pick<SqlDriverAdapter, "executeScript" | "dispose">>;

export function patch(adapter: SqlDriverAdapter, overrides: Overrides): SqlDriverAdapter {
  return Object.assign(adapter, overrides);
}

/** Runs a script, turning a PostgreSQL error into one the engine reports by its message. */
export async function runScript(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    throw isPostgresError(error)
      ? new DriverAdapterError({
          kind: "postgres",
          code: error.code,
          severity: error.severity ?? "ERROR",
          message: error.message,
          detail: error.detail,
          column: error.column,
          hint: error.hint,
        })
      : error;
  }
}

type PostgresError = Error & {
  code: string;
  severity?: string;
  detail?: string;
  column?: string;
  hint?: string;
};

function isPostgresError(error: unknown): error is PostgresError {
  return error instanceof Error && "code" in error && typeof error.code === "string" && "severity" in error;
}
