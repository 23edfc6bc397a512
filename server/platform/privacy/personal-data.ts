/**
 * The vocabulary of the personal data register: for every table, which columns (and which files
 * of the file store) hold data about a person, whose data it is and what erasing it will mean.
 * Each module describes its own tables in a `*.personal-data.ts` part beside its `*.tables.ts`;
 * `gatherPersonalDataRegister` joins the parts and `findRegisterProblems` (register-check.ts)
 * keeps the register as complete as the schema. Nothing here knows a business table.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';

/** What kind of personal data a column holds. */
export const personalDataCategories = [
  /** Names. */
  'identity',
  /** E-mail addresses and phone numbers. */
  'contact',
  'postal-address',
  /** Text written by or about a person (messages, notes, subjects, file names): may say anything. */
  'free-text',
  /** Where something is, often where someone lives. */
  'location',
  /** Technical identifiers of a person: IP address, user agent, an identity provider's subject. */
  'identifier',
  /** Credentials: password hashes, hashes of session and e-mail tokens. */
  'secret',
  /** Keys of files in the file store (`DATA_DIR/files`): the files hold whatever was sent or scanned. */
  'file',
] as const;
export type PersonalDataCategory = (typeof personalDataCategories)[number];

/** How a row leads to the person whose data a column holds (`column`: a column of the same table). */
export type DataSubjectLink<Column extends string = string> =
  /** An account id (`users.id`) in this column: that account's holder. */
  | { via: 'account'; column: Column }
  /** A contact JSON (`name`, `email`, `phone`, `postalAddress`) in this column: the person it names. */
  | { via: 'contact'; column: Column }
  /** An e-mail address or a phone number in this column: whoever it belongs to. */
  | { via: 'address'; column: Column }
  /** The id of a row of another table (SQL name) in this column: that row's people. */
  | { via: 'row'; column: Column; table: string }
  /**
   * A generic subject (messaging's `subject_type` + `subject_id`): the people of the row it names,
   * a request's requester or an account's holder; the subject's owner finds them.
   */
  | { via: 'subject'; column: Column; typeColumn: Column }
  /** Text or a value that may name anyone: found only by reading or searching it. */
  | { via: 'anyone' };

/** `table.column`, both SQL names. */
export type ColumnReference = `${string}.${string}`;

/**
 * What erasing the person's data (on request where the law allows it, or at the end of its
 * retention) will do to this column.
 */
export type Erasure =
  /**
   * Remove the value: null, an empty string or an empty JSON value (for a JSON column, only the
   * `jsonFields`). For a file column, the file too, once no other row refers to its key (the file
   * store keeps one copy per content).
   */
  | { action: 'erase'; note?: string }
  /** Replace the value with one that no longer leads to the person but keeps the row usable. */
  | { action: 'pseudonymise'; how: string }
  /** Delete the whole row: it exists only for this person (a session, a token, a notification). */
  | { action: 'delete-row'; note?: string }
  /** Keep it: a legal obligation or the person's own interest requires it (`basis` says which). */
  | { action: 'keep'; basis: string }
  /** A copy of other columns (search text): rebuilt from them once they are erased. */
  | { action: 'recompute'; derivedFrom: readonly [ColumnReference, ...ColumnReference[]] };

/** Where personal fields sit inside a JSON column, on the rows `when` (SQL) selects, else on all. */
export interface JsonFields {
  /** Dotted paths, `[]` for each element of an array: `recipient.email`, `files[].fileName`. */
  paths: readonly [string, ...string[]];
  when?: string;
  /** What these fields are, when the column's `holds` does not say it. */
  holds?: string;
}

export interface PersonalColumn<Column extends string = string> {
  categories: readonly [PersonalDataCategory, ...PersonalDataCategory[]];
  /** What it holds, in a few words: the register's line, and a heading of an access export. */
  holds: string;
  /** How a row leads to the person (several links: several people, or several ways to find them). */
  whose: readonly [DataSubjectLink<Column>, ...DataSubjectLink<Column>[]];
  erasure: Erasure;
  /** JSON columns: the fields that hold personal data (the rest of the document does not). */
  jsonFields?: readonly JsonFields[];
  /** File columns holding JSON: the path of the file store keys in it (`[].storageKey`). */
  fileKeyPath?: string;
}

/** The SQL names of a Drizzle table's columns. */
export type ColumnName<T extends PgTable> = T['_']['columns'][keyof T['_']['columns']]['_']['name'];

/**
 * A table's entry. Either it holds no personal data (`noPersonalData`: why, in one line), or
 * `personal` describes the columns that do. Either way `notPersonal` names every other column that
 * can hold text or JSON, so that a new column gets a decision too.
 */
export type TableDescription<T extends PgTable> =
  | { noPersonalData: string; notPersonal?: readonly ColumnName<T>[] }
  | {
      personal: { readonly [Name in ColumnName<T>]?: PersonalColumn<ColumnName<T>> };
      notPersonal: readonly ColumnName<T>[];
    };

