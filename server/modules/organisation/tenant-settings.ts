import { digitalChannels, type DigitalChannel } from '../../../common/messaging';
import type { RequestChannel as ContactChannel } from '../../../common/requests';
import type { TenantSettings } from './organisation.tables';

/** The channels a request can come in or an answer go out through. */
export {
  requestChannels as contactChannels,
  type RequestChannel as ContactChannel,
} from '../../../common/requests';
export { digitalChannels, type DigitalChannel } from '../../../common/messaging';

/** Unit costs per channel in euros (town-hall figures: counter €12, online €3, letter €2.70). */
export const defaultTenantSettings: TenantSettings = {
  unitCosts: { counter: 12, phone: 5, web: 3, api: 3, email: 0, sms: 0.05, letter: 2.7 },
  defaultDeadlineDays: 15,
  autoCloseDays: 15,
  channelOrder: [...digitalChannels],
};

export function withDefaultSettings(settings: Partial<TenantSettings> | undefined): TenantSettings {
  return {
    ...defaultTenantSettings,
    ...settings,
    unitCosts: { ...defaultTenantSettings.unitCosts, ...settings?.unitCosts },
    channelOrder: completeChannelOrder(settings?.channelOrder),
  };
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
  unitCosts?: Partial<Record<ContactChannel, number>>;
  defaultDeadlineDays?: number;
  autoCloseDays?: number;
  channelOrder?: DigitalChannel[];
  contactEmail?: string | null;
  contactPhone?: string | null;
  postalAddress?: string | null;
}

const optionalContactFields = ['contactEmail', 'contactPhone', 'postalAddress'] as const;

/** `current` with `changes` applied: unit costs merge per channel, absent fields stay as they are. */
export function mergeTenantSettings(current: TenantSettings, changes: TenantSettingsChanges): TenantSettings {
  const merged: TenantSettings = withDefaultSettings({
    ...current,
    unitCosts: { ...current.unitCosts, ...changes.unitCosts },
  });
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
