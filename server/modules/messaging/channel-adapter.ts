import type { Cents } from '../../../common/money';
import type { AppContext } from '../../app-context';
import type { DbOrTx } from '../../platform/db/client';
import type { OutboundChannel, outboundMessages } from './messaging.tables';

export type OutboundMessage = typeof outboundMessages.$inferSelect;

/** What a channel reports once it took a message over. */
export interface DispatchResult {
  /** `sent` when the relay accepted it; `delivered` when the channel knows it arrived (portal). */
  status: 'sent' | 'delivered';
  /** SMTP Message-ID, SMSC message id, print batch id…; null when the channel has none. */
  providerMessageId: string | null;
  /** SMS segments, to compute the cost. */
  segments?: number;
  /** Set when the channel knows the cost better than the tenant's unit cost, in cents. */
  costCents?: Cents;
}

/**
 * One way out (e-mail, SMS, letter, portal). `send` throws `PermanentDeliveryError` when retrying
 * cannot help (no such mailbox, invalid number, opted out): the message fails at once and the
 * fallback channel is tried. Any other error is retried with backoff by the jobs queue.
 */
export interface ChannelAdapter {
  channel: OutboundChannel;
  /** `batch`: the batch the message goes out in, to share lookups (absent: looked up alone). */
  send(message: OutboundMessage, ctx: AppContext, batch?: DispatchBatch): Promise<DispatchResult>;
  /**
   * False when the town has no way out on this channel (no SMS gateway configured): the channel
   * is then skipped when choosing one, rather than tried and failed. Absent: always available.
   */
  isConfigured?(ctx: ChannelContext, tenantId: string): Promise<boolean>;
}

/**
 * The batch a message goes out in (one town's messages, claimed together): what its messages
 * share is looked up once for all of them (the town's relay settings, its opted-out numbers).
 */
export interface DispatchBatch {
  readonly tenantId: string;
  readonly messages: readonly OutboundMessage[];
  /** Runs `load` once per key for the whole batch; concurrent callers share its promise. */
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export function createDispatchBatch(tenantId: string, messages: readonly OutboundMessage[]): DispatchBatch {
  const loaded = new Map<string, Promise<unknown>>();
  return {
    tenantId,
    messages,
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      let promise = loaded.get(key) as Promise<T> | undefined;
      if (!promise) {
        promise = load();
        loaded.set(key, promise);
      }
      return promise;
    },
  };
}

/**
 * What choosing a channel and queueing a message may read: the database (or the caller's
 * transaction), the configuration and the modules (templates, subjects, accounts, channels).
 */
export interface ChannelContext {
  db: DbOrTx;
  config: AppContext['config'];
  modules: AppContext['modules'];
}

declare module '../../platform/modules/module-manifest' {
  interface ModuleExtensions {
    /** The ways out; a channel without an adapter is never chosen. */
    messageChannels: readonly ChannelAdapter[];
  }
}

/** Every way out the modules registered (messaging registers e-mail, portal, letters and SMS). */
export function channelAdaptersOf(ctx: Pick<AppContext, 'modules'>): ChannelAdapter[] {
  return ctx.modules.extensions('messageChannels').flat();
}

export function adapterFor(
  channel: OutboundChannel,
  adapters: readonly ChannelAdapter[],
): ChannelAdapter | undefined {
  return adapters.find((adapter) => adapter.channel === channel);
}

export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}
