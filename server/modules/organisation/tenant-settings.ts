import type { TenantSettings } from './organisation.tables';

/** The channels a request can come in or an answer go out through. */
export const contactChannels = ['web', 'email', 'sms', 'phone', 'counter', 'letter', 'api'] as const;
export type ContactChannel = (typeof contactChannels)[number];

/** Unit costs per channel in euros (town-hall figures: counter €12, online €3, letter €2.70). */
export const defaultTenantSettings: TenantSettings = {
  unitCosts: { counter: 12, phone: 5, web: 3, api: 3, email: 0, sms: 0.05, letter: 2.7 },
  defaultDeadlineDays: 15,
  autoCloseDays: 15,
};

export function withDefaultSettings(settings: Partial<TenantSettings> | undefined): TenantSettings {
  return {
    ...defaultTenantSettings,
    ...settings,
    unitCosts: { ...defaultTenantSettings.unitCosts, ...settings?.unitCosts },
  };
}

/** What an administrator may change; `null` removes an optional contact field. */
export interface TenantSettingsChanges {
  unitCosts?: Partial<Record<ContactChannel, number>>;
  defaultDeadlineDays?: number;
  autoCloseDays?: number;
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
  for (const field of optionalContactFields) {
    const value = changes[field];
    if (value === null) delete merged[field];
    else if (value !== undefined) merged[field] = value;
  }
  return merged;
}
