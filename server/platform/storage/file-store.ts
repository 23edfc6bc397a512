import { createHash } from 'node:crypto';
import { open, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { moveIntoPlace, writeTemporaryFile } from './atomic-file';

/**
 * Content-addressed file storage under `DATA_DIR/files`: a file's key is `ab/cd/<sha256>` (the
 * first two byte pairs of its SHA-256 as folders), so identical uploads share one file and a key
 * can never point outside the store. A file is written to `files/tmp/` first, flushed to disk,
 * then renamed into place (atomic-file.ts): a reader never sees a half-written file, and a crash
 * leaves at most a stray temporary file.
 */

export interface StoredFile {
  /** `ab/cd/<sha256>`, relative to the store's root. */
  key: string;
  /** Lower-case hex SHA-256 of the content. */
  sha256: string;
  sizeBytes: number;
}

/** A file fully written to a temporary path, hashed, not yet visible under its key. */
export interface StagedFile extends StoredFile {
  /** Reads `length` bytes from `position` (fewer at the end of the file). */
  read(position: number, length: number): Promise<Buffer>;
  /** Moves the file into place (atomic rename) and returns where it is. */
  commit(): Promise<StoredFile>;
  /** Deletes the temporary file; safe to call twice or after commit. */
  discard(): Promise<void>;
}

export interface WriteOptions {
  /** Refuse (FileTooLargeError) as soon as more bytes than this arrive; nothing is kept. */
  maxBytes?: number;
}

export type FileSource = Uint8Array | Readable | AsyncIterable<Uint8Array>;

export interface FileStore {
  /** The folder holding every file (`DATA_DIR/files`). */
  readonly root: string;
  /** Writes `source` to a temporary file, for inspection before `commit()` or `discard()`. */
  stage(source: FileSource, options?: WriteOptions): Promise<StagedFile>;
  /** Writes `source` and moves it into place (stage + commit). */
  put(source: FileSource, options?: WriteOptions): Promise<StoredFile>;
  /** A read stream of the file; rejects when there is no such file. */
  open(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes.`);
    this.name = 'FileTooLargeError';
  }
}

export class InvalidFileKeyError extends Error {
  constructor(key: string) {
    super(`Not a file key: ${JSON.stringify(key.slice(0, 100))}`);
    this.name = 'InvalidFileKeyError';
  }
}

const keyPattern = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

export function isFileKey(key: string): boolean {
  return keyPattern.test(key);
}

export function fileKeyOf(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

function toIterable(source: FileSource): AsyncIterable<Uint8Array> | Iterable<Uint8Array> {
  return source instanceof Uint8Array ? [source] : source;
}

export function createFileStore(dataDir: string): FileStore {
  const root = path.join(dataDir, 'files');
  const tmpDir = path.join(root, 'tmp');

  function pathOf(key: string): string {
    if (!isFileKey(key)) throw new InvalidFileKeyError(key);
    return path.join(root, ...key.split('/'));
  }

  async function stage(source: FileSource, options: WriteOptions = {}): Promise<StagedFile> {
    const hash = createHash('sha256');
    let sizeBytes = 0;
    let tempPath: string;
    try {
      tempPath = await writeTemporaryFile(tmpDir, toIterable(source), (chunk) => {
        sizeBytes += chunk.byteLength;
        if (options.maxBytes !== undefined && sizeBytes > options.maxBytes) {
          throw new FileTooLargeError(options.maxBytes);
        }
        hash.update(chunk);
      });
    } catch (error) {
      // Stop a stream we did not read to the end (it may still be flowing from the network).
      if (typeof (source as Readable).destroy === 'function') (source as Readable).destroy();
      throw error;
    }

    const sha256 = hash.digest('hex');
    const key = fileKeyOf(sha256);
    let settled = false;
    return {
      key,
      sha256,
      sizeBytes,
      async read(position, length) {
        if (settled) throw new Error('The staged file was already committed or discarded.');
        const reader = await open(tempPath, 'r');
        try {
          const buffer = Buffer.alloc(Math.max(0, Math.min(length, sizeBytes - position)));
          if (buffer.length === 0) return buffer;
          const { bytesRead } = await reader.read(buffer, 0, buffer.length, position);
          return buffer.subarray(0, bytesRead);
        } finally {
          await reader.close();
        }
      },
      async commit() {
        if (settled) throw new Error('The staged file was already committed or discarded.');
        settled = true;
        // Same content, same key: replacing an existing copy is harmless and keeps it atomic.
        await moveIntoPlace(tempPath, pathOf(key));
        return { key, sha256, sizeBytes };
      },
      async discard() {
        if (settled) return;
        settled = true;
        await unlink(tempPath).catch(() => undefined);
      },
    };
  }

  return {
    root,
    stage,
    async put(source, options) {
      const staged = await stage(source, options);
      try {
        return await staged.commit();
      } catch (error) {
        await staged.discard();
        throw error;
      }
    },
    async open(key) {
      // Opening first makes a missing file reject here rather than fail mid-response.
      const handle = await open(pathOf(key), 'r');
      return handle.createReadStream({ autoClose: true });
    },
    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch (error) {
        if (error instanceof InvalidFileKeyError) return false;
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    },
  };
}
