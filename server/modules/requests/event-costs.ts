import { centsFromEuros } from '../../../common/money';

/**
 * Timeline events written before migration 0010 carry their amount in euros (`created`:
 * `unitCost`, `message_status`: `cost`); events are never rewritten, so the reader converts.
 */
const legacyEuroFields: Record<string, { euros: string; cents: string }> = {
  created: { euros: 'unitCost', cents: 'unitCostCents' },
  message_status: { euros: 'cost', cents: 'costCents' },
};

/** An event's data with its amount in cents, whichever way it was stored. */
export function eventDataInCents(type: string, data: Record<string, unknown>): Record<string, unknown> {
  const fields = legacyEuroFields[type];
  if (!fields || !(fields.euros in data)) return data;
  const { [fields.euros]: euros, ...rest } = data;
  if (fields.cents in rest) return rest;
  return {
    ...rest,
    [fields.cents]: typeof euros === 'number' && Number.isFinite(euros) ? centsFromEuros(euros) : null,
  };
}
