import { describe, expect, it } from 'vitest';
import { eventDataInCents } from './event-costs';

describe('eventDataInCents', () => {
  it('reads the unit cost in euros of a created event written before cents, in cents', () => {
    expect(eventDataInCents('created', { channel: 'letter', unitCost: 2.7 })).toEqual({
      channel: 'letter',
      unitCostCents: 270,
    });
    expect(eventDataInCents('created', { channel: 'sms', unitCost: 0.15000000000000002 })).toEqual({
      channel: 'sms',
      unitCostCents: 15,
    });
    expect(eventDataInCents('created', { channel: 'web', unitCost: null })).toEqual({
      channel: 'web',
      unitCostCents: null,
    });
  });

  it('reads the cost in euros of an old message_status event in cents', () => {
    expect(eventDataInCents('message_status', { status: 'sent', cost: 0.05 })).toEqual({
      status: 'sent',
      costCents: 5,
    });
  });

  it('leaves events already in cents, and events of other types, as they are', () => {
    const created = { channel: 'counter', unitCostCents: 1200 };
    expect(eventDataInCents('created', created)).toBe(created);
    const status = { status: 'failed', channel: null };
    expect(eventDataInCents('message_status', status)).toBe(status);
    const note = { cost: 12 };
    expect(eventDataInCents('internal_note', note)).toBe(note);
  });
});
