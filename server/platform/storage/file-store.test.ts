import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { createFileStore, FileTooLargeError, isFileKey } from './file-store';

function newStore() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'guichet-files-'));
  return { dataDir, store: createFileStore(dataDir) };
}

const sha256 = (value: string | Uint8Array) => createHash('sha256').update(value).digest('hex');

/** Every file under `dir`, relative, sorted (empty when the folder does not exist). */
async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort();
  } catch {
    return [];
  }
}

describe('file store', () => {
  it('stores bytes under ab/cd/<sha256> and reads them back', async () => {
    const { dataDir, store } = newStore();
    const stored = await store.put(Buffer.from('bonjour'));
    const digest = sha256('bonjour');
    expect(stored).toEqual({
      key: `${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}`,
      sha256: digest,
      sizeBytes: 7,
    });
    expect(await readFile(path.join(dataDir, 'files', ...stored.key.split('/')), 'utf8')).toBe('bonjour');
    expect(await text(await store.open(stored.key))).toBe('bonjour');
    expect(await store.exists(stored.key)).toBe(true);
  });

  it('stores a stream, and the same content twice under one key', async () => {
    const { store } = newStore();
    const first = await store.put(Readable.from([Buffer.from('abc'), Buffer.from('def')]));
    const second = await store.put(Buffer.from('abcdef'));
    expect(first.key).toBe(second.key);
    expect(first.sizeBytes).toBe(6);
    expect(await text(await store.open(first.key))).toBe('abcdef');
    expect((await listFiles(store.root)).filter((file) => !file.startsWith('tmp'))).toEqual([
      path.join(...first.key.split('/')),
    ]);
  });

  it('writes to a temporary file and renames it into place only once complete', async () => {
    const { store } = newStore();
    const digest = sha256('part one, part two');
    const finalPath = path.join(store.root, digest.slice(0, 2), digest.slice(2, 4), digest);
    const seenMidway: { files: string[]; tempContent: string }[] = [];
    async function* source() {
      yield Buffer.from('part one, ');
      // The store asks for the next chunk only after writing the previous one.
      const files = await listFiles(store.root);
      const temp = files.find((file) => file.startsWith('tmp'));
      seenMidway.push({
        files,
        tempContent: temp ? await readFile(path.join(store.root, temp), 'utf8') : '',
      });
      yield Buffer.from('part two');
    }

    const staged = await store.stage(source());
    expect(seenMidway).toHaveLength(1);
    expect(seenMidway[0]!.files).toHaveLength(1);
    expect(seenMidway[0]!.files[0]).toMatch(/^tmp\/[\w-]+\.part$/);
    expect(seenMidway[0]!.tempContent).toBe('part one, ');
    // Fully written but not committed: still only the temporary file, nothing under the key.
    expect(await store.exists(staged.key)).toBe(false);
    expect((await staged.read(0, 4)).toString()).toBe('part');
    expect((await staged.read(10, 100)).toString()).toBe('part two');

    const stored = await staged.commit();
    expect(stored.sha256).toBe(digest);
    expect(await listFiles(store.root)).toEqual([path.relative(store.root, finalPath)]);
    expect(await readFile(finalPath, 'utf8')).toBe('part one, part two');
  });

  it('keeps nothing when the source fails midway', async () => {
    const { store } = newStore();
    async function* failing() {
      yield Buffer.from('half of it');
      throw new Error('connection reset');
    }
    await expect(store.put(failing())).rejects.toThrow('connection reset');
    expect(await listFiles(store.root)).toEqual([]);
  });

  it('refuses more than maxBytes while streaming and keeps nothing', async () => {
    const { store } = newStore();
    let chunksPulled = 0;
    async function* endless() {
      for (;;) {
        chunksPulled += 1;
        yield Buffer.alloc(1000, 1);
      }
    }
    await expect(store.put(endless(), { maxBytes: 2500 })).rejects.toBeInstanceOf(FileTooLargeError);
    expect(chunksPulled).toBe(3);
    expect(await listFiles(store.root)).toEqual([]);
    // Exactly the limit is accepted.
    const stored = await store.put(Buffer.alloc(2500), { maxBytes: 2500 });
    expect(stored.sizeBytes).toBe(2500);
  });

  it('discards a staged file', async () => {
    const { store } = newStore();
    const staged = await store.stage(Buffer.from('not wanted'));
    await staged.discard();
    await staged.discard();
    expect(await listFiles(store.root)).toEqual([]);
    await expect(staged.commit()).rejects.toThrow();
  });

  it('only accepts its own key format', async () => {
    const { store } = newStore();
    expect(isFileKey('../../etc/passwd')).toBe(false);
    expect(await store.exists('../../etc/passwd')).toBe(false);
    await expect(store.open('../session-secret')).rejects.toThrow('Not a file key');
    const missing = `${'0'.repeat(2)}/${'0'.repeat(2)}/${'0'.repeat(64)}`;
    expect(await store.exists(missing)).toBe(false);
    await expect(store.open(missing)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
