import { is } from 'drizzle-orm';
import { PgTable, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { personalDataRegister } from './personal-data-register';
import * as schema from './platform/db/schema';
import { findRegisterProblems } from './platform/privacy/register-check';

/** Every Drizzle table the schema gathers, by its export name. */
const schemaTables: Record<string, PgTable> = Object.fromEntries(
  Object.entries(schema as Record<string, unknown>).filter((entry): entry is [string, PgTable] =>
    is(entry[1], PgTable),
  ),
);

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
