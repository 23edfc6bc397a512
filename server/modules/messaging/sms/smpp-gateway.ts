import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { PDU } from 'smpp';
import type { AppContext } from '../../../app-context';
import { findDefaultTenant } from '../../organisation';
import { recordDeliveryStatus } from '../delivery-status';
import { channelSettings, outboundMessages } from '../messaging.tables';
import { isDeliveryReceipt, parseDeliveryReceipt } from './delivery-receipt';
import { handleInboundSms } from './inbound-sms';
import { smsRouteFor } from './sms-route';
import { buildSmsPdus } from './segments';
import { RetryLaterError, SmppClient, type SmppLog } from './smpp-client';

/**
 * The SMPP side of the SMS channel for one app: the client (created on first use or at start),
 * what its deliver_sm mean (delivery receipts → `recordDeliveryStatus`; mobile-originated
 * messages → the `inboundSmsHandler` extension (intake), concatenated ones reassembled), and submitting one message.
 */

interface Reassembly {
  parts: Map<number, string>;
  total: number;
  timer: NodeJS.Timeout;
}

interface SmppGateway {
  client: SmppClient;
  /** The town whose own settings opened this link (inbound SMS go to it); null for SMPP_URL. */
  tenantId: string | null;
  /** Ids the SMSC gave recently, not yet necessarily recorded: a receipt that races its record waits. */
  recentFirstPartIds: Map<string, number>;
  reassemblies: Map<string, Reassembly>;
}

/** One link per SMSC account (URL) and app. */
const gateways = new WeakMap<AppContext, Map<string, SmppGateway>>();

/** How long the parts of a concatenated inbound SMS are awaited before the text is kept as it is. */
const reassemblyTimeoutMs = 10 * 60_000;

export interface SmppGatewayOptions {
  log?: SmppLog;
  bindWaitMs?: number;
  responseTimeoutMs?: number;
  reconnectInitialMs?: number;
}

export interface SmppAccount {
  url: string;
  tenantId: string | null;
}

/** The app's link to one SMSC account, started (bind, then kept bound) on first use. */
export function smppGatewayFor(
  ctx: AppContext,
  account: SmppAccount,
  options: SmppGatewayOptions = {},
): SmppGateway {
  let links = gateways.get(ctx);
  if (!links) {
    links = new Map();
    gateways.set(ctx, links);
  }
  let gateway = links.get(account.url);
  if (!gateway) {
    const created: SmppGateway = {
      tenantId: account.tenantId,
      recentFirstPartIds: new Map(),
      reassemblies: new Map(),
      client: new SmppClient({
        url: account.url,
        log: options.log,
        bindWaitMs: options.bindWaitMs,
        responseTimeoutMs: options.responseTimeoutMs,
        reconnectInitialMs: options.reconnectInitialMs,
        onDeliver: (pdu) => handleDeliver(ctx, created, pdu),
      }),
    };
    gateway = created;
    links.set(account.url, gateway);
    gateway.client.start();
  }
  return gateway;
}

/**
 * Opens the links that must be up to receive (delivery receipts, inbound SMS) before anything is
 * sent: SMPP_URL, and in a worker process each town's own enabled SMPP settings.
 */
export async function startSmppGateways(ctx: AppContext, options: SmppGatewayOptions = {}): Promise<void> {
  if (ctx.config.smppUrl) smppGatewayFor(ctx, { url: ctx.config.smppUrl, tenantId: null }, options);
  if (!ctx.config.worker) return;
  const rows = await ctx.db
    .select({ tenantId: channelSettings.tenantId })
    .from(channelSettings)
    .where(and(eq(channelSettings.kind, 'smpp'), eq(channelSettings.isEnabled, true)));
  for (const row of rows) {
    try {
      const route = await smsRouteFor(ctx, row.tenantId);
      if (route?.kind === 'smpp') smppGatewayFor(ctx, { url: route.url, tenantId: route.tenantId }, options);
    } catch (error) {
      options.log?.warn(`smpp: settings of tenant ${row.tenantId} unusable: ${(error as Error).message}`);
    }
  }
}

