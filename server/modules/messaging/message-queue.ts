import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { Cents } from '../../../common/money';
import type { DbOrTx } from '../../platform/db/client';
import { jobs } from '../../platform/jobs/jobs.tables';
import { findTenantSettings, type TenantSettings } from '../organisation';
import {
  channelAdaptersOf,
  type ChannelAdapter,
  type ChannelContext,
  type OutboundMessage,
} from './channel-adapter';
import {
  outboundChannels,
  outboundMessages,
  smsOptOuts,
  type DeliveryStatus,
  type DispatchState,
  type LetterAddress,
  type OutboundChannel,
} from './messaging.tables';
import { findRecipientAccount } from './recipients';
import { canReceiveSms, normalisePhoneNumber } from './sms/phone-number';
import { countSegments, normaliseSmsText } from './sms/segments';
import { type MessageSubject, publishDeliveryEvent, subjectOf } from './subjects';
import { type RenderedTemplate, renderTemplate } from './templates/render-template';
import { templateRegistryOf } from './templates/template-registry';
import { findEffectiveTemplate } from './templates/templates.repository';

/**
 * The job of one message, written before batch dispatch (migration 0012): still handled, it hands
 * its message to the batch dispatcher (see dispatch-batch.ts).
 */
export const dispatchMessageJobType = 'message.dispatch';
/** The wake-up job of a town's dispatcher: written with the messages, it sends what is due in batches. */
export const dispatchBatchJobType = 'message.dispatch-batch';

/** The WHERE of one message of its town (every query names the town, see platform/db/tenant-guard.ts). */
export function isMessage(message: { tenantId: string; id: string }) {
  return and(eq(outboundMessages.tenantId, message.tenantId), eq(outboundMessages.id, message.id))!;
}

export interface MessageAttachment {
  storageKey: string;
  fileName: string;
  mediaType: string;
}

/** Whom to write to; with `userId`, the account fills in what is not given. */
export interface CitizenRecipient {
  userId?: string | null;
  email?: string | null;
  phone?: string | null;
  letterAddress?: LetterAddress | null;
  preferredChannel?: OutboundChannel | null;
}

/** Every address known for a recipient, as kept in the dispatch job for the fallback. */
export interface ResolvedRecipient {
  userId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  letterAddress: LetterAddress | null;
  preferredChannel: OutboundChannel | null;
}

/** What a message keeps for its fallback (`outbound_messages.dispatch`). */
export type { DispatchState };

/** The payload of a legacy `message.dispatch` job: the message and its dispatch state. */
export interface DispatchPayload extends DispatchState {
  [field: string]: unknown;
  messageId: string;
}

/** How to choose among the channels that can reach a recipient. */
export interface ChannelChoiceOptions {
  /** The ways out (default: those the modules registered); tests pass their own. */
  adapters?: readonly ChannelAdapter[];
  /** Restricts the choice (an e-mail confirmation goes by e-mail or not at all). */
  only?: readonly OutboundChannel[] | null;
  /** The town's settings when the caller has them already (else read). */
  settings?: TenantSettings;
}

/** E.164, or null when the number is missing, not a number or cannot receive SMS (landline). */
function normalisedPhone(raw: string | null): string | null {
  const phone = raw ? normalisePhoneNumber(raw) : undefined;
  return phone && canReceiveSms(phone) ? phone : null;
}

export async function resolveRecipient(
  ctx: ChannelContext,
  tenantId: string,
  recipient: CitizenRecipient,
): Promise<ResolvedRecipient> {
  const account = recipient.userId
    ? await findRecipientAccount(ctx, ctx.db, tenantId, recipient.userId)
    : undefined;
  const name = account ? account.name : (recipient.letterAddress?.name ?? '');
  return {
    userId: account?.isActive ? account.id : null,
    name,
    email: recipient.email ?? account?.email ?? null,
    phone: normalisedPhone(recipient.phone ?? account?.phone ?? null),
    letterAddress: recipient.letterAddress ?? account?.letterAddress ?? null,
    preferredChannel: recipient.preferredChannel ?? account?.preferredChannel ?? null,
  };
}

