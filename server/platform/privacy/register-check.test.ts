import { doublePrecision, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import {
  definePersonalDataPart,
  describeTable,
  gatherPersonalDataRegister,
  type PersonalDataPart,
  type TableEntry,
} from './personal-data';
import { findRegisterProblems } from './register-check';

const people = pgTable('people', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  notes: jsonb('notes'),
  latitude: doublePrecision('latitude'),
});
const letters = pgTable('letters', {
  id: uuid('id').primaryKey(),
  personId: uuid('person_id'),
  body: text('body'),
  pdfStorageKey: text('pdf_storage_key'),
  attachments: jsonb('attachments'),
});
const schemaTables = { people, letters };

const source = 'server/modules/example/example.personal-data.ts';
const peopleEntry = describeTable(people, {
  personal: {
    name: {
      categories: ['identity'],
      holds: 'name',
      whose: [{ via: 'account', column: 'id' }],
      erasure: { action: 'erase' },
    },
    notes: {
      categories: ['free-text'],
      holds: 'notes',
      whose: [{ via: 'account', column: 'id' }],
      erasure: { action: 'erase' },
      jsonFields: [{ paths: ['text'] }],
    },
  },
  notPersonal: ['kind'],
});
const lettersEntry = describeTable(letters, {
  personal: {
    body: {
      categories: ['free-text'],
      holds: 'the letter',
      whose: [{ via: 'row', column: 'person_id', table: 'people' }],
      erasure: { action: 'erase' },
    },
    pdf_storage_key: {
      categories: ['file'],
      holds: 'the rendered letter',
      whose: [{ via: 'row', column: 'person_id', table: 'people' }],
      erasure: { action: 'erase' },
    },
    attachments: {
      categories: ['file'],
      holds: 'enclosures',
      whose: [{ via: 'row', column: 'person_id', table: 'people' }],
      erasure: { action: 'erase' },
      fileKeyPath: '[].storageKey',
    },
  },
  notPersonal: [],
});

function problemsWith(tables: readonly TableEntry[], extra: Partial<Omit<PersonalDataPart, 'source'>> = {}) {
  const part = definePersonalDataPart(source, { tables, ...extra });
  return findRegisterProblems(schemaTables, gatherPersonalDataRegister([part]));
}

/** An entry with some of its fields replaced, as a careless edit (or a cast) would leave it. */
function edited(entry: TableEntry, changes: Partial<TableEntry>): TableEntry {
  return { ...entry, ...changes };
}

