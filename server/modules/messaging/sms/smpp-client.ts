import smpp, { type PDU, type Session } from 'smpp';

/**
 * One SMPP transceiver session to the SMSC (the `smpp` package): bind_transceiver with the system
 * id and password of `SMPP_URL`, reconnects with exponential backoff when the link drops or the
 * bind is refused, answers enquire_link, hands every deliver_sm (receipts and mobile-originated
 * messages) to `onDeliver` and answers it only once that succeeded (an error answers
 * ESME_RSYSERR, or ESME_RX_T_APPN when asked, so the SMSC delivers it again), and unbinds on stop.
 */

export interface SmppLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface SmppClientOptions {
  /** `smpp://systemid:password@host:2775` (or `ssmpp://` for TLS). */
  url: string;
  log?: SmppLog;
  /** Throw `RetryLaterError` to have the SMSC deliver it again later; any other error too. */
  onDeliver?: (pdu: PDU) => Promise<void>;
  /** How long a submit waits for a bound session before giving up (transient error). */
  bindWaitMs?: number;
  /** How long a submit_sm waits for its submit_sm_resp. */
  responseTimeoutMs?: number;
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  enquireLinkMs?: number;
}

/** The SMSC refused a PDU: `status` is the SMPP command_status. */
export class SmppStatusError extends Error {
  override name = 'SmppStatusError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown by `onDeliver` when a deliver_sm should come again later (ESME_RX_T_APPN). */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError';
}

/** ESME_RX_T_APPN: temporary application error, the SMSC retries the deliver_sm. */
const esmeRxTAppn = 0x64;

/** command_status values after which retrying the same message cannot help. */
export const permanentSmppStatuses = new Set([
  0x0a, // ESME_RINVSRCADR
  0x0b, // ESME_RINVDSTADR
  0x01, // ESME_RINVMSGLEN
  0x48, // ESME_RINVSRCTON
  0x49, // ESME_RINVSRCNPI
  0x50, // ESME_RINVDSTTON
  0x51, // ESME_RINVDSTNPI
  0x62, // ESME_RINVEXPIRY
  0x67, // ESME_RPROHIBITED (SMPP 5.0: operation prohibited)
]);

function describeStatus(status: number): string {
  const names: Record<number, string> = {
    0x01: 'longueur de message invalide',
    0x08: 'erreur système du SMSC',
    0x0a: 'émetteur invalide',
    0x0b: 'destinataire invalide',
    0x0d: 'authentification refusée',
    0x14: 'file du SMSC pleine',
    0x45: 'envoi refusé',
    0x58: 'débit dépassé',
  };
  return `${names[status] ?? 'refus du SMSC'} (command_status 0x${status.toString(16).padStart(8, '0')})`;
}

interface Pending {
  reject(error: Error): void;
}

export class SmppClient {
  private session: Session | undefined;
  private bound = false;
  private stopping = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private lastError = 'pas encore connecté';
  private readonly bindWaiters = new Set<{ resolve(session: Session): void; reject(error: Error): void }>();
  private readonly pending = new Set<Pending>();
  private readonly url: URL;

  constructor(private readonly options: SmppClientOptions) {
    this.url = new URL(options.url);
  }

  get isBound(): boolean {
    return this.bound;
  }

  start(): void {
    if (this.session || this.stopping) return;
    this.connect();
  }

  private log(level: 'info' | 'warn', message: string) {
    this.options.log?.[level](`smpp: ${message}`);
  }