/**
 * The channels that can reach the recipient, best first: the preferred one when its address is
 * known, then the town's order of digital channels (tenant settings `channelOrder`, by default
 * `sms → email → portal`), then a postal letter. Only channels with an adapter that the town has
 * configured (no SMS without a gateway), within `only` when given; SMS not to opted-out numbers.
 */
export async function candidateChannels(
  ctx: ChannelContext,
  tenantId: string,
  recipient: ResolvedRecipient,
  options: ChannelChoiceOptions = {},
): Promise<OutboundChannel[]> {
  const { db } = ctx;
  const adapters = options.adapters ?? channelAdaptersOf(ctx);
  let smsAllowed = Boolean(recipient.phone);
  if (recipient.phone) {
    const [optedOut] = await db
      .select({ phone: smsOptOuts.phone })
      .from(smsOptOuts)
      .where(and(eq(smsOptOuts.tenantId, tenantId), eq(smsOptOuts.phone, recipient.phone)))
      .limit(1);
    smsAllowed = !optedOut;
  }
  const reachable: Record<OutboundChannel, boolean> = {
    email: Boolean(recipient.email),
    sms: smsAllowed,
    portal: Boolean(recipient.userId),
    letter: Boolean(recipient.letterAddress),
  };
  const settings = options.settings ?? (await findTenantSettings(db, tenantId));
  const townOrder: OutboundChannel[] = [...settings.channelOrder, 'letter'];
  const order = recipient.preferredChannel
    ? [recipient.preferredChannel, ...townOrder.filter((channel) => channel !== recipient.preferredChannel)]
    : townOrder;
  const chosen: OutboundChannel[] = [];
  for (const channel of order) {
    if (!reachable[channel] || (options.only && !options.only.includes(channel))) continue;
    const adapter = adapters.find((candidate) => candidate.channel === channel);
    if (!adapter) continue;
    if (adapter.isConfigured && !(await adapter.isConfigured(ctx, tenantId))) continue;
    chosen.push(channel);
  }
  return chosen;
}

/** What one channel carries of a rendered template. */
export function contentFor(channel: OutboundChannel, rendered: RenderedTemplate) {
  switch (channel) {
    case 'email':
      return { subject: rendered.subject, bodyText: rendered.text, bodyHtml: rendered.html };
    // The portal shows the whole message (an answer is read right there), not the SMS-sized text.
    case 'letter':
    case 'portal':
      return { subject: rendered.subject, bodyText: rendered.text, bodyHtml: null };
    case 'sms':
      return { subject: rendered.subject, bodyText: rendered.short, bodyHtml: null };
  }
}

function addressFor(channel: OutboundChannel, recipient: ResolvedRecipient): string | null {
  switch (channel) {
    case 'email':
      return recipient.email;
    case 'sms':
      return recipient.phone;
    case 'letter':
      return recipient.letterAddress?.name ?? recipient.name;
    case 'portal':
      return recipient.userId;
  }
}

export async function unitCostsCentsOf(db: DbOrTx, tenantId: string): Promise<Record<string, Cents>> {
  return (await findTenantSettings(db, tenantId)).unitCostsCents;
}

/** The cost of a message in cents: the tenant's unit cost for its channel, per segment for SMS. */
export function costCentsOf(
  channel: OutboundChannel,
  unitCostsCents: Record<string, Cents>,
  segments: number | null,
): Cents {
  const unit = unitCostsCents[channel] ?? 0;
  return channel === 'sms' ? unit * (segments ?? 1) : unit;
}

/**
 * Tells the message's subject (its owner keeps the timeline) what just happened to the message,
 * in the transaction of that change. A message about no subject tells no one.
 */
