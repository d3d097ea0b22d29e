import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { DB, Db } from './schema';

interface Pending {
  resolve(rows: unknown[]): void;
  reject(err: Error): void;
}

/** One worker thread holding a read-only connection; queries are answered in order. */
class ReadWorker implements DatabaseConnection {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;

  constructor(file: string) {
    this.#worker = new Worker(new URL('./sqlite-read-worker.mjs', import.meta.url), { workerData: { file } });
    this.#worker.on('message', (m: { id: number; rows?: unknown[]; error?: string }) => {
      const p = this.#pending.get(m.id);
      this.#pending.delete(m.id);
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve(m.rows ?? []);
    });
    this.#worker.on('error', (err) => this.#failAll(err));
    // Idle workers must not keep the process alive (the CLI, tests).
    this.#worker.unref();
  }

  #failAll(err: Error): void {
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
  }

  get busy(): number {
    return this.#pending.size;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const id = this.#nextId++;
    return new Promise<QueryResult<R>>((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, {
        resolve: (rows) => {
          if (this.#pending.size === 0) this.#worker.unref();
          resolve({ rows: rows as R[] });
        },
        reject: (err) => {
          if (this.#pending.size === 0) this.#worker.unref();
          reject(err);
        },
      });
      this.#worker.postMessage({ id, sql: query.sql, parameters: query.parameters });
    });
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on the read connection');
  }

  async terminate(): Promise<void> {
    this.#failAll(new Error('read connection closed'));
    await this.#worker.terminate();
  }
}

/** Hands each query to the least busy of a few read workers. Reads only: no transactions. */
class ReadDriver implements Driver {
  readonly #workers: ReadWorker[] = [];
  constructor(
    private readonly file: string,
    private readonly size: number,
  ) {}
  async init(): Promise<void> {
    for (let i = 0; i < this.size; i++) this.#workers.push(new ReadWorker(this.file));
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#workers.reduce((a, b) => (b.busy < a.busy ? b : a));
  }
  async beginTransaction(): Promise<void> {
    throw new Error('the read connection has no transactions');
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

class SqliteReadDialect implements Dialect {
  constructor(
    private readonly file: string,
    private readonly size: number,
  ) {}
  createDriver(): Driver {
    return new ReadDriver(this.file, this.size);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

/**
 * A Kysely over read-only connections to the SQLite file, each in its own worker thread. One worker by
 * default: on a 2-core server that leaves a core for the thread that serves the kiosks.
 */
export function openSqliteReader(file: string, workers = 1): Db {
  return new Kysely<DB>({ dialect: new SqliteReadDialect(file, workers) });
}