  private connect() {
    this.reconnectTimer = undefined;
    const tls = this.url.protocol === 'ssmpp:';
    const session = smpp.connect({
      host: this.url.hostname,
      port: Number(this.url.port) || (tls ? 3550 : 2775),
      tls,
      auto_enquire_link_period: this.options.enquireLinkMs ?? 30_000,
    });
    this.session = session;
    session.on(tls ? 'secureConnect' : 'connect', () => {
      session.bind_transceiver(
        {
          system_id: decodeURIComponent(this.url.username),
          password: decodeURIComponent(this.url.password),
          interface_version: 0x34,
        },
        (response) => {
          if (response.command_status !== 0) {
            this.lastError = `bind refusé : ${describeStatus(response.command_status)}`;
            this.log('warn', this.lastError);
            session.destroy();
            return;
          }
          this.bound = true;
          this.attempt = 0;
          this.log('info', `bound to ${this.url.hostname}:${this.url.port}`);
          for (const waiter of this.bindWaiters) waiter.resolve(session);
          this.bindWaiters.clear();
        },
      );
    });
    session.on('deliver_sm', (pdu: PDU) => this.handleDeliver(session, pdu));
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('error', (error: Error) => {
      this.lastError = error.message;
    });
    session.on('close', () => {
      if (this.session !== session) return;
      if (this.bound) this.lastError = 'connexion fermée';
      this.bound = false;
      this.session = undefined;
      const lost = new Error(
        `Connexion au SMSC perdue (${this.lastError}) ; l’issue de l’envoi est inconnue.`,
      );
      for (const pending of this.pending) pending.reject(lost);
      this.pending.clear();
      if (this.stopping) return;
      const initial = this.options.reconnectInitialMs ?? 1_000;
      const delay = Math.min(initial * 2 ** this.attempt, this.options.reconnectMaxMs ?? 60_000);
      this.attempt += 1;
      this.log('warn', `link closed (${this.lastError}); reconnecting in ${delay} ms`);
      this.reconnectTimer = setTimeout(() => this.connect(), delay);
      this.reconnectTimer.unref();
    });
  }

  private handleDeliver(session: Session, pdu: PDU) {
    const handler = this.options.onDeliver ?? (async () => undefined);
    handler(pdu).then(
      () => session.send(pdu.response()),
      (error: unknown) => {
        this.log('warn', `deliver_sm not processed: ${(error as Error).message}`);
        session.send(
          pdu.response({
            command_status: error instanceof RetryLaterError ? esmeRxTAppn : smpp.ESME_RSYSERR,
          }),
        );
      },
    );
  }

  /** The bound session, waiting for it up to `bindWaitMs`; a transient error when it does not come. */
  private whenBound(): Promise<Session> {
    if (this.stopping) return Promise.reject(new Error('Client SMPP arrêté.'));
    if (this.bound && this.session) return Promise.resolve(this.session);
    this.start();
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: (session: Session) => {
          clearTimeout(timer);
          resolve(session);
        },
        reject: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.bindWaiters.delete(waiter);
        reject(new Error(`SMSC injoignable : ${this.lastError}`));
      }, this.options.bindWaitMs ?? 10_000);
      this.bindWaiters.add(waiter);
    });
  }

  /** Sends one submit_sm and resolves with the SMSC's message id. */
  async submit(fields: Record<string, unknown>): Promise<string> {
    const session = await this.whenBound();
    return new Promise<string>((resolve, reject) => {
      const entry: Pending = {
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.pending.delete(entry);
        reject(new Error('Pas de réponse du SMSC à submit_sm ; l’issue de l’envoi est inconnue.'));
      }, this.options.responseTimeoutMs ?? 30_000);
      this.pending.add(entry);
      const written = session.submit_sm(fields, (response) => {
        clearTimeout(timer);
        this.pending.delete(entry);
        if (response.command_status === 0) resolve(String(response.message_id ?? ''));
        else
          reject(
            new SmppStatusError(response.command_status, `SMSC : ${describeStatus(response.command_status)}`),
          );
      });
      if (!written) {
        clearTimeout(timer);
        this.pending.delete(entry);
        reject(new Error('Connexion au SMSC fermée avant l’envoi.'));
      }
    });
  }

  /** Unbinds (waiting briefly for unbind_resp), closes, and stops reconnecting. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const waiter of this.bindWaiters) waiter.reject(new Error('Client SMPP arrêté.'));
    this.bindWaiters.clear();
    const session = this.session;
    if (!session) return;
    await new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => session.destroy(finish), 2_000);
      session.once('close', finish);
      if (this.bound) {
        const sent = session.unbind(() => session.close());
        if (!sent) session.destroy();
      } else {
        session.destroy();
      }
    });
    this.bound = false;
    this.session = undefined;
  }
}
