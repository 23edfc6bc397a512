/**
 * Compares the personal data register with the Drizzle schema: every table described, every
 * column that can hold text or JSON decided (personal or not), every column holding file store
 * keys described as a file, and every name the register uses present. Each problem is a sentence
 * telling the developer what to add and where.
 */
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import {
  describeSource,
  type PersonalColumn,
  type PersonalDataRegister,
  type RegisteredTable,
} from './personal-data';

/** SQL types that can carry text about a person: strings, JSON, addresses, search documents. */
const textualType =
  /^(text|varchar|character|char|citext|json|jsonb|inet|cidr|macaddr|macaddr8|tsvector|bytea|xml)\b/;
const jsonType = /^jsonb?$/;
/** Column names that say they point into the file store. */
const fileColumnName = /(?:^|_)(?:storage|file|pdf|document|blob|scan)_(?:key|path)$|(?:^|_)attachments$/;

export function canHoldText(column: PgColumn): boolean {
  return textualType.test(column.getSQLType());
}

export function looksLikeFileColumn(column: PgColumn): boolean {
  return fileColumnName.test(column.name);
}

function isBlank(text: string | undefined): boolean {
  return !text || text.trim() === '';
}

/**
 * Every gap between the schema's tables (by their export name, to name them in messages) and the
 * register; empty when the register is complete.
 */
export function findRegisterProblems(
  schemaTables: Readonly<Record<string, PgTable>>,
  register: PersonalDataRegister,
): string[] {
  const problems: string[] = [...register.conflicts];
  const declared = new Set<string>();
  for (const [exportName, table] of Object.entries(schemaTables)) {
    const config = getTableConfig(table);
    declared.add(config.name);
    const entry = register.tables.get(config.name);
    if (!entry) {
      problems.push(unregisteredTable(exportName, config.name, config.columns, register));
      continue;
    }
    problems.push(...tableProblems(entry, exportName, config.columns, register));
  }
  for (const entry of register.tables.values()) {
    if (!declared.has(entry.name)) {
      problems.push(
        `${describeSource(entry.source)} describes table "${entry.name}", which no *.tables.ts file defines: remove the entry, or define the table in its module’s *.tables.ts.`,
      );
    }
  }
  for (const file of register.files) {
    if (isBlank(file.location) || isBlank(file.holds)) {
      problems.push(
        `${describeSource(file.source)} lists stored files without saying where or what they hold.`,
      );
    }
    problems.push(...erasureProblems(file.erasure, `files ${file.location}`, file.source, register));
  }
  return problems;
}

function columnNote(column: PgColumn): string {
  const file = looksLikeFileColumn(column) ? `, file store keys: category 'file'` : '';
  return `${column.name} (${column.getSQLType()}${file})`;
}

function unregisteredTable(
  exportName: string,
  tableName: string,
  columns: readonly PgColumn[],
  register: PersonalDataRegister,
): string {
  const textual = columns.filter(canHoldText);
  const files = textual.filter(looksLikeFileColumn);
  const quoted = (list: readonly PgColumn[]) => list.map((column) => `'${column.name}'`).join(', ');
  const others = textual.filter((column) => !files.includes(column));
  const parts = [...new Set([...register.tables.values()].map((entry) => describeSource(entry.source)))];
  const personalExample = files[0]
    ? `${files[0].name}: { categories: ['file'], holds: '<what the files are>', whose: [...], erasure: { action: 'erase' } }`
    : `<column>: { categories: [...], holds: '<what>', whose: [{ via: 'account', column: '<user id column>' }], erasure: { action: 'erase' } }`;
  return [
    `Table "${tableName}" (\`${exportName}\`) is not in the personal data register.`,
    `Describe it in the *.personal-data.ts part beside the *.tables.ts that declares it (parts today: ${parts.join(', ') || 'none'}); a new part is listed in personalDataRegister().`,
    ...(files.length === 0
      ? [
          `If no column can hold data about a person:`,
          `  describeTable(${exportName}, { noPersonalData: '<why, in one line>', notPersonal: [${quoted(textual)}] }),`,
          `otherwise:`,
        ]
      : []),
    `  describeTable(${exportName}, {`,
    `    personal: { ${personalExample}, … },`,
    `    notPersonal: [<the other text or JSON columns among ${quoted(others) || 'none'}>],`,
    `  }),`,
    `Its columns that can hold text or JSON: ${textual.map(columnNote).join(', ') || 'none'}.`,
  ].join('\n');
}

