/**
 * SMPP delivery receipts (pure). A receipt is a deliver_sm whose esm_class message type is
 * 0x04 (MC delivery receipt); its text follows the de-facto format of SMPP 3.4 appendix B:
 * `id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD
 * err:E text:…`. SMPP 3.4/5.0 also carry the TLVs receipted_message_id and message_state,
 * which win when present.
 */

export type ReceiptOutcome = 'delivered' | 'failed' | 'pending';

export interface DeliveryReceipt {
  messageId: string;
  /** DELIVRD, UNDELIV, EXPIRED, REJECTD, DELETED, ACCEPTD, ENROUTE, UNKNOWN… */
  stat: string;
  outcome: ReceiptOutcome;
  error: string | null;
}

/** esm_class bits 2–5 hold the message type; 0x04 is an MC delivery receipt. */
export function isDeliveryReceipt(esmClass: number): boolean {
  return (esmClass & 0x3c) === 0x04;
}

const statOutcome: Record<string, ReceiptOutcome> = {
  DELIVRD: 'delivered',
  DELIVERED: 'delivered',
  UNDELIV: 'failed',
  UNDELIVERABLE: 'failed',
  EXPIRED: 'failed',
  REJECTD: 'failed',
  REJECTED: 'failed',
  DELETED: 'failed',
  ACCEPTD: 'pending',
  ENROUTE: 'pending',
  SCHEDULED: 'pending',
  UNKNOWN: 'pending',
  SKIPPED: 'failed',
};

/** SMPP message_state (5.0 §4.7.15) to the receipt's stat word. */
const messageStateStat: Record<number, string> = {
  0: 'SCHEDULED',
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
  9: 'SKIPPED',
};

const statLabels: Record<string, string> = {
  UNDELIV: 'non distribuable',
  UNDELIVERABLE: 'non distribuable',
  EXPIRED: 'expiré avant distribution',
  REJECTD: 'refusé par l’opérateur',
  REJECTED: 'refusé par l’opérateur',
  DELETED: 'supprimé par l’opérateur',
  SKIPPED: 'ignoré par l’opérateur',
};

export interface ReceiptInput {
  text: string;
  receiptedMessageId?: string | null;
  messageState?: number | null;
}

/** The receipt's facts, or undefined when the text has no message id. */
export function parseDeliveryReceipt(input: ReceiptInput): DeliveryReceipt | undefined {
  const fields = new Map<string, string>();
  // Keys may contain a space ("submit date"); values run to the next key.
  const pattern =
    /(id|sub|dlvrd|submit date|done date|stat|err|text):\s*(.*?)(?=\s+(?:id|sub|dlvrd|submit date|done date|stat|err|text):|$)/gis;
  for (const match of input.text.matchAll(pattern)) {
    const key = match[1]!.toLowerCase();
    if (!fields.has(key)) fields.set(key, match[2]!.trim());
  }
  const messageId = input.receiptedMessageId?.trim() || fields.get('id');
  if (!messageId) return undefined;
  const stateStat =
    input.messageState !== undefined && input.messageState !== null
      ? messageStateStat[input.messageState]
      : undefined;
  const stat = (stateStat ?? fields.get('stat') ?? 'UNKNOWN').toUpperCase();
  const outcome = statOutcome[stat] ?? 'pending';
  const err = fields.get('err');
  const error =
    outcome === 'failed'
      ? `SMS ${statLabels[stat] ?? stat.toLowerCase()} (stat ${stat}${err && !/^0+$/.test(err) ? `, err ${err}` : ''})`
      : null;
  return { messageId, stat, outcome, error };
}

/** A receipt text as SMSCs write it (used by the test SMSC). */
export function formatDeliveryReceipt(input: {
  messageId: string;
  stat: string;
  err?: string;
  submitted: Date;
  done: Date;
  text?: string;
}): string {
  const stamp = (date: Date) =>
    [
      date.getUTCFullYear() % 100,
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      date.getUTCHours(),
      date.getUTCMinutes(),
    ]
      .map((part) => String(part).padStart(2, '0'))
      .join('');
  const delivered = input.stat === 'DELIVRD' ? '001' : '000';
  return (
    `id:${input.messageId} sub:001 dlvrd:${delivered} submit date:${stamp(input.submitted)} ` +
    `done date:${stamp(input.done)} stat:${input.stat} err:${input.err ?? '000'} text:${(input.text ?? '').slice(0, 20)}`
  );
}
