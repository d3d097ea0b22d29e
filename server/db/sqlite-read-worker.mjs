// A read-only SQLite connection in a worker thread (issue #9): better-sqlite3 is synchronous, so a long read on
// the main thread would stall every kiosk push. Plain JavaScript so it starts the same under tsx, Vitest and a
// production install, none of which hand a TypeScript loader to worker threads in the same way.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();

parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      if (statements.size > 500) statements.clear();
      statements.set(sql, stmt);
    }
    if (!stmt.reader) throw new Error('the read connection only runs queries that return rows');
    parentPort.postMessage({ id, rows: stmt.all(parameters) });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
