import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { Cents } from '../../../common/money';

/** Per-tenant settings kept as one JSON document; defaults live in tenant-settings.ts. */
export interface TenantSettings {
  /** Unit cost of a contact or a message per channel, in cents (before 0010: `unitCosts`, euros). */
  unitCostsCents: Record<string, Cents>;
  /** Deadline in business days for a category without its own. */
  defaultDeadlineDays: number;
  /** Days after an answer before the request closes by itself. */
  autoCloseDays: number;
  /**
   * The order in which digital channels are tried after the citizen's preferred one
   * (`sms`, `email`, `portal`); a postal letter always comes last.
   */
  channelOrder: ('sms' | 'email' | 'portal')[];
  contactEmail?: string;
  contactPhone?: string;
  postalAddress?: string;
}

/** A collectivité (town hall). Every business row carries its id. */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** Host names that resolve to this tenant (without port). */
  hostNames: text('host_names')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  inseeCode: text('insee_code'),
  isDefault: boolean('is_default').notNull().default(false),
  settings: jsonb('settings').$type<TenantSettings>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A service / direction métier, possibly under a parent. */
export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => departments.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    postalAddress: text('postal_address'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('departments_tenant_code_key').on(table.tenantId, table.code)],
);

/** What the administration's silence at the due date is worth (CRPA L231-1, L231-4). */
export const silenceRules = ['none', 'acceptance', 'rejection'] as const;
export type SilenceRule = (typeof silenceRules)[number];

/** A nature de demande. */
export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    defaultDepartmentId: uuid('default_department_id').references(() => departments.id),
    deadlineDays: integer('deadline_days').notNull(),
    /** Silence at the end of `silencePeriodDays` is worth nothing, acceptance or rejection. */
    silenceRule: text('silence_rule', { enum: silenceRules }).$type<SilenceRule>().notNull().default('none'),
    /** Calendar days after receipt before silence takes effect; set when the rule is not `none`. */
    silencePeriodDays: integer('silence_period_days'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('categories_tenant_code_key').on(table.tenantId, table.code),
    index('categories_tenant_active_idx').on(table.tenantId, table.isActive),
    check('categories_silence_rule_check', sql`${table.silenceRule} in ('none', 'acceptance', 'rejection')`),
    check(
      'categories_silence_period_days_check',
      sql`${table.silencePeriodDays} is null or ${table.silencePeriodDays} between 1 and 365`,
    ),
  ],
);

/** Days the town is closed besides weekends and public holidays (ponts, closures). */
export const calendarClosures = pgTable(
  'calendar_closures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    day: date('day', { mode: 'string' }).notNull(),
    label: text('label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('calendar_closures_tenant_day_key').on(table.tenantId, table.day)],
);
