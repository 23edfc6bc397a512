import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../app-context';
import { secretBoxOf } from '../../../platform/crypto/secret-box';
import type { DbOrTx } from '../../../platform/db/client';
import { AppError } from '../../../platform/http/app-error';
import { type ChannelSettingKind, channelSettingKinds, channelSettings } from '../messaging.tables';
import type { ChannelConfigs, ChannelSettingViewT } from './channel-settings.schemas';
import { requireAgentRole, type Principal } from '../../../platform/auth/principal';

type ChannelSettingRow = typeof channelSettings.$inferSelect;

function toView(kind: ChannelSettingKind, row: ChannelSettingRow | undefined): ChannelSettingViewT {
  return {
    kind,
    configured: row !== undefined,
    isEnabled: row?.isEnabled ?? false,
    // Both columns hold what the schemas allowed in: a configuration of strings and numbers, and
    // the IMAP poller's ImapPollStatus.
    config: (row?.config ?? {}) as ChannelSettingViewT['config'],
    hasSecret: Boolean(row?.secretCiphertext),
    updatedAt: row?.updatedAt.toISOString() ?? null,
    pollStatus: (row?.pollStatus ?? null) as ChannelSettingViewT['pollStatus'],
  };
}

async function findRow(db: DbOrTx, tenantId: string, kind: ChannelSettingKind) {
  const [row] = await db
    .select()
    .from(channelSettings)
    .where(and(eq(channelSettings.tenantId, tenantId), eq(channelSettings.kind, kind)))
    .limit(1);
  return row;
}

/** Every kind of channel, configured or not; secrets never leave the server (only `hasSecret`). */
export async function listChannelSettings(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal,
): Promise<ChannelSettingViewT[]> {
  const { tenantId } = principal;
  const rows = await ctx.db.select().from(channelSettings).where(eq(channelSettings.tenantId, tenantId));
  return channelSettingKinds.map((kind) =>
    toView(
      kind,
      rows.find((row) => row.kind === kind),
    ),
  );
}

export interface SaveChannelSettingsInput<K extends ChannelSettingKind> {
  kind: K;
  config: ChannelConfigs[K];
  /** Empty or undefined: keep the saved secret. */
  secret?: string;
  clearSecret?: boolean;
  isEnabled?: boolean;
}

/** Saves one kind's settings; the secret is sealed (AES-256-GCM) before it reaches the database. */
export async function saveChannelSettings<K extends ChannelSettingKind>(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  principal: Principal,
  input: SaveChannelSettingsInput<K>,
): Promise<ChannelSettingViewT> {
  const tenantId = principal.tenantId;
  const updatedById = requireAgentRole(principal, ['admin']).id;
  const now = ctx.clock.now();
  const sealed = input.secret ? secretBoxOf(ctx.config).seal(input.secret) : undefined;
  const secretChange: { secretCiphertext?: string | null } = input.clearSecret
    ? { secretCiphertext: null }
    : sealed !== undefined
      ? { secretCiphertext: sealed }
      : {};
  const values = {
    config: input.config as unknown as Record<string, unknown>,
    isEnabled: input.isEnabled ?? true,
    // What was learnt with the former settings says nothing about the new ones.
    pollStatus: null,
    updatedById: updatedById,
    updatedAt: now,
  };
  const [row] = await ctx.db
    .insert(channelSettings)
    .values({ tenantId: tenantId, kind: input.kind, ...values, ...secretChange })
    .onConflictDoUpdate({
      target: [channelSettings.tenantId, channelSettings.kind],
      set: { ...values, ...secretChange },
    })
    .returning();
  return toView(input.kind, row);
}

export interface ChannelSettingsWithSecret<K extends ChannelSettingKind> {
  kind: K;
  config: ChannelConfigs[K];
  /** The opened secret, or null when none is saved. */
  secret: string | null;
  isEnabled: boolean;
}

/**
 * A town's settings for one channel with the secret opened, for the adapters that connect with
 * them (SMTP, IMAP, SMPP, SMS gateway); undefined when the administrator saved none. Throws
 * SecretBoxError when `SECRETS_KEY` changed since the secret was saved.
 */
export async function readChannelSettings<K extends ChannelSettingKind>(
  ctx: { db: DbOrTx; config: AppContext['config'] },
  tenantId: string,
  kind: K,
): Promise<ChannelSettingsWithSecret<K> | undefined> {
  const row = await findRow(ctx.db, tenantId, kind);
  if (!row) return undefined;
  return {
    kind,
    config: row.config as unknown as ChannelConfigs[K],
    secret: row.secretCiphertext ? secretBoxOf(ctx.config).open(row.secretCiphertext) : null,
    isEnabled: row.isEnabled,
  };
}

export function requireChannelSettings<K extends ChannelSettingKind>(
  settings: ChannelSettingsWithSecret<K> | undefined,
): ChannelSettingsWithSecret<K> {
  if (!settings) {
    throw new AppError('CHANNEL_NOT_CONFIGURED', 'Save the settings of this channel before testing them.');
  }
  return settings;
}
