import type { TenantSettings } from './organisation.tables';

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
