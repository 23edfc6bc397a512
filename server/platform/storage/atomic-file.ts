import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Files that appear whole or not at all: written under a temporary name in a folder of their own,
 * flushed to disk (fsync), then renamed into place, which the file system does atomically. A
 * crash (kill -9, power cut) before the rename leaves a stray `*.part` in the temporary folder,
 * never a partial file under the real name. The file store and the mail outbox write this way.
 */

/** The suffix of temporary files: readers of a folder skip these. */
export const temporaryFileSuffix = '.part';

/**
 * Writes `chunks` to a new temporary file in `temporaryDir` and flushes it to disk; returns its
 * path. `inspect` sees each chunk before it is written and may throw to stop (too large): the
 * temporary file is then removed.
 */
export async function writeTemporaryFile(
  temporaryDir: string,
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  inspect?: (chunk: Uint8Array) => void,
): Promise<string> {
  await mkdir(temporaryDir, { recursive: true });
  const temporaryPath = path.join(temporaryDir, `${randomUUID()}${temporaryFileSuffix}`);
  const handle = await open(temporaryPath, 'wx', 0o600);
  try {
    try {
      for await (const chunk of chunks) {
        inspect?.(chunk);
        await handle.write(chunk);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await unlink(temporaryPath).catch(() => undefined);
    throw error;
  }
  return temporaryPath;
}

/** Renames a temporary file to `target` (replacing a file already there), atomically. */
export async function moveIntoPlace(temporaryPath: string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  await rename(temporaryPath, target);
}

/** Writes `data` to `target` atomically, through a temporary file in `temporaryDir` (same file system). */
export async function writeFileAtomically(
  target: string,
  data: Uint8Array,
  temporaryDir: string,
): Promise<void> {
  const temporaryPath = await writeTemporaryFile(temporaryDir, [data]);
  try {
    await moveIntoPlace(temporaryPath, target);
  } catch (error) {
    await unlink(temporaryPath).catch(() => undefined);
    throw error;
  }
}