export async function recordStatusChange(
  tx: DbOrTx,
  ctx: Parameters<typeof publishDeliveryEvent>[1],
  message: Pick<
    OutboundMessage,
    | 'id'
    | 'tenantId'
    | 'subjectType'
    | 'subjectId'
    | 'messageKey'
    | 'templateKey'
    | 'channel'
    | 'attempts'
    | 'costCents'
    | 'updatedAt'
    | 'status'
    | 'lastError'
    | 'fallbackOfId'
    | 'providerMessageId'
  >,
  extra: { retried?: boolean } = {},
): Promise<void> {
  const subject = subjectOf(message);
  if (!subject) return;
  await publishDeliveryEvent(tx, ctx, {
    kind: 'status',
    tenantId: message.tenantId,
    subject,
    messageId: message.id,
    messageKey: message.messageKey,
    templateKey: message.templateKey,
    channel: message.channel,
    status: message.status,
    attempts: message.attempts,
    costCents: message.costCents,
    error: message.lastError,
    providerMessageId: message.providerMessageId,
    fallbackOfId: message.fallbackOfId,
    ...extra,
    // The change's own time (the app's clock), so the timeline keeps the order things happened in.
    at: message.updatedAt,
  });
}

export interface QueueMessageInput {
  tenantId: string;
  key: string;
  subject: MessageSubject | null;
  recipient: ResolvedRecipient;
  channel: OutboundChannel;
  templateKey: string;
  variables: Record<string, string>;
  attachments: MessageAttachment[];
  tried: OutboundChannel[];
  only?: readonly OutboundChannel[] | null;
  /** The town's unit costs in cents when the caller has them already (else read). */
  unitCostsCents?: Record<string, Cents>;
  fallbackOfId?: string | null;
  now: Date;
}

type QueueContext = ChannelContext & Parameters<typeof publishDeliveryEvent>[1];

/** Inserts the message (idempotent by key) and its dispatch job; returns its id. */
export async function queueMessage(tx: DbOrTx, ctx: QueueContext, input: QueueMessageInput): Promise<string> {
  const definition = templateRegistryOf(ctx).find(input.templateKey);
  if (!definition) throw new Error(`No message template "${input.templateKey}" is registered`);
  const template = await findEffectiveTemplate(tx, input.tenantId, definition);
  const rendered = renderTemplate(template, input.variables);
  const content = contentFor(input.channel, rendered);
  const segments =
    input.channel === 'sms' ? countSegments(normaliseSmsText(content.bodyText)).segments : null;
  const unitCostsCents = input.unitCostsCents ?? (await unitCostsCentsOf(tx, input.tenantId));
  const [row] = await tx
    .insert(outboundMessages)
    .values({
      tenantId: input.tenantId,
      messageKey: input.key,
      subjectType: input.subject?.type ?? null,
      subjectId: input.subject?.id ?? null,
      recipientUserId: input.recipient.userId,
      channel: input.channel,
      toAddress: addressFor(input.channel, input.recipient),
      letterAddress: input.channel === 'letter' ? input.recipient.letterAddress : null,
      templateKey: input.templateKey,
      ...content,
      attachments: input.attachments,
      status: 'queued',
      costCents: costCentsOf(input.channel, unitCostsCents, segments),
      segments,
      fallbackOfId: input.fallbackOfId ?? null,
      dispatch: {
        variables: input.variables,
        recipient: input.recipient,
        tried: input.tried,
        ...(input.only ? { only: [...input.only] } : {}),
      },
      dueAt: input.now,
      queuedAt: input.now,
      updatedAt: input.now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    const [existing] = await tx
      .select({ id: outboundMessages.id })
      .from(outboundMessages)
      .where(and(eq(outboundMessages.tenantId, input.tenantId), eq(outboundMessages.messageKey, input.key)))
      .limit(1);
    return existing!.id;
  }
  await wakeDispatcher(tx, input.tenantId);
  await recordStatusChange(tx, ctx, row);
  return row.id;
}

function isTransaction(db: DbOrTx): boolean {
  return typeof (db as { rollback?: unknown }).rollback === 'function';
}

/** The transactions that already wrote their town's wake-up job (saves a statement per message). */
const wokenBy = new WeakMap<object, Set<string>>();

/**
 * Makes sure the town's dispatcher runs once the caller's transaction commits: one wake-up job per
 * transaction and town (its idempotency key names the transaction), whatever the number of messages
 * it queues. A job written by a transaction that has not committed yet cannot be claimed, so the
 * messages are always visible to the batch it starts; the drain that runs first takes the other due
 * wake-up jobs of its town along (see dispatch-batch.ts). `at`: not before then (a retry's backoff).
 */
export async function wakeDispatcher(tx: DbOrTx, tenantId: string, at?: Date): Promise<void> {
  if (at) {
    // A later wake-up is pointless when one will run by then (its drain ends by waking the next).
    const [sooner] = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          eq(jobs.type, dispatchBatchJobType),
          eq(jobs.tenantId, tenantId),
          eq(jobs.status, 'pending'),
          lte(jobs.runAt, at),
        ),
      )
      .limit(1);
    if (sooner) return;
  } else if (isTransaction(tx)) {
    // Outside a transaction every statement is its own: nothing to remember.
    const woken = wokenBy.get(tx) ?? new Set<string>();
    if (woken.has(tenantId)) return;
    woken.add(tenantId);
    wokenBy.set(tx, woken);
  }
  await tx
    .insert(jobs)
    .values({
      type: dispatchBatchJobType,
      tenantId,
      payload: {},
      runAt: at,
      idempotencyKey: sql`${`${dispatchBatchJobType}:${tenantId}:${at ? `${at.getTime()}:` : ''}`} || txid_current()`,
    })
    .onConflictDoNothing();
}

