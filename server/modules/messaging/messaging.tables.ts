import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { channelSettingKinds, deliveryStatuses, outboundChannels } from '../../../common/messaging';
import { isOneOf } from '../../platform/db/checks';
import { users } from '../accounts/accounts.tables';
import { tenants } from '../organisation/organisation.tables';

export {
  channelSettingKinds,
  deliveryStatuses,
  inboundOutcomes,
  outboundChannels,
  type ChannelSettingKind,
  type DeliveryStatus,
  type InboundOutcome,
  type OutboundChannel,
} from '../../../common/messaging';

/** A postal address block as printed in an envelope window. */
export interface LetterAddress {
  name: string;
  line1: string;
  line2?: string;
  postcode: string;
  city: string;
}

/** What the dispatcher keeps of a queued message to choose a fallback channel (see message-queue.ts). */
export interface DispatchState {
  variables: Record<string, string>;
  recipient: {
    userId: string | null;
    name: string;
    email: string | null;
    phone: string | null;
    letterAddress: LetterAddress | null;
    preferredChannel: (typeof outboundChannels)[number] | null;
  };
  /** Channels already tried for this message key (the failed ones before this one). */
  tried: (typeof outboundChannels)[number][];
  /** The only channels this message may take (account mails: e-mail); absent: any. */
  only?: (typeof outboundChannels)[number][] | null;
  /** `attempts` when an administrator last retried it: it gets a fresh set of attempts from there. */
  attemptsAtRetry?: number;
}

/**
 * Every message the town sends, on any channel, with its delivery state. `messageKey` makes
 * sending idempotent per tenant; `providerMessageId` is the SMTP Message-ID, the SMSC message id…
 * `status = 'sending'` is recorded before handing the message over: a worker that dies after that
 * leaves a trace, and the retry knows the message may already be out.
 *
 * The dispatcher claims messages in batches (dispatch-batch.ts): a `queued` message is taken once
 * `dueAt` has come (backoff after a transient error); a claimed one is `sending` under a lease
 * (`leaseUntil`, `claimedByJob`): when its worker dies, another takes it once the lease expired.
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    messageKey: text('message_key').notNull(),
    /** What the message is about (see subjects.ts): `request` and its id, `account`… */
    subjectType: text('subject_type'),
    subjectId: uuid('subject_id'),
    recipientUserId: uuid('recipient_user_id').references(() => users.id),
    channel: text('channel', { enum: outboundChannels }).notNull(),
    /** E-mail address, phone number (E.164) or, for a letter, the name on the envelope. */
    toAddress: text('to_address'),
    letterAddress: jsonb('letter_address').$type<LetterAddress>(),
    templateKey: text('template_key'),
    subject: text('subject').notNull().default(''),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    /** Files to attach: storage keys of the file store with their names and media types. */
    attachments: jsonb('attachments')
      .$type<{ storageKey: string; fileName: string; mediaType: string }[]>()
      .notNull()
      .default([]),
    status: text('status', { enum: deliveryStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    /** Cost in cents from the tenant's unit costs (unit cost × segments for SMS). */
    costCents: integer('cost_cents'),
    segments: integer('segments'),
    printBatchId: uuid('print_batch_id'),
    /** A letter's rendered PDF in the file store (its enclosures stay in `attachments`). */
    letterPdfKey: text('letter_pdf_key'),
    /** Pages of the rendered letter; null for a letter rendered before it was recorded (counted on read). */
    letterPageCount: integer('letter_page_count'),
    letterRenderedAt: timestamp('letter_rendered_at', { withTimezone: true }),
    /** The message this one replaces after it failed (preferred channel → fallback). */
    fallbackOfId: uuid('fallback_of_id'),
    /** Recipient, variables and channels tried, for the fallback; null on rows queued before 0012. */
    dispatch: jsonb('dispatch').$type<DispatchState>(),
    /** When a queued message may be claimed; null on rows still owned by a `message.dispatch` job. */
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** Until when the worker that claimed this `sending` message holds it (database clock). */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** The batch job that claimed it: a rerun of that job (its worker died) resumes it at once. */
    claimedByJob: bigint('claimed_by_job', { mode: 'number' }),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('outbound_messages_tenant_key').on(table.tenantId, table.messageKey),
    index('outbound_messages_subject_idx').on(
      table.tenantId,
      table.subjectType,
      table.subjectId,
      table.queuedAt,
    ),
    index('outbound_messages_provider_id_idx').on(table.providerMessageId),
    index('outbound_messages_tenant_status_idx').on(table.tenantId, table.status, table.queuedAt),
    index('outbound_messages_print_batch_idx').on(table.printBatchId),
    index('outbound_messages_dispatch_idx')
      .on(table.tenantId, table.dueAt)
      .where(sql`status in ('queued', 'sending')`),
    check('outbound_messages_subject_check', sql`(subject_type IS NULL) = (subject_id IS NULL)`),
    check('outbound_messages_channel_check', isOneOf('channel', outboundChannels)),
    check('outbound_messages_status_check', isOneOf('status', deliveryStatuses)),
    check('outbound_messages_attempts_check', sql`attempts >= 0`),
    check(
      'outbound_messages_letter_page_count_check',
      sql`letter_page_count IS NULL OR letter_page_count > 0`,
    ),
  ],
);