/** Unbinds and closes every link of the app. */
export async function stopSmppGateways(ctx: AppContext): Promise<void> {
  const links = gateways.get(ctx);
  if (!links) return;
  gateways.delete(ctx);
  await Promise.all(
    [...links.values()].map(async (gateway) => {
      for (const reassembly of gateway.reassemblies.values()) clearTimeout(reassembly.timer);
      await gateway.client.stop();
    }),
  );
}

/** The concatenation reference of a message: the same on a re-send, so phones merge the parts alike. */
function referenceOf(messageId: string): number {
  return createHash('sha256').update(messageId).digest()[0]!;
}

function isAlphanumericSender(sender: string): boolean {
  return !/^\+?\d+$/.test(sender);
}

/**
 * Submits one SMS (one submit_sm per part, registered delivery requested) and returns the SMSC's
 * id of the first part, the message's provider id.
 */
export async function submitThroughSmpp(
  ctx: AppContext,
  account: SmppAccount,
  input: { messageId: string; to: string; text: string; sender: string },
): Promise<{ providerMessageId: string; parts: number }> {
  const gateway = smppGatewayFor(ctx, account);
  const pdus = buildSmsPdus(input.text, referenceOf(input.messageId));
  const alphanumeric = isAlphanumericSender(input.sender);
  const ids: string[] = [];
  for (const pdu of pdus) {
    const id = await gateway.client.submit({
      source_addr_ton: alphanumeric ? 0x05 : 0x01,
      source_addr_npi: alphanumeric ? 0x00 : 0x01,
      source_addr: alphanumeric ? input.sender : input.sender.replace(/^\+/, ''),
      dest_addr_ton: 0x01,
      dest_addr_npi: 0x01,
      destination_addr: input.to.replace(/^\+/, ''),
      esm_class: pdu.esmClass,
      data_coding: pdu.dataCoding,
      // Final delivery receipt, success or failure (SMPP 3.4 §5.2.17).
      registered_delivery: 0x01,
      short_message: pdu.shortMessage,
    });
    ids.push(id);
    if (ids.length === 1) {
      gateway.recentFirstPartIds.set(id, Date.now());
      for (const [known, at] of gateway.recentFirstPartIds) {
        if (Date.now() - at > 10 * 60_000) gateway.recentFirstPartIds.delete(known);
      }
    }
  }
  return { providerMessageId: ids[0]!, parts: ids.length };
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (value && typeof value === 'object' && 'message' in value)
    return textOf((value as { message: unknown }).message);
  return '';
}

function udhOf(value: unknown): Buffer[] {
  if (value && typeof value === 'object' && 'udh' in value) {
    const udh = (value as { udh?: unknown }).udh;
    if (Array.isArray(udh)) return udh.filter((element): element is Buffer => Buffer.isBuffer(element));
  }
  return [];
}

/** The concatenation element of a decoded UDH (8- or 16-bit reference). */
function concatenationOfElements(elements: Buffer[]) {
  for (const element of elements) {
    if (element[0] === 0x00 && element[1] === 3)
      return { reference: element[2]!, total: element[3]!, sequence: element[4]! };
    if (element[0] === 0x08 && element[1] === 4) {
      return { reference: (element[2]! << 8) | element[3]!, total: element[4]!, sequence: element[5]! };
    }
  }
  return undefined;
}

/** The town an inbound SMS was sent to: the tenant whose SMPP sender id is the number, else the default one. */
async function tenantOfDestination(ctx: AppContext, destination: string): Promise<string | undefined> {
  const forms = [destination, destination.replace(/^\+/, ''), `+${destination.replace(/^\+/, '')}`];
  const [setting] = await ctx.db
    .select({ tenantId: channelSettings.tenantId })
    .from(channelSettings)
    .where(
      and(
        eq(channelSettings.kind, 'smpp'),
        sql`${channelSettings.config} ->> 'senderId' IN (${sql.join(
          forms.map((form) => sql`${form}`),
          sql`, `,
        )})`,
      ),
    )
    .limit(1);
  if (setting) return setting.tenantId;
  return (await findDefaultTenant(ctx.db))?.id;
}