/**
 * What a message keeps for its fallback: its own `dispatch` column, or for a message queued before
 * batch dispatch (migration 0012) the payload of its latest `message.dispatch` job.
 */
export async function findDispatchPayload(
  ctx: ChannelContext,
  message: OutboundMessage,
): Promise<DispatchPayload> {
  if (message.dispatch) return { ...message.dispatch, messageId: message.id };
  const [job] = await ctx.db
    .select({ payload: jobs.payload })
    .from(jobs)
    .where(
      and(
        eq(jobs.type, dispatchMessageJobType),
        eq(jobs.tenantId, message.tenantId),
        sql`${jobs.payload} ->> 'messageId' = ${message.id}`,
      ),
    )
    .orderBy(desc(jobs.id))
    .limit(1);
  if (job) return job.payload as DispatchPayload;
  const recipient = await resolveRecipient(ctx, message.tenantId, { userId: message.recipientUserId });
  return { messageId: message.id, variables: {}, recipient, tried: [] };
}

/**
 * After `failed` is recorded: queues the same template on the next channel that can reach the
 * recipient (never one already tried). Returns the new message id, or null when none is left.
 */
export async function queueFallback(
  tx: DbOrTx,
  ctx: QueueContext,
  failed: OutboundMessage,
  payload: DispatchPayload,
  now: Date,
  adapters?: readonly ChannelAdapter[],
): Promise<string | null> {
  if (!failed.templateKey || !templateRegistryOf(ctx).find(failed.templateKey)) return null;
  const tried = [...new Set([...payload.tried, failed.channel])];
  const settings = await findTenantSettings(tx, failed.tenantId);
  const candidates = await candidateChannels({ ...ctx, db: tx }, failed.tenantId, payload.recipient, {
    ...(adapters ? { adapters } : {}),
    only: payload.only,
    settings,
  });
  const next = candidates.find((channel) => !tried.includes(channel));
  if (!next) return null;
  const baseKey = failed.messageKey.replace(/:fallback:[a-z]+$/, '');
  return queueMessage(tx, ctx, {
    tenantId: failed.tenantId,
    key: `${baseKey}:fallback:${next}`,
    subject: subjectOf(failed),
    recipient: payload.recipient,
    channel: next,
    templateKey: failed.templateKey,
    variables: payload.variables,
    attachments: failed.attachments,
    tried,
    only: payload.only,
    unitCostsCents: settings.unitCostsCents,
    fallbackOfId: failed.id,
    now,
  });
}

export function isOutboundChannel(value: string): value is OutboundChannel {
  return (outboundChannels as readonly string[]).includes(value);
}

export type { DeliveryStatus };
