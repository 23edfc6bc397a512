/** The part of the `smpp` package (0.5.x, no published types) that Guichet uses. */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer } from 'node:net';

  /** A decoded short_message: the text (or bytes) and the UDH information elements, if any. */
  export interface DecodedMessage {
    message: string | Buffer;
    udh?: Buffer[];
  }

  export class PDU {
    constructor(command: string, options?: Record<string, unknown>);
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
  }

  export class Session extends EventEmitter {
    send(pdu: PDU, responseCallback?: (pdu: PDU) => void, sendCallback?: (pdu: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    connect(): void;
    pause(): void;
    resume(): void;
    socket: import('node:net').Socket;
    bind_transceiver(options: Record<string, unknown>, callback?: (pdu: PDU) => void): boolean;
    submit_sm(options: Record<string, unknown>, callback?: (pdu: PDU) => void): boolean;
    deliver_sm(options: Record<string, unknown>, callback?: (pdu: PDU) => void): boolean;
    unbind(options?: Record<string, unknown> | ((pdu: PDU) => void), callback?: (pdu: PDU) => void): boolean;
    enquire_link(
      options?: Record<string, unknown> | ((pdu: PDU) => void),
      callback?: (pdu: PDU) => void,
    ): boolean;
  }

  export class Server extends NetServer {
    sessions: Session[];
  }

  export interface ConnectOptions {
    url?: string;
    host?: string;
    port?: number;
    auto_enquire_link_period?: number;
    connectTimeout?: number;
    tls?: boolean;
  }

  export function connect(options: ConnectOptions | string, listener?: () => void): Session;
  export function createServer(listener?: (session: Session) => void): Server;
  export function createServer(
    options: Record<string, unknown>,
    listener?: (session: Session) => void,
  ): Server;

  const smpp: {
    connect: typeof connect;
    createServer: typeof createServer;
    PDU: typeof PDU;
    ESME_ROK: number;
    ESME_RSYSERR: number;
    ESME_RINVDSTADR: number;
    ESME_RBINDFAIL: number;
    ESME_RTHROTTLED: number;
    ESME_RINVSRCADR: number;
  };
  export default smpp;
}