describe('findRegisterProblems', () => {
  it('finds nothing when every table, text column and file is described', () => {
    expect(problemsWith([peopleEntry, lettersEntry])).toEqual([]);
  });

  it('names a table nobody describes, with an entry to start from', () => {
    const [problem, ...others] = problemsWith([peopleEntry]);
    expect(others).toEqual([]);
    expect(problem).toContain('Table "letters" (`letters`) is not in the personal data register.');
    expect(problem).toContain(`parts today: ${source}`);
    expect(problem).toContain("personal: { pdf_storage_key: { categories: ['file'],");
    expect(problem).toContain(
      "Its columns that can hold text or JSON: body (text), pdf_storage_key (text, file store keys: category 'file'), attachments (jsonb, file store keys: category 'file').",
    );
  });

  it('offers noPersonalData for a table without files', () => {
    const [problem] = problemsWith([lettersEntry]);
    expect(problem).toContain(
      "describeTable(people, { noPersonalData: '<why, in one line>', notPersonal: ['name', 'kind', 'notes'] })",
    );
  });

  it('asks for a decision on a text or JSON column that has none, even in a table without personal data', () => {
    const withoutKind = edited(peopleEntry, { notPersonal: [] });
    expect(problemsWith([withoutKind, lettersEntry])).toEqual([
      `people.kind (text) can hold text but has no decision in the personal data register: in describeTable(people, …) in ${source}, add 'kind' to \`notPersonal\` if it can never hold data about a person, or to \`personal\` with its categories, holds, whose and erasure.`,
    ]);
    const noPersonalData = describeTable(people, {
      noPersonalData: 'Example.',
      notPersonal: ['name', 'kind'],
    });
    expect(problemsWith([noPersonalData, lettersEntry])).toEqual([
      expect.stringContaining('people.notes (jsonb) can hold text but has no decision'),
    ]);
  });

  it('refuses a column the table does not have, and a column decided twice', () => {
    const ghost = edited(peopleEntry, {
      personal: { ...peopleEntry.personal, nickname: peopleEntry.personal.name! },
      notPersonal: ['kind', 'name', 'colour'],
    });
    expect(problemsWith([ghost, lettersEntry])).toEqual([
      `describeTable(people, …) in ${source} registers column "nickname" as personal, but "people" has no such column (it has: id, name, kind, notes, latitude): rename or remove it.`,
      `describeTable(people, …) in ${source} lists "name" both as personal and in notPersonal: keep one.`,
      `describeTable(people, …) in ${source} lists "colour" in notPersonal, but "people" has no such column (it has: id, name, kind, notes, latitude): rename or remove it.`,
    ]);
  });

  it('requires file store keys to be described as files, with their place in JSON', () => {
    const { pdf_storage_key: _pdf, ...rest } = lettersEntry.personal;
    const pdfNotAFile = edited(lettersEntry, {
      personal: { ...rest, attachments: { ...rest.attachments!, fileKeyPath: undefined } },
      notPersonal: ['pdf_storage_key'],
    });
    expect(problemsWith([peopleEntry, pdfNotAFile])).toEqual([
      `letters.pdf_storage_key holds file store keys: in describeTable(letters, …) in ${source}, register it in \`personal\` (not in \`notPersonal\`) with category 'file', whose the files are and what erasure does with them.`,
      `describeTable(letters, …) in ${source}: letters.attachments holds file store keys inside JSON: say where with \`fileKeyPath\` (e.g. '[].storageKey').`,
    ]);
  });

  it('checks links, derived columns, JSON fields and the reasons it is given', () => {
    const broken = edited(lettersEntry, {
      personal: {
        ...lettersEntry.personal,
        body: {
          categories: ['free-text'],
          holds: ' ',
          whose: [
            { via: 'account', column: 'author_id' },
            { via: 'row', column: 'person_id', table: 'persons' },
          ],
          erasure: { action: 'recompute', derivedFrom: ['people.name', 'people.kind'] },
          jsonFields: [{ paths: ['text'] }],
        },
      },
    });
    const keptWithoutBasis = edited(peopleEntry, {
      personal: {
        ...peopleEntry.personal,
        name: { ...peopleEntry.personal.name!, erasure: { action: 'keep', basis: '' } },
      },
    });
    const where = `describeTable(letters, …) in ${source}`;
    expect(problemsWith([keptWithoutBasis, broken])).toEqual([
      `${source}: people.name is kept on erasure: give the legal \`basis\`.`,
      `${where}: say in \`holds\` what letters.body holds.`,
      `${where}: letters.body is linked to its person via 'author_id', which "letters" does not have.`,
      `${where}: letters.body is linked via 'person_id' to table "persons", which the register does not describe.`,
      `${where}: letters.body is text, not JSON: remove its \`jsonFields\`.`,
      `${source}: letters.body is derived from people.kind, which is not a registered personal column: register it, or correct the reference (table.column, SQL names).`,
    ]);
  });

  it('reports a table described twice, one the schema lacks, and fields aimed at an unknown column', () => {
    const gone = pgTable('gone', { id: uuid('id').primaryKey() });
    const other = 'server/modules/other/other.personal-data.ts';
    const register = gatherPersonalDataRegister([
      definePersonalDataPart(source, {
        tables: [peopleEntry, lettersEntry, describeTable(gone, { noPersonalData: 'Example.' })],
      }),
      definePersonalDataPart(other, {
        tables: [peopleEntry],
        jsonFieldsElsewhere: [
          { table: 'people', column: 'notes', paths: ['author'], holds: 'who wrote it' },
          { table: 'people', column: 'kind', paths: ['x'], holds: 'nothing' },
        ],
      }),
    ]);
    expect(register.tables.get('people')?.personal.notes?.jsonFields).toEqual([
      { paths: ['text'] },
      { paths: ['author'], holds: 'who wrote it' },
    ]);
    expect(findRegisterProblems(schemaTables, register)).toEqual([
      `Table "people" is described twice, in ${source} and in ${other}: keep the entry of the module that owns the table.`,
      `${other} describes fields of people.kind (nothing), which is not registered as a personal column: register it in the part that describes table "people".`,
      `${source} describes table "gone", which no *.tables.ts file defines: remove the entry, or define the table in its module’s *.tables.ts.`,
    ]);
  });
});