export interface RegisteredTable {
  /** SQL name. */
  name: string;
  table: PgTable;
  /** Why the table holds no personal data; null when `personal` lists columns. */
  noPersonalData: string | null;
  /** By SQL column name. */
  personal: Readonly<Record<string, PersonalColumn>>;
  notPersonal: readonly string[];
  /** The part (file URL) that describes it. */
  source: string;
}

/**
 * Personal fields a module writes into a JSON column of a table it does not own (its own job
 * types' payloads in `jobs.payload`): merged into that column's `jsonFields`.
 */
export interface JsonFieldsElsewhere extends JsonFields {
  table: string;
  column: string;
  holds: string;
}

/** Personal data kept in files that no column points to (the development outbox). */
export interface StoredFiles {
  /** Where, relative to the configuration (`DATA_DIR/outbox/*.eml`). */
  location: string;
  holds: string;
  categories: readonly [PersonalDataCategory, ...PersonalDataCategory[]];
  erasure: Erasure;
}

/** One module's part of the register. */
export interface PersonalDataPart {
  /** The part's file (`import.meta.url`), named in the check's messages. */
  source: string;
  tables: readonly RegisteredTable[];
  jsonFieldsElsewhere: readonly JsonFieldsElsewhere[];
  files: readonly StoredFiles[];
}

/** A table's entry before it belongs to a part; see `TableDescription`. */
export type TableEntry = Omit<RegisteredTable, 'source'>;

/** Describes one table; the column names are checked by the compiler against the table. */
export function describeTable<T extends PgTable>(table: T, description: TableDescription<T>): TableEntry {
  const name = getTableConfig(table).name;
  if ('noPersonalData' in description) {
    return {
      name,
      table,
      noPersonalData: description.noPersonalData,
      personal: {},
      notPersonal: description.notPersonal ?? [],
    };
  }
  return {
    name,
    table,
    noPersonalData: null,
    personal: description.personal as Record<string, PersonalColumn>,
    notPersonal: description.notPersonal,
  };
}

/** A part's file for a message: relative to the working directory when it is a file URL. */
export function describeSource(source: string): string {
  if (!source.startsWith('file:')) return source;
  return path.relative(process.cwd(), fileURLToPath(source));
}

/** One module's part: its tables, and personal fields it writes into other owners' JSON columns. */
export function definePersonalDataPart(
  source: string,
  part: {
    tables: readonly TableEntry[];
    jsonFieldsElsewhere?: readonly JsonFieldsElsewhere[];
    files?: readonly StoredFiles[];
  },
): PersonalDataPart {
  return {
    source,
    tables: part.tables.map((entry) => ({ ...entry, source })),
    jsonFieldsElsewhere: part.jsonFieldsElsewhere ?? [],
    files: part.files ?? [],
  };
}

export interface PersonalDataRegister {
  /** By SQL table name. */
  tables: ReadonlyMap<string, RegisteredTable>;
  files: readonly (StoredFiles & { source: string })[];
  /** A table described twice, or fields written into a column the register does not know. */
  conflicts: readonly string[];
}

/**
 * Joins the parts into one register. Fields written into another owner's JSON column join that
 * column's `jsonFields`; a conflict (a table described twice, fields aimed at a column that is not
 * a registered personal column) is reported in `conflicts` rather than thrown, for the check.
 */
export function gatherPersonalDataRegister(parts: readonly PersonalDataPart[]): PersonalDataRegister {
  const tables = new Map<string, RegisteredTable>();
  const conflicts: string[] = [];
  for (const part of parts) {
    for (const entry of part.tables) {
      const earlier = tables.get(entry.name);
      if (earlier) {
        conflicts.push(
          `Table "${entry.name}" is described twice, in ${describeSource(earlier.source)} and in ${describeSource(entry.source)}: keep the entry of the module that owns the table.`,
        );
        continue;
      }
      tables.set(entry.name, entry);
    }
  }
  for (const part of parts) {
    for (const { table: tableName, column, ...fields } of part.jsonFieldsElsewhere) {
      const target = tables.get(tableName);
      const personal = target?.personal[column];
      if (!target || !personal) {
        conflicts.push(
          `${describeSource(part.source)} describes fields of ${tableName}.${column} (${fields.holds}), which is not registered as a personal column: register it in the part that describes table "${tableName}".`,
        );
        continue;
      }
      tables.set(tableName, {
        ...target,
        personal: {
          ...target.personal,
          [column]: { ...personal, jsonFields: [...(personal.jsonFields ?? []), fields] },
        },
      });
    }
  }
  const files = parts.flatMap((part) => part.files.map((file) => ({ ...file, source: part.source })));
  return { tables, files, conflicts };
}
