/**
 * One running platform per data folder. The lock file holds the pid of the process
 * that owns the folder; a second `npm start` on it is refused with a clear message,
 * and a lock left by a crashed process (pid gone) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from './paths.js';
import { isAlive } from './processes.js';

export class DataFolderInUseError extends Error {}

export function acquireLock(file: string, folder: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', PRIVATE_FILE_MODE);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new DataFolderInUseError(
          `The data folder ${folder} is already in use by another Woodpecker (pid ${owner}). Stop it first, or set WOODPECKER_DATA to another folder.`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataFolderInUseError(`Could not lock the data folder ${folder}.`);
}
