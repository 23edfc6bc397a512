import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogueParts, fr } from './fr';

interface Found {
  path: string;
  text: string;
}

/** Every string of a catalogue part, functions called with sample arguments. */
function collectStrings(value: unknown, at: string, out: Found[]): void {
  if (typeof value === 'string') {
    out.push({ path: at, text: value });
  } else if (typeof value === 'function') {
    const sample = Array.from({ length: value.length }, () => 2);
    collectStrings((value as (...args: unknown[]) => unknown)(...sample), `${at}()`, out);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => collectStrings(item, `${at}[${index}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collectStrings(item, at ? `${at}.${key}` : key, out);
  }
}

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Every file of web/i18n/fr/ is a part: one added later is checked without changing this test.
const partModules = Object.fromEntries(
  Object.entries(import.meta.glob<Record<string, unknown>>('./fr/*.ts', { eager: true })).map(
    ([file, module]) => [path.basename(file), module],
  ),
);

const strings: Found[] = [];
for (const [file, module] of Object.entries(partModules)) {
  for (const [name, part] of Object.entries(module)) collectStrings(part, `${file}:${name}`, strings);
}

describe('French catalogue parts', () => {
  it('finds the parts, each with strings to check', () => {
    expect(Object.keys(partModules).sort()).toEqual(
      ['backoffice.ts', 'common.ts', 'messaging.ts', 'portal.ts', 'requests.ts'].sort(),
    );
    for (const file of Object.keys(partModules)) {
      expect(strings.filter((found) => found.path.startsWith(`${file}:`)).length, file).toBeGreaterThan(20);
    }
  });

  it('assembles every part into the catalogue, no key of one hiding another’s', () => {
    const partKeys = Object.values(catalogueParts).flatMap((part) => Object.keys(part));
    expect(new Set(partKeys).size).toBe(partKeys.length);
    expect(Object.keys(fr).sort()).toEqual([...partKeys].sort());
    const exported = Object.values(partModules).flatMap((module) => Object.values(module));
    expect(new Set(exported)).toEqual(new Set(Object.values(catalogueParts)));
  });
});

describe('French catalogue typography', () => {
  it('uses the typographic apostrophe', () => {
    expect(strings.filter((s) => s.text.includes("'")).map((s) => s.path)).toEqual([]);
  });

  it('puts a non-breaking space before « : » and a narrow one before « ; ! ? »', () => {
    const offending = strings.filter((s) => /[^\u00a0]:(\s|$)|[^\u202f][;!?](\s|$)/u.test(s.text));
    expect(offending.map((s) => `${s.path}: ${s.text}`)).toEqual([]);
  });

  it('keeps guillemets apart from their content with non-breaking spaces', () => {
    const offending = strings.filter((s) => /«[^\u00a0]|[^\u00a0]»/u.test(s.text));
    expect(offending.map((s) => s.path)).toEqual([]);
  });

  it('uses the ellipsis character, not three dots', () => {
    expect(strings.filter((s) => s.text.includes('...')).map((s) => s.path)).toEqual([]);
  });
});

/** Source files of the web app outside the catalogue (tests and generated types left out). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === path.join(webDir, 'i18n') ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|\.d\.ts$/.test(entry.name) ? [full] : [];
  });
}

describe('French text outside the catalogue', () => {
  it('is nowhere: no side catalogue escapes these checks', () => {
    // A string or template literal with French letters or punctuation, outside comments.
    const frenchLiteral =
      /(['"`])(?:(?!\1)[^\\\n]|\\.)*[àâçéèêëîïôûùüÿœÀÂÇÉÈÊÎÔŒ’«»](?:(?!\1)[^\\\n]|\\.)*\1/u;
    const found = sourceFiles(webDir).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line: line.replace(/\/\/.*$|^\s*(\/\*\*?|\*).*$/u, ''), index }))
        .filter(({ line }) => frenchLiteral.test(line))
        .map(({ index }) => `${path.relative(webDir, file)}:${index + 1}`),
    );
    expect(found).toEqual([]);
  });
});
