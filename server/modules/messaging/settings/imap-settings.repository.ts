import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import { channelSettings } from '../messaging.tables';

/**
 * What the IMAP poller last did with a town's saved mailbox, kept in the `imap` channel settings'
 * `poll_status` (the settings screen receives it with the settings). A save clears it until the
 * next poll of the new settings.
 */
export interface ImapPollStatus {
  /** When the poller last tried the mailbox (ISO 8601). */
  lastAttemptAt: string;
  /** When a poll last worked. */
  lastSuccessAt: string | null;
  /** Why the last poll failed, in French for the administrator; null when it worked. */
  lastError: string | null;
  /** Failed polls in a row; the poller waits longer after each one (up to an hour). */
  consecutiveFailures: number;
  /** After failures, when the poller tries again; null when it polls at every cycle. */
  nextAttemptAt: string | null;
  /** Messages the last poll handled, and those it could not record (left unseen, tried again). */
  lastProcessed: number;
  lastFailed: number;
}

/** A town's enabled `imap` settings, with when they were saved (to recognise them later). */
export async function findEnabledImapSettings(
  db: DbOrTx,
  onlyTenantIds?: readonly string[],
): Promise<{ tenantId: string; savedAt: Date }[]> {
  return db
    .select({ tenantId: channelSettings.tenantId, savedAt: channelSettings.updatedAt })
    .from(channelSettings)
    .where(
      and(
        eq(channelSettings.kind, 'imap'),
        eq(channelSettings.isEnabled, true),
        onlyTenantIds ? inArray(channelSettings.tenantId, [...onlyTenantIds]) : undefined,
      ),
    );
}

/**
 * Merges `status` into the saved settings' `poll_status`, only while they are still the ones saved
 * at `savedAt` (a poll with settings the administrator has just replaced says nothing about the
 * new ones). `updated_at` is left alone: it tells when an administrator saved. False when the
 * settings changed or are gone.
 */
export async function recordImapPollStatus(
  db: DbOrTx,
  target: { tenantId: string; savedAt: Date },
  status: Partial<ImapPollStatus>,
): Promise<boolean> {
  const rows = await db
    .update(channelSettings)
    .set({
      pollStatus: sql`coalesce(${channelSettings.pollStatus}, '{}'::jsonb) || ${JSON.stringify(status)}::jsonb`,
    })
    .where(
      and(
        eq(channelSettings.tenantId, target.tenantId),
        eq(channelSettings.kind, 'imap'),
        // Dates come back with milliseconds only (the database keeps microseconds): compare at that.
        sql`abs(extract(epoch from ${channelSettings.updatedAt} - ${target.savedAt.toISOString()}::timestamptz)) < 0.001`,
      ),
    )
    .returning({ tenantId: channelSettings.tenantId });
  return rows.length > 0;
}
