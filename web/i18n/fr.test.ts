import { describe, expect, it } from 'vitest';
import { fr } from './fr';

/** Every string of the catalogue, functions called with sample arguments. */
function collectStrings(value: unknown, path: string, out: { path: string; text: string }[]): void {
  if (typeof value === 'string') {
    out.push({ path, text: value });
  } else if (typeof value === 'function') {
    const sample = Array.from({ length: value.length }, () => 2);
    collectStrings((value as (...args: unknown[]) => unknown)(...sample), `${path}()`, out);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => collectStrings(item, `${path}[${index}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collectStrings(item, path ? `${path}.${key}` : key, out);
  }
}

const strings: { path: string; text: string }[] = [];
collectStrings(fr, '', strings);

describe('French catalogue typography', () => {
  it('has strings to check', () => {
    expect(strings.length).toBeGreaterThan(100);
  });

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