/** Notifications shown in the citizen's account on the portal. */
export const portalNotifications = pgTable(
  'portal_notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** What the notification is about (see subjects.ts). */
    subjectType: text('subject_type'),
    subjectId: uuid('subject_id'),
    outboundMessageId: uuid('outbound_message_id').references(() => outboundMessages.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('portal_notifications_user_idx').on(table.userId, table.createdAt),
    check('portal_notifications_subject_check', sql`(subject_type IS NULL) = (subject_id IS NULL)`),
  ],
);

/** The letters of one day, printed together: open (filling) → closed (downloaded) → posted. */
export const printBatches = pgTable(
  'print_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    batchDate: date('batch_date').notNull(),
    status: text('status', { enum: ['open', 'closed', 'posted'] })
      .notNull()
      .default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    postedById: uuid('posted_by_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('print_batches_tenant_date_key').on(table.tenantId, table.batchDate),
    check('print_batches_status_check', sql`status IN ('open', 'closed', 'posted')`),
  ],
);

/** A town's channel settings (SMTP, IMAP, SMPP, HTTP SMS gateway); secrets encrypted at rest. */
export const channelSettings = pgTable(
  'channel_settings',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind', { enum: channelSettingKinds }).notNull(),
    /** Host, port, user, sender id…: everything but the secret. */
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    /** AES-256-GCM of the secret (password, API key) with the key from the configuration. */
    secretCiphertext: text('secret_ciphertext'),
    isEnabled: boolean('is_enabled').notNull().default(true),
    /**
     * What the channel last did with these settings (IMAP: the last poll, see
     * inbound/imap-settings.repository.ts); cleared when an administrator saves.
     */
    pollStatus: jsonb('poll_status').$type<Record<string, unknown>>(),
    updatedById: uuid('updated_by_id').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.kind] }),
    check('channel_settings_kind_check', isOneOf('kind', channelSettingKinds)),
  ],
);

/** Phone numbers that answered STOP: no more SMS to them. */
export const smsOptOuts = pgTable(
  'sms_opt_outs',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** E.164, e.g. +33612345678. */
    phone: text('phone').notNull(),
    optedOutAt: timestamp('opted_out_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.phone] })],
);

/** A town's own wording of a message template; the defaults live in code. */
export const messageTemplates = pgTable(
  'message_templates',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    key: text('key').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** Short text for SMS and portal notifications. */
    shortBody: text('short_body'),
    updatedById: uuid('updated_by_id').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.key] })],
);
