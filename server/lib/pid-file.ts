import fs from 'node:fs';
import path from 'node:path';

/** The file in the data folder that says a server runs on it (read by `gatelog restore`). */
export const PID_FILE = 'gatelog.pid';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user (e.g. the service account): still running.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Writes this process's pid into the data folder; the returned function removes it again (if still ours). */
export function writePidFile(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, PID_FILE);
  fs.writeFileSync(file, `${process.pid}\n`);
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file);
    } catch {
      /* already gone */
    }
  };
}

/** The pid of a live server on this data folder, or null (no file, or one left by a process that died). */
export function runningServerPid(dataDir: string): number | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, PID_FILE), 'utf8');
  } catch {
    return null;
  }
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
}
