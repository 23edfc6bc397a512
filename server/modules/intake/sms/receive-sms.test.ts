import { describe, expect, it } from 'vitest';
import {
  formatDeliveryReceipt,
  isDeliveryReceipt,
  parseDeliveryReceipt,
} from '../../messaging/sms/delivery-receipt';
import { canReceiveSms, normalisePhoneNumber, storedFormsOf } from '../../messaging/sms/phone-number';
import { isStartMessage, isStopMessage } from './receive-sms';

describe('normalisePhoneNumber', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['33612345678', '+33612345678'],
    ['+330612345678', '+33612345678'],
    ['01 23 45 67 89', '+33123456789'],
    ['0692 12 34 56', '+262692123456'],
    ['0690 12 34 56', '+590690123456'],
    ['0696123456', '+596696123456'],
    ['+44 7911 123456', '+447911123456'],
  ])('%s → %s', (input, expected) => {
    expect(normalisePhoneNumber(input)).toBe(expected);
  });

  it.each([
    '',
    'abc',
    '12345',
    '06 12 34',
    '+33 6 12 34 56 78 9',
    '0012',
    'MAIRIE',
    '+0612345678',
    '6 12 34 56 78',
  ])('refuses %j', (input) => {
    expect(normalisePhoneNumber(input)).toBeUndefined();
  });

  it('tells mobiles from landlines', () => {
    expect(canReceiveSms('+33612345678')).toBe(true);
    expect(canReceiveSms('+33712345678')).toBe(true);
    expect(canReceiveSms('+33123456789')).toBe(false);
    expect(canReceiveSms('+33912345678')).toBe(false);
    expect(canReceiveSms('+262692123456')).toBe(true);
    expect(canReceiveSms('+262262123456')).toBe(false);
    expect(canReceiveSms('+447911123456')).toBe(true);
  });

  it('lists the stored forms a number may have been typed in', () => {
    expect(storedFormsOf('+33612345678')).toEqual(
      expect.arrayContaining(['+33612345678', '33612345678', '0033612345678', '0612345678']),
    );
    expect(storedFormsOf('+262692123456')).toContain('0692123456');
  });
});

describe('delivery receipts', () => {
  it('recognises the receipt flag of esm_class', () => {
    expect(isDeliveryReceipt(0x04)).toBe(true);
    expect(isDeliveryReceipt(0x44)).toBe(true);
    expect(isDeliveryReceipt(0x00)).toBe(false);
    expect(isDeliveryReceipt(0x40)).toBe(false);
    expect(isDeliveryReceipt(0x08)).toBe(false);
  });

  it('parses the SMPP 3.4 appendix B text', () => {
    const text =
      'id:0123456789 sub:001 dlvrd:001 submit date:2611291330 done date:2611291331 stat:DELIVRD err:000 text:Bonjour';
    expect(parseDeliveryReceipt({ text })).toEqual({
      messageId: '0123456789',
      stat: 'DELIVRD',
      outcome: 'delivered',
      error: null,
    });
    const failed = parseDeliveryReceipt({
      text: 'id:abc sub:001 dlvrd:000 submit date:2611291330 done date:2611291331 stat:UNDELIV err:034 text:',
    });
    expect(failed).toMatchObject({ messageId: 'abc', outcome: 'failed' });
    expect(failed!.error).toContain('non distribuable');
    expect(failed!.error).toContain('err 034');
    expect(parseDeliveryReceipt({ text: 'id:x stat:EXPIRED' })).toMatchObject({ outcome: 'failed' });
    expect(parseDeliveryReceipt({ text: 'id:x stat:ACCEPTD' })).toMatchObject({ outcome: 'pending' });
    expect(parseDeliveryReceipt({ text: 'no receipt here' })).toBeUndefined();
  });

  it('prefers the receipted_message_id and message_state TLVs', () => {
    expect(
      parseDeliveryReceipt({ text: 'id:old stat:DELIVRD', receiptedMessageId: 'tlv-id', messageState: 5 }),
    ).toMatchObject({ messageId: 'tlv-id', stat: 'UNDELIV', outcome: 'failed' });
  });

  it('reads back what the test SMSC writes', () => {
    const text = formatDeliveryReceipt({
      messageId: 'smsc000001',
      stat: 'DELIVRD',
      submitted: new Date('2026-11-29T13:30:00Z'),
      done: new Date('2026-11-29T13:31:00Z'),
      text: 'Votre demande',
    });
    expect(text).toContain('submit date:2611291330');
    expect(parseDeliveryReceipt({ text })).toMatchObject({ messageId: 'smsc000001', outcome: 'delivered' });
  });
});

describe('STOP and START keywords', () => {
  it.each(['STOP', 'stop', 'Stop', ' STOP ', 'STOP.', 'stop sms', 'STOP SMS', 'Arrêt', 'arret', '« STOP »'])(
    '%j opts out',
    (text) => {
      expect(isStopMessage(text)).toBe(true);
    },
  );

  it.each(['STOP au bruit du bar', 'stoppez les travaux', 'Merci', 'START'])(
    '%j does not opt out',
    (text) => {
      expect(isStopMessage(text)).toBe(false);
    },
  );

  it('recognises START', () => {
    expect(isStartMessage('start')).toBe(true);
    expect(isStartMessage('Stop')).toBe(false);
  });
});
