import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../test/processes/spawn-guichet';
import { temporaryFileSuffix, writeFileAtomically, writeTemporaryFile } from './atomic-file';

const newDir = () => mkdtempSync(path.join(tmpdir(), 'guichet-atomic-'));

describe('atomic files', () => {
  it('writes the whole file under its name and leaves no temporary file', async () => {
    const dir = newDir();
    const target = path.join(dir, 'message.eml');
    await writeFileAtomically(target, Buffer.from('Subject: essai\r\n\r\nBonjour'), path.join(dir, '.tmp'));
    expect(readFileSync(target, 'utf8')).toBe('Subject: essai\r\n\r\nBonjour');
    expect(readdirSync(path.join(dir, '.tmp'))).toEqual([]);
  });

  it('replaces a file already there with the new content whole', async () => {
    const dir = newDir();
    const target = path.join(dir, 'message.eml');
    await writeFileAtomically(target, Buffer.from('première'), path.join(dir, '.tmp'));
    await writeFileAtomically(target, Buffer.from('seconde'), path.join(dir, '.tmp'));
    expect(readFileSync(target, 'utf8')).toBe('seconde');
    expect(readdirSync(dir)).toEqual(['.tmp', 'message.eml']);
  });

  it('removes the temporary file when writing fails midway', async () => {
    const dir = newDir();
    async function* failing() {
      yield Buffer.from('début');
      throw new Error('disque plein');
    }
    await expect(writeTemporaryFile(path.join(dir, '.tmp'), failing())).rejects.toThrow('disque plein');
    expect(readdirSync(path.join(dir, '.tmp'))).toEqual([]);
  });

  it('a process killed between the write and the rename leaves no file under the real name', () => {
    const dir = newDir();
    const target = path.join(dir, 'message.eml');
    // The child writes the temporary file (fsync) and is SIGKILLed before renaming it.
    const script = `
      import { writeTemporaryFile } from ${JSON.stringify(path.join(projectRoot, 'server/platform/storage/atomic-file.ts'))};
      await writeTemporaryFile(${JSON.stringify(path.join(dir, '.tmp'))}, [Buffer.alloc(1 << 20, 97)]);
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    expect(child.signal).toBe('SIGKILL');
    expect(existsSync(target)).toBe(false);
    // What a reader of the folder sees: no message at all, only the stray temporary file aside.
    expect(readdirSync(dir)).toEqual(['.tmp']);
    const leftovers = readdirSync(path.join(dir, '.tmp'));
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0]!.endsWith(temporaryFileSuffix)).toBe(true);
    expect(readFileSync(path.join(dir, '.tmp', leftovers[0]!)).length).toBe(1 << 20);
  });
});
