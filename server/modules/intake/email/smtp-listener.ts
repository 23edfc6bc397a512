import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import type { AppContext } from '../../../app-context';
import { systemPrincipal } from '../../../platform/auth/principal';
import type { ModuleService } from '../../../platform/modules/module-manifest';
import { findDefaultTenant, findTenantByHost } from '../../organisation';
import { receiveEmail } from './receive-email';

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

export interface SmtpListenerOptions {
  port: number;
  host: string;
  log?: { info(object: unknown, message?: string): void; error(object: unknown, message?: string): void };
}

/** An SMTP reply with its code (smtp-server reads `responseCode`). */
function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/** How much of an oversized message is kept, to record its headers. */
const oversizedHeadBytes = 256 * 1024;

/**
 * The town a message is for: a tenant one of whose host names is the domain of a recipient
 * (`mairie@ville.example.fr`, `reply+…@ville.example.fr`), else the default tenant.
 */
export async function tenantOfRecipients(ctx: AppContext, recipients: string[]) {
  for (const recipient of recipients) {
    const domain = recipient.slice(recipient.lastIndexOf('@') + 1).toLowerCase();
    if (!domain) continue;
    const tenant = await findTenantByHost(ctx.db, domain);
    if (tenant) return tenant;
  }
  return findDefaultTenant(ctx.db);
}

function envelopeOf(session: SMTPServerSession) {
  const mailFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
  return { mailFrom, rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()) };
}

/**
 * smtp-server's TLS options from the configuration: STARTTLS offered with the town's certificate
 * (`SMTP_INBOUND_TLS_CERT`/`_KEY`), or TLS from the first byte (`SMTP_INBOUND_SECURE`). Without a
 * certificate STARTTLS is not offered at all: smtp-server would otherwise use its built-in
 * certificate, whose private key is public.
 */
function tlsOptionsOf(config: AppContext['config']): Partial<SMTPServerOptions> {
  if (!config.smtpInboundTls) return { disabledCommands: ['AUTH', 'STARTTLS'] };
  return {
    disabledCommands: ['AUTH'],
    secure: config.smtpInboundSecure,
    cert: config.smtpInboundTls.cert,
    key: config.smtpInboundTls.key,
    // smtp-server accepts TLS 1.0 by default for old clients; mail servers speak 1.2 at least now.
    minVersion: 'TLSv1.2',
  };
}

/**
 * The built-in SMTP listener for citizens' mail (`SMTP_INBOUND_PORT`): no authentication (it
 * receives, it never relays), the size limit advertised (RFC 1870) and enforced at DATA with
 * 552, each message handed to `receiveEmail`. A message is acknowledged (250) only once it is
 * recorded; a failure answers 451 so that the sending server tries again later. With a
 * certificate it offers STARTTLS (or speaks TLS from the start), and with
 * `SMTP_INBOUND_REQUIRE_TLS` it refuses MAIL FROM on a connection still in clear text (530).
 */
export async function startSmtpListener(
  ctx: AppContext,
  options: SmtpListenerOptions,
): Promise<SmtpListener> {
  const maxBytes = ctx.config.inboundMaxBytes;
  const requireTls = ctx.config.smtpInboundRequireTls && ctx.config.smtpInboundTls !== undefined;
  const server = new SMTPServer({
    name: new URL(ctx.config.publicUrl).hostname,
    banner: 'Guichet',
    size: maxBytes,
    authOptional: true,
    ...tlsOptionsOf(ctx.config),
    disableReverseLookup: true,
    logger: false,
    onMailFrom(_address, session, callback) {
      if (requireTls && !session.secure) {
        return callback(smtpError(530, 'Must issue a STARTTLS command first'));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let kept = 0;
      let total = 0;
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        // Past the limit only the head is kept (its headers are recorded); the rest is drained.
        const limit = total > maxBytes ? oversizedHeadBytes : maxBytes;
        if (kept < limit) {
          const part = chunk.subarray(0, limit - kept);
          chunks.push(part);
          kept += part.length;
        }
      });
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        const envelope = envelopeOf(session);
        const oversized = stream.sizeExceeded || total > maxBytes;
        const raw = Buffer.concat(chunks);
        void (async () => {
          const tenant = await tenantOfRecipients(ctx, envelope.rcptTo);
          if (!tenant) throw smtpError(550, 'No town receives mail here');
          const result = await receiveEmail(ctx, systemPrincipal(tenant.id, 'smtp-listener'), {
            source: 'smtp',
            raw: oversized ? raw.subarray(0, oversizedHeadBytes) : raw,
            sizeBytes: total,
            envelope,
          });
          options.log?.info(
            { inboundId: result.inboundId, outcome: result.outcome, duplicate: result.duplicate },
            'inbound e-mail',
          );
          if (oversized) throw smtpError(552, `Message exceeds the maximum size of ${maxBytes} bytes`);
        })().then(
          () => callback(),
          (error: Error & { responseCode?: number }) => {
            if (error.responseCode) return callback(error);
            options.log?.error({ err: error }, 'inbound e-mail could not be recorded');
            callback(smtpError(451, 'Temporary failure, please try again later'));
          },
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => options.log?.error({ err: error }, 'SMTP listener error'));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The inbound SMTP listener as a module service: on every instance where SMTP_INBOUND_PORT is set. */
export const smtpListenerService: ModuleService = {
  name: 'smtp-listener',
  withWorker: false,
  async start(ctx, log) {
    const { config } = ctx;
    if (config.smtpInboundPort === undefined) return null;
    const listener = await startSmtpListener(ctx, {
      port: config.smtpInboundPort,
      host: config.smtpInboundHost,
      log,
    });
    const tls = config.smtpInboundTls
      ? config.smtpInboundSecure
        ? ', implicit TLS'
        : `, STARTTLS${config.smtpInboundRequireTls ? ' required' : ' offered'}`
      : ', no TLS';
    return {
      summary: [`  inbound e-mail: SMTP on ${config.smtpInboundHost}:${listener.port}${tls}`],
      stop: () => listener.close(),
    };
  },
};
