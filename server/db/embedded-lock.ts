/**
 * The embedded database can be open in one process only (PGlite keeps it in memory and writes it
 * back). The server notes its process id in `server.pid` beside the database folder; the operator's
 * command line (server/cli/admin.ts) refuses to open the folder while that process is alive.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The lock file of the embedded database in `dataDir` (the pglite folder). */
export const lockFileOf = (dataDir: string) => path.join(path.dirname(path.resolve(dataDir)), 'server.pid');

/** The live process holding the embedded database in `dataDir`, other than this one; null when free. */
export function embeddedHolder(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(lockFileOf(dataDir), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/** Note this process as the holder of the embedded database; returns the release function. */
export function holdEmbedded(dataDir: string): () => void {
  const file = lockFileOf(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${process.pid}\n`);
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file);
    } catch {
      // already gone
    }
  };
}