async function handleDeliver(ctx: AppContext, gateway: SmppGateway, pdu: PDU): Promise<void> {
  const esmClass = Number(pdu.esm_class ?? 0);
  const text = textOf(pdu.short_message) || textOf(pdu.message_payload);
  if (isDeliveryReceipt(esmClass)) {
    await handleReceipt(ctx, gateway, pdu, text);
    return;
  }
  const from = String(pdu.source_addr ?? '');
  const to = String(pdu.destination_addr ?? '');
  const concatenation = concatenationOfElements(udhOf(pdu.short_message));
  if (!concatenation || concatenation.total <= 1) {
    await deliverMobileOriginated(ctx, gateway, from, to, text);
    return;
  }
  // A part of a long SMS: kept until every part arrived (acknowledged now: the SMSC will not resend).
  const key = `${from}:${to}:${concatenation.reference}:${concatenation.total}`;
  let reassembly = gateway.reassemblies.get(key);
  if (!reassembly) {
    const timer = setTimeout(() => {
      const incomplete = gateway.reassemblies.get(key);
      gateway.reassemblies.delete(key);
      if (incomplete)
        void deliverMobileOriginated(ctx, gateway, from, to, joinParts(incomplete)).catch(() => undefined);
    }, reassemblyTimeoutMs);
    timer.unref();
    reassembly = { parts: new Map(), total: concatenation.total, timer };
    gateway.reassemblies.set(key, reassembly);
  }
  reassembly.parts.set(concatenation.sequence, text);
  if (reassembly.parts.size < reassembly.total) return;
  clearTimeout(reassembly.timer);
  gateway.reassemblies.delete(key);
  await deliverMobileOriginated(ctx, gateway, from, to, joinParts(reassembly));
}

function joinParts(reassembly: Reassembly): string {
  return [...reassembly.parts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, part]) => part)
    .join('');
}

async function deliverMobileOriginated(
  ctx: AppContext,
  gateway: SmppGateway,
  from: string,
  to: string,
  text: string,
) {
  const tenantId = gateway.tenantId ?? (await tenantOfDestination(ctx, to));
  if (!tenantId) throw new Error('No tenant to receive the SMS');
  await handleInboundSms(ctx, { tenantId, source: 'smpp', from, to, text });
}

async function handleReceipt(ctx: AppContext, gateway: SmppGateway, pdu: PDU, text: string) {
  const receipt = parseDeliveryReceipt({
    text,
    receiptedMessageId: typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id : null,
    messageState: typeof pdu.message_state === 'number' ? pdu.message_state : null,
  });
  if (!receipt || receipt.outcome === 'pending') return;
  // Ids are unique per SMSC account, not across towns or SMSCs: the link's own town when it has
  // one, and the most recent message still waiting for its outcome.
  const matching = and(
    eq(outboundMessages.providerMessageId, receipt.messageId),
    eq(outboundMessages.channel, 'sms'),
    gateway.tenantId ? eq(outboundMessages.tenantId, gateway.tenantId) : undefined,
  );
  const [message] = await ctx.db
    .select({ tenantId: outboundMessages.tenantId })
    .from(outboundMessages)
    .where(and(matching, inArray(outboundMessages.status, ['sending', 'sent'])))
    .orderBy(desc(outboundMessages.sentAt))
    .limit(1);
  if (!message) {
    const [known] = await ctx.db
      .select({ id: outboundMessages.id })
      .from(outboundMessages)
      .where(matching)
      .limit(1);
    // Submitted moments ago and not recorded yet: the SMSC tries again later.
    if (!known && gateway.recentFirstPartIds.has(receipt.messageId)) {
      throw new RetryLaterError(`receipt for ${receipt.messageId} before its message was recorded`);
    }
    return; // Already settled, another part of a long SMS, or a message this app does not know.
  }
  await recordDeliveryStatus(
    ctx,
    {
      tenantId: message.tenantId,
      providerMessageId: receipt.messageId,
      status: receipt.outcome,
      error: receipt.error,
    },
    { now: ctx.clock.now() },
  );
}
