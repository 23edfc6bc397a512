import { type DigitalChannel, digitalChannels } from '../../../common/messaging';
import { type Cents, centsFromEuros } from '../../../common/money';
import type { RequestChannel as ContactChannel } from '../../../common/requests';
import type { TenantSettings } from './organisation.tables';

/** The channels a request can come in or an answer go out through. */
export {
  requestChannels as contactChannels,
  type RequestChannel as ContactChannel,
} from '../../../common/requests';
export { digitalChannels, type DigitalChannel } from '../../../common/messaging';

/** Unit costs per channel in cents (town-hall figures: counter 12 €, online 3 €, letter 2,70 €). */
export const defaultTenantSettings: TenantSettings = {
  unitCostsCents: { counter: 1200, phone: 500, web: 300, api: 300, email: 0, sms: 5, letter: 270 },
  defaultDeadlineDays: 15,
  autoCloseDays: 15,
  channelOrder: [...digitalChannels],
};

/** A settings document as stored: possibly still with the unit costs in euros of before migration 0010. */
export type StoredTenantSettings = Partial<TenantSettings> & { unitCosts?: Record<string, number> };

export function withDefaultSettings(settings: StoredTenantSettings | undefined): TenantSettings {
  const { unitCosts: legacyUnitCosts, ...current } = settings ?? {};
  return {
    ...defaultTenantSettings,
    ...current,
    unitCostsCents: {
      ...defaultTenantSettings.unitCostsCents,
      ...centsOfLegacyUnitCosts(legacyUnitCosts),
      ...current.unitCostsCents,
    },
    channelOrder: completeChannelOrder(current.channelOrder),
  };
}

/** Unit costs in euros, as a document written before migration 0010 holds them, in cents. */
function centsOfLegacyUnitCosts(unitCosts: Record<string, unknown> | undefined): Record<string, Cents> {
  return Object.fromEntries(
    Object.entries(unitCosts ?? {})
      .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]))
      .map(([channel, euros]) => [channel, centsFromEuros(euros)]),
  );
}

/**
 * A town's order of digital channels, made whole: unknown or repeated entries are dropped and the
 * missing channels follow in the default order (so a setting saved before a channel existed still
 * reaches everyone).
 */
export function completeChannelOrder(order: readonly string[] | undefined): DigitalChannel[] {
  const known = (order ?? []).filter((channel): channel is DigitalChannel =>
    (digitalChannels as readonly string[]).includes(channel),
  );
  return [...new Set([...known, ...digitalChannels])];
}

/** What an administrator may change; `null` removes an optional contact field. */
export interface TenantSettingsChanges {
  unitCostsCents?: Partial<Record<ContactChannel, Cents>>;
  defaultDeadlineDays?: number;
  autoCloseDays?: number;
  channelOrder?: DigitalChannel[];
  contactEmail?: string | null;
  contactPhone?: string | null;
  postalAddress?: string | null;
}

const optionalContactFields = ['contactEmail', 'contactPhone', 'postalAddress'] as const;

/** `current` with `changes` applied: unit costs merge per channel, absent fields stay as they are. */
export function mergeTenantSettings(
  current: StoredTenantSettings,
  changes: TenantSettingsChanges,
): TenantSettings {
  const settings = withDefaultSettings(current);
  const merged: TenantSettings = {
    ...settings,
    unitCostsCents: { ...settings.unitCostsCents, ...changes.unitCostsCents },
  };
  if (changes.defaultDeadlineDays !== undefined) merged.defaultDeadlineDays = changes.defaultDeadlineDays;
  if (changes.autoCloseDays !== undefined) merged.autoCloseDays = changes.autoCloseDays;
  if (changes.channelOrder !== undefined) merged.channelOrder = completeChannelOrder(changes.channelOrder);
  for (const field of optionalContactFields) {
    const value = changes[field];
    if (value === null) delete merged[field];
    else if (value !== undefined) merged[field] = value;
  }
  return merged;
}
