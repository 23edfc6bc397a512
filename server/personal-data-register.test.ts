import { is } from 'drizzle-orm';
import { PgTable, getTableConfig, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { findAllTables } from '../test/all-tables';
import { applicationModules } from './modules';
import { personalDataRegister } from './personal-data-register';
import { findRegisterProblems } from './platform/privacy/register-check';

/** Every Drizzle table of the application (every *.tables.ts file), by its export name. */
let schemaTables: Record<string, PgTable>;
beforeAll(async () => {
  schemaTables = await findAllTables();
});

describe('module tables', () => {
  it('belong to one module each, except the platform’s own (jobs, the legacy mail log, the town caches’ versions)', () => {
    const owners = new Map<string, string[]>();
    for (const manifest of applicationModules) {
      for (const value of Object.values(manifest.tables)) {
        if (!is(value, PgTable)) continue;
        const name = getTableConfig(value).name;
        owners.set(name, [...(owners.get(name) ?? []), manifest.name]);
      }
    }
    const unowned = Object.values(schemaTables)
      .map((table) => getTableConfig(table).name)
      .filter((name) => !owners.has(name));
    expect(unowned.sort()).toEqual(['jobs', 'sent_emails', 'town_versions']);
    expect([...owners].filter(([, modules]) => modules.length > 1)).toEqual([]);
  });
});

describe('the personal data register', () => {
  it('describes every table of the schema, every text and JSON column, every file', () => {
    expect(Object.keys(schemaTables).length).toBeGreaterThan(20);
    expect(findRegisterProblems(schemaTables, personalDataRegister())).toEqual([]);
  });

  it('fails for a table nobody registered, naming its columns and where to describe it', () => {
    const throwawayNotes = pgTable('throwaway_notes', {
      id: uuid('id').primaryKey(),
      note: text('note').notNull(),
      storageKey: text('storage_key'),
    });
    const problems = findRegisterProblems({ ...schemaTables, throwawayNotes }, personalDataRegister());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      'Table "throwaway_notes" (`throwawayNotes`) is not in the personal data register.',
    );
    expect(problems[0]).toContain("personal: { storage_key: { categories: ['file'],");
    expect(problems[0]).toContain(
      "Its columns that can hold text or JSON: note (text), storage_key (text, file store keys: category 'file').",
    );
    expect(problems[0]).toContain('server/modules/requests/requests.personal-data.ts');
  });

  it('finds every file store key and merges the fields modules write into job payloads', () => {
    const register = personalDataRegister();
    const files = [...register.tables.values()].flatMap((entry) =>
      Object.entries(entry.personal)
        .filter(([, column]) => column.categories.includes('file'))
        .map(([name]) => `${entry.name}.${name}`),
    );
    expect(files.sort()).toEqual([
      'inbound_messages.raw_storage_key',
      'outbound_messages.attachments',
      'outbound_messages.letter_pdf_key',
      'request_attachments.storage_key',
    ]);
    const payload = register.tables.get('jobs')?.personal.payload;
    expect(payload?.jsonFields?.map((fields) => fields.when)).toEqual([
      "type = 'email.send'",
      "type = 'message.dispatch'",
    ]);
  });
});