function tableProblems(
  entry: RegisteredTable,
  exportName: string,
  columns: readonly PgColumn[],
  register: PersonalDataRegister,
): string[] {
  const problems: string[] = [];
  const where = `describeTable(${exportName}, …) in ${describeSource(entry.source)}`;
  const byName = new Map(columns.map((column) => [column.name, column]));
  const known = [...byName.keys()].join(', ');
  const personalNames = Object.keys(entry.personal);

  if (entry.noPersonalData !== null && isBlank(entry.noPersonalData)) {
    problems.push(`${where}: say in \`noPersonalData\` why "${entry.name}" holds no personal data.`);
  }
  for (const name of personalNames) {
    if (!byName.has(name)) {
      problems.push(
        `${where} registers column "${name}" as personal, but "${entry.name}" has no such column (it has: ${known}): rename or remove it.`,
      );
    }
  }
  for (const name of entry.notPersonal) {
    if (!byName.has(name)) {
      problems.push(
        `${where} lists "${name}" in notPersonal, but "${entry.name}" has no such column (it has: ${known}): rename or remove it.`,
      );
    }
    if (personalNames.includes(name)) {
      problems.push(`${where} lists "${name}" both as personal and in notPersonal: keep one.`);
    }
  }
  for (const column of columns) {
    const personal = entry.personal[column.name];
    if (looksLikeFileColumn(column) && !personal?.categories.includes('file')) {
      problems.push(
        `${entry.name}.${column.name} holds file store keys: in ${where}, register it in \`personal\` (not in \`notPersonal\`) with category 'file', whose the files are and what erasure does with them${jsonType.test(column.getSQLType()) ? ', and `fileKeyPath` (where the keys sit in the JSON)' : ''}.`,
      );
    } else if (canHoldText(column) && !personal && !entry.notPersonal.includes(column.name)) {
      problems.push(
        `${entry.name}.${column.name} (${column.getSQLType()}) can hold text but has no decision in the personal data register: in ${where}, add '${column.name}' to \`notPersonal\` if it can never hold data about a person, or to \`personal\` with its categories, holds, whose and erasure.`,
      );
    }
    if (personal) problems.push(...columnProblems(entry, column, personal, where, byName, register));
  }
  return problems;
}

function columnProblems(
  entry: RegisteredTable,
  column: PgColumn,
  personal: PersonalColumn,
  where: string,
  byName: ReadonlyMap<string, PgColumn>,
  register: PersonalDataRegister,
): string[] {
  const problems: string[] = [];
  const label = `${entry.name}.${column.name}`;
  const isJson = jsonType.test(column.getSQLType());
  if (isBlank(personal.holds)) problems.push(`${where}: say in \`holds\` what ${label} holds.`);
  for (const link of personal.whose) {
    if (link.via === 'anyone') continue;
    if (!byName.has(link.column)) {
      problems.push(
        `${where}: ${label} is linked to its person via '${link.column}', which "${entry.name}" does not have.`,
      );
    }
    if (link.via === 'subject' && !byName.has(link.typeColumn)) {
      problems.push(
        `${where}: ${label} is linked to its subject's type via '${link.typeColumn}', which "${entry.name}" does not have.`,
      );
    }
    if (link.via === 'row' && !register.tables.has(link.table)) {
      problems.push(
        `${where}: ${label} is linked via '${link.column}' to table "${link.table}", which the register does not describe.`,
      );
    }
  }
  if (personal.jsonFields && !isJson) {
    problems.push(`${where}: ${label} is ${column.getSQLType()}, not JSON: remove its \`jsonFields\`.`);
  }
  for (const fields of personal.jsonFields ?? []) {
    if (fields.paths.some(isBlank)) problems.push(`${where}: ${label} has an empty path in \`jsonFields\`.`);
  }
  const isFile = personal.categories.includes('file');
  if (isFile && isJson && isBlank(personal.fileKeyPath)) {
    problems.push(
      `${where}: ${label} holds file store keys inside JSON: say where with \`fileKeyPath\` (e.g. '[].storageKey').`,
    );
  }
  if (isFile && !isJson && !/^(text|varchar)/.test(column.getSQLType())) {
    problems.push(`${where}: ${label} is ${column.getSQLType()} and cannot hold a file store key.`);
  }
  if (personal.fileKeyPath !== undefined && !(isFile && isJson)) {
    problems.push(`${where}: ${label} has a \`fileKeyPath\` but is not a JSON column of category 'file'.`);
  }
  problems.push(...erasureProblems(personal.erasure, label, entry.source, register));
  return problems;
}

function erasureProblems(
  erasure: PersonalColumn['erasure'],
  label: string,
  source: string,
  register: PersonalDataRegister,
): string[] {
  const where = describeSource(source);
  switch (erasure.action) {
    case 'keep':
      return isBlank(erasure.basis)
        ? [`${where}: ${label} is kept on erasure: give the legal \`basis\`.`]
        : [];
    case 'pseudonymise':
      return isBlank(erasure.how) ? [`${where}: ${label} is pseudonymised on erasure: say \`how\`.`] : [];
    case 'recompute':
      return erasure.derivedFrom.flatMap((reference) => {
        const [tableName = '', columnName = ''] = reference.split('.');
        return register.tables.get(tableName)?.personal[columnName]
          ? []
          : [
              `${where}: ${label} is derived from ${reference}, which is not a registered personal column: register it, or correct the reference (table.column, SQL names).`,
            ];
      });
    default:
      return [];
  }
}
