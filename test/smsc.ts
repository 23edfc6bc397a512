import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Session } from 'smpp';
import { formatDeliveryReceipt } from '../server/modules/messaging/sms/delivery-receipt';

/**
 * A test SMSC on loopback, built on the `smpp` package's server: accepts bind_transceiver with
 * one system id and password, records every submit_sm and answers it with a message id (or the
 * status a test chooses), answers enquire_link and unbind, and sends deliver_sm to the bound
 * client: delivery receipts and mobile-originated SMS (single or concatenated with a UDH).
 */

export interface SubmittedSms {
  messageId: string;
  sourceAddr: string;
  sourceAddrTon: number;
  destinationAddr: string;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  /** The text of this part as the SMSC decoded it. */
  text: string;
  /** Concatenation of this part: reference, total, sequence; undefined for a single SMS. */
  concatenation?: { reference: number; total: number; sequence: number };
  submittedAt: Date;
}

export interface TestSmsc {
  port: number;
  /** `smpp://system:password@127.0.0.1:port` */
  url: string;
  submitted: SubmittedSms[];
  binds: number;
  /** unbind requests received (a client that shuts down cleanly sends one). */
  unbinds: number;
  /** The command_status to answer a submit_sm with (default 0, accepted). */
  submitStatus: (pdu: PDU) => number;
  waitForSubmits(count: number, timeoutMs?: number): Promise<SubmittedSms[]>;
  waitForBind(timeoutMs?: number): Promise<void>;
  /** Sends a delivery receipt for a submitted message; resolves with the client's command_status. */
  sendReceipt(
    messageId: string,
    stat: 'DELIVRD' | 'UNDELIV' | 'EXPIRED' | 'REJECTD' | 'ACCEPTD',
    err?: string,
  ): Promise<number>;
  /** Sends a mobile-originated SMS (split into `parts` concatenated parts when > 1). */
  sendMobileOriginated(input: { from: string; to: string; text: string; parts?: number }): Promise<number[]>;
  /** Closes the client's connections (the client should reconnect). */
  dropClients(): void;
  close(): Promise<void>;
}

function concatenationOf(value: unknown) {
  const udh =
    value && typeof value === 'object' && 'udh' in value ? (value as { udh?: Buffer[] }).udh : undefined;
  for (const element of udh ?? []) {
    if (element[0] === 0x00 && element[1] === 3) {
      return { reference: element[2]!, total: element[3]!, sequence: element[4]! };
    }
  }
  return undefined;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (value && typeof value === 'object' && 'message' in value)
    return textOf((value as { message: unknown }).message);
  return '';
}

export async function startTestSmsc(
  options: { systemId?: string; password?: string } = {},
): Promise<TestSmsc> {
  const systemId = options.systemId ?? 'guichet';
  const password = options.password ?? 'secret';
  const bound = new Set<Session>();
  let counter = 0;
  // Unique per SMSC like a real one's ids (tests share one PostgreSQL database across runs).
  const idPrefix = randomBytes(4).toString('hex');
  const submitWaiters: (() => void)[] = [];
  const bindWaiters: (() => void)[] = [];

  const server = smpp.createServer((session: Session) => {
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: PDU) => {
      if (pdu.system_id !== systemId || pdu.password !== password) {
        session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
        session.close();
        return;
      }
      session.send(pdu.response({ system_id: 'TESTSMSC' }));
      bound.add(session);
      smsc.binds += 1;
      for (const waiter of bindWaiters.splice(0)) waiter();
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      smsc.unbinds += 1;
      bound.delete(session);
      session.send(pdu.response());
      session.close();
    });
    session.on('close', () => bound.delete(session));
    session.on('submit_sm', (pdu: PDU) => {
      if (!bound.has(session)) {
        session.send(pdu.response({ command_status: 0x04 })); // ESME_RINVBNDSTS
        return;
      }
      const status = smsc.submitStatus(pdu);
      if (status !== 0) {
        session.send(pdu.response({ command_status: status }));
        return;
      }
      counter += 1;
      const messageId = `${idPrefix}${String(counter).padStart(6, '0')}`;
      smsc.submitted.push({
        messageId,
        sourceAddr: String(pdu.source_addr),
        sourceAddrTon: Number(pdu.source_addr_ton),
        destinationAddr: String(pdu.destination_addr),
        dataCoding: Number(pdu.data_coding),
        esmClass: Number(pdu.esm_class),
        registeredDelivery: Number(pdu.registered_delivery),
        text: textOf(pdu.short_message),
        concatenation: concatenationOf(pdu.short_message),
        submittedAt: new Date(),
      });
      session.send(pdu.response({ message_id: messageId }));
      for (const waiter of submitWaiters.splice(0)) waiter();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  function client(): Session {
    const [session] = bound;
    if (!session) throw new Error('No client is bound to the test SMSC');
    return session;
  }

  function deliver(fields: Record<string, unknown>): Promise<number> {
    return new Promise((resolve, reject) => {
      const sent = client().deliver_sm(fields, (response: PDU) => resolve(response.command_status));
      if (!sent) reject(new Error('The client connection is closed'));
    });
  }

  const smsc: TestSmsc = {
    port,
    url: `smpp://${encodeURIComponent(systemId)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    submitted: [],
    binds: 0,
    unbinds: 0,
    submitStatus: () => 0,
    async waitForSubmits(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (smsc.submitted.length < count) {
        if (Date.now() > deadline)
          throw new Error(`Expected ${count} submit_sm, got ${smsc.submitted.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 200);
          submitWaiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return smsc.submitted.slice(0, count);
    },
    async waitForBind(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (bound.size === 0) {
        if (Date.now() > deadline) throw new Error('No client bound to the test SMSC');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 200);
          bindWaiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    sendReceipt(messageId, stat, err) {
      const submitted = smsc.submitted.find((sms) => sms.messageId === messageId);
      const text = formatDeliveryReceipt({
        messageId,
        stat,
        err,
        submitted: submitted?.submittedAt ?? new Date(),
        done: new Date(),
        text: submitted?.text,
      });
      return deliver({
        source_addr: submitted?.destinationAddr ?? '',
        destination_addr: submitted?.sourceAddr ?? '',
        esm_class: 0x04,
        short_message: text,
      });
    },
    async sendMobileOriginated({ from, to, text, parts = 1 }) {
      if (parts <= 1)
        return [
          await deliver({
            source_addr: from,
            destination_addr: to,
            source_addr_ton: 1,
            esm_class: 0,
            short_message: text,
          }),
        ];
      const size = Math.ceil(text.length / parts);
      const statuses: number[] = [];
      for (let index = 0; index < parts; index += 1) {
        const udh = Buffer.from([0x05, 0x00, 0x03, 0x2a, parts, index + 1]);
        statuses.push(
          await deliver({
            source_addr: from,
            destination_addr: to,
            source_addr_ton: 1,
            esm_class: 0x40,
            short_message: { udh, message: text.slice(index * size, (index + 1) * size) },
          }),
        );
      }
      return statuses;
    },
    dropClients() {
      for (const session of bound) session.destroy();
      bound.clear();
    },
    async close() {
      for (const session of server.sessions) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return smsc;
}
