import { createHash } from 'node:crypto';
import type { AddressObject, ParsedMail } from 'mailparser';
import type { AppContext } from '../../../app-context';
import { systemPrincipal, type Principal } from '../../../platform/auth/principal';
import { runCheckedIf } from '../../../platform/db/tenant-guard';
import type { DbOrTx } from '../../../platform/db/client';
import { AppError } from '../../../platform/http/app-error';
import { findUserByEmail, findUserById } from '../../accounts';
import { sanitizeFileName } from '../../../platform/storage/file-name';
import { sniffBuffer } from '../../../platform/storage/media-type';
import {
  appendCitizenMessage,
  findRequestById,
  findRequestByReference,
  findRequestByTrackingCode,
  isTerminal,
  maxAttachmentsPerRequest,
  recordAttachment,
  type Request,
  requestSubjectType,
  submitRequest,
} from '../../requests';
import { mailDomainOf, parseReplyToken, recordDeliveryStatus, replySecretOf } from '../../messaging';
import type { InboundOutcome } from '../../../../common/messaging';
import { requestIdOfInbound } from '../inbound-subject';
import {
  autoReplyReason,
  deliveryOutcomeOf,
  describeDsnRecipient,
  fitDescription,
  formatBytes,
  htmlToPlainText,
  isDeliveryReportContentType,
  judgeAttachment,
  loopReason,
  messageIdOfReturnedHeaders,
  parseDeliveryStatus,
  replyTokensOf,
  requestSubjectOf,
  stripQuotedReply,
  threadHintsOfSubject,
  type DeliveryReport,
  type HeaderLookup,
} from './inbound-email.rules';
import {
  countRecentFromSender,
  findInboundByExternalId,
  insertInboundMessage,
  keepRawOf,
  notePendingFailure,
  settleInboundMessage,
  type InboundMessage,
} from '../inbound.repository';
import { transaction } from '../../../platform/db/transaction';

export interface ReceiveEmailInput {
  source: 'smtp' | 'imap';
  raw: Buffer;
  /**
   * The whole message's size when `raw` is only its head (the SMTP listener stops keeping bytes
   * past the limit): such a message is recorded as rejected from its headers.
   */
  sizeBytes?: number;
  /** The SMTP envelope when known: `mailFrom` '' is the null sender `<>`. */
  envelope?: { mailFrom: string | null; rcptTo: string[] };
}

export interface ReceiveEmailResult {
  inboundId: string;
  outcome: Exclude<InboundOutcome, 'pending'>;
  reason: string | null;
  requestId: string | null;
  /** The same message (same Message-ID) was already handled: nothing was done again. */
  duplicate: boolean;
}

/** Another process settled the message first: the transaction that noticed it is rolled back. */
class AlreadySettledError extends Error {}

function firstAddress(address: AddressObject | AddressObject[] | undefined) {
  const list = Array.isArray(address) ? address : address ? [address] : [];
  for (const item of list) {
    for (const entry of item.value) {
      if (entry.address) return { address: entry.address.toLowerCase(), name: entry.name?.trim() ?? '' };
    }
  }
  return null;
}

function addressesOf(address: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(address) ? address : address ? [address] : [];
  return list.flatMap((item) =>
    item.value.flatMap((entry) => (entry.address ? [entry.address.toLowerCase()] : [])),
  );
}

/** Raw header values by lower-case name (the first occurrence), from mailparser's header lines. */
function headerLookupOf(parsed: ParsedMail): HeaderLookup {
  const values = new Map<string, string>();
  for (const { key, line } of parsed.headerLines) {
    if (values.has(key)) continue;
    const colon = line.indexOf(':');
    values.set(key, (colon >= 0 ? line.slice(colon + 1) : '').replace(/\r?\n[ \t]+/g, ' ').trim());
  }
  return (name) => values.get(name.toLowerCase());
}

/** mailparser, loaded on the first message received (about 18 MiB a server receiving no mail never needs). */
async function simpleParser(raw: Buffer): Promise<ParsedMail> {
  const { simpleParser: parse } = await import('mailparser');
  return parse(raw);
}

/** Reads the head of an oversized message only: enough for the sender, subject and Message-ID. */
async function parseHeadOnly(raw: Buffer): Promise<ParsedMail | null> {
  const head = raw.subarray(0, Math.min(raw.length, 256 * 1024));
  const end = head.indexOf('\r\n\r\n') >= 0 ? head.indexOf('\r\n\r\n') : head.indexOf('\n\n');
  try {
    return await simpleParser(end >= 0 ? head.subarray(0, end + 2) : head);
  } catch {
    return null;
  }
}

function outcomeResult(
  row: InboundMessage,
  outcome: ReceiveEmailResult['outcome'],
  reason: string | null,
  requestId: string | null,
): ReceiveEmailResult {
  return { inboundId: row.id, outcome, reason, requestId, duplicate: false };
}

interface KeptAttachment {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

/**
 * One inbound e-mail, from the SMTP listener or IMAP polling: the raw message is stored and an
 * `inbound_messages` row written first (the same Message-ID twice is handled once), then it
 * becomes exactly one of: a bounce (DSN → the outbound message's delivery status), an ignored
 * automatic reply, a reply on a request (reply address token, tracking code or reference in the
 * subject), a new request with channel `email` waiting for qualification, or a rejected item
 * with its reason. Each outcome is written in the transaction of what it created.
 */
export function receiveEmail(
  ctx: AppContext,
  principal: Principal,
  input: ReceiveEmailInput,
): Promise<ReceiveEmailResult> {
  return runCheckedIf(ctx.config.tenantQueryGuard, `inbound e-mail (${input.source})`, () =>
    receiveEmailChecked(ctx, principal, input),
  );
}

async function receiveEmailChecked(
  ctx: AppContext,
  principal: Principal,
  input: ReceiveEmailInput,
): Promise<ReceiveEmailResult> {
  const { tenantId } = principal;
  const { raw } = input;
  const now = ctx.clock.now();
  const sizeBytes = Math.max(input.sizeBytes ?? 0, raw.length);
  const tooLarge = sizeBytes > ctx.config.inboundMaxBytes;
  const parsed = tooLarge ? await parseHeadOnly(raw) : await simpleParser(raw).catch(() => null);

  const messageId = parsed?.messageId?.trim() || null;
  const externalId = messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const from = parsed ? firstAddress(parsed.from) : null;
  const envelopeFrom = input.envelope?.mailFrom ?? null;
  const sender = from?.address ?? (envelopeFrom ? envelopeFrom.toLowerCase() : null);
  const recipients = [
    ...new Set([
      ...(input.envelope?.rcptTo ?? []).map((address) => address.toLowerCase()),
      ...(parsed ? [...addressesOf(parsed.to), ...addressesOf(parsed.cc)] : []),
    ]),
  ];
  const subject = parsed?.subject?.slice(0, 500) ?? null;

  // The raw message is kept (unless refused for its size): an administrator can always read it.
  const stored = tooLarge ? null : await ctx.files.put(raw);
  const inserted = await insertInboundMessage(ctx.db, {
    tenantId,
    channel: 'email',
    source: input.source,
    sender,
    recipient: recipients.join(', ').slice(0, 1000) || null,
    subject,
    externalId,
    sizeBytes,
    rawStorageKey: stored?.key ?? null,
    receivedAt: now,
  });
  const found = inserted ?? (await findInboundByExternalId(ctx.db, tenantId, 'email', externalId));
  if (!found) throw new Error('Inbound message neither inserted nor found');
  // Left pending by an earlier attempt that stopped before keeping the raw message: keep it now.
  const row =
    !inserted && found.outcome === 'pending' && !found.rawStorageKey && stored
      ? await keepRawOf(ctx.db, found, stored.key)
      : found;
  if (!inserted && row.outcome !== 'pending') {
    return {
      inboundId: row.id,
      outcome: row.outcome,
      reason: row.outcomeReason,
      requestId: requestIdOfInbound(row),
      duplicate: true,
    };
  }

  const settle = async (
    outcome: Exclude<InboundOutcome, 'pending'>,
    reason: string | null,
    requestId: string | null = null,
  ): Promise<ReceiveEmailResult> => {
    const done = await settleInboundMessage(ctx.db, tenantId, row.id, outcome, {
      reason,
      requestId,
      processedAt: now,
    });
    if (!done) return settledElsewhere(ctx, row);
    return outcomeResult(row, outcome, reason, requestId);
  };

  try {
    if (tooLarge) {
      return await settle(
        'rejected',
        `trop volumineux : ${formatBytes(sizeBytes)} (limite ${formatBytes(ctx.config.inboundMaxBytes)})`,
      );
    }
    if (!parsed) return await settle('rejected', 'message illisible (MIME invalide)');
    const header = headerLookupOf(parsed);

    const loop = loopReason({
      header,
      messageId,
      from: from?.address ?? null,
      mailDomain: mailDomainOf(ctx.config),
      ownAddresses: ownAddressesOf(ctx),
    });
    // A bounce of our own mail comes from the relay, not from us: DSNs are judged first.
    const contentType = header('content-type');
    if (isDeliveryReportContentType(contentType)) return await handleBounce(ctx, parsed, row, settle);
    if (loop) return await settle('rejected', `boucle de messagerie : ${loop}`);
    if (!sender) return await settle('rejected', 'aucun expéditeur (ni From ni MAIL FROM)');
    const automatic = autoReplyReason(header, envelopeFrom);
    if (automatic) return await settle('auto_reply', `réponse automatique : ${automatic}`);

    const since = new Date(now.getTime() - 60 * 60 * 1000);
    const recent = await countRecentFromSender(ctx.db, tenantId, 'email', sender, since, row.id);
    if (recent >= ctx.config.inboundSenderHourlyLimit) {
      return await settle(
        'rejected',
        `limite d’envoi dépassée : plus de ${ctx.config.inboundSenderHourlyLimit} courriels de ${sender} en une heure`,
      );
    }

    // Attachments: programs and active content reject the whole message; others are left out.
    const kept: KeptAttachment[] = [];
    const leftOut: string[] = [];
    for (const attachment of parsed.attachments) {
      const sniffedType =
        attachment.content.length === 0 ? 'application/x-empty' : await sniffBuffer(attachment.content);
      const verdict = judgeAttachment({
        fileName: attachment.filename,
        declaredType: attachment.contentType,
        sniffedType,
      });
      if (verdict.kind === 'refuse') return await settle('rejected', verdict.why);
      if (verdict.kind === 'ignore') {
        leftOut.push(verdict.why);
        continue;
      }
      if (kept.length >= maxAttachmentsPerRequest) {
        leftOut.push(
          `au-delà de ${maxAttachmentsPerRequest} pièces jointes : ${attachment.filename ?? 'sans nom'}`,
        );
        continue;
      }
      const file = await ctx.files.put(attachment.content);
      kept.push({
        fileName: sanitizeFileName(attachment.filename, sniffedType),
        mediaType: sniffedType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        storageKey: file.key,
      });
    }

    const fullText = (parsed.text?.trim() || (parsed.html ? htmlToPlainText(parsed.html) : '')).trim();
    const target = await findReplyTarget(ctx, tenantId, {
      recipients: [...recipients, ...deliveredToOf(header)],
      subject: subject ?? '',
      sender,
    });
    const mail: IncomingMail = { sender, senderName: from?.name ?? '', subject, fullText, kept, leftOut };
    if (target && !isTerminal(target.request.status)) {
      return await addReply(ctx, row, now, target, mail);
    }
    return await createRequest(ctx, row, now, mail, target?.request ?? null);
  } catch (error) {
    if (error instanceof AlreadySettledError) return settledElsewhere(ctx, row);
    if (error instanceof AppError && error.code !== 'REQUEST_CHANGED') {
      // A rule of the requests module said no (e.g. a status that takes no message): visible, final.
      return settle('rejected', `refusé : ${error.message}`);
    }
    await notePendingFailure(ctx.db, tenantId, row.id, `échec du traitement : ${(error as Error).message}`);
    throw error;
  }
}

async function settledElsewhere(ctx: AppContext, row: InboundMessage): Promise<ReceiveEmailResult> {
  const current = await findInboundByExternalId(ctx.db, row.tenantId, 'email', row.externalId ?? '');
  return {
    inboundId: row.id,
    outcome: current && current.outcome !== 'pending' ? current.outcome : 'rejected',
    reason: current?.outcomeReason ?? null,
    requestId: current ? requestIdOfInbound(current) : null,
    duplicate: true,
  };
}

/** Our own sender address (MAIL_FROM): mail from it is one of ours coming back. */
function ownAddressesOf(ctx: AppContext): string[] {
  const match = /<([^>]+)>/.exec(ctx.config.mailFrom) ?? /(\S+@\S+)/.exec(ctx.config.mailFrom);
  return match ? [match[1]!.toLowerCase()] : [];
}

/** Addresses the delivering server recorded (IMAP mailboxes keep the original recipient there). */
function deliveredToOf(header: HeaderLookup): string[] {
  return ['delivered-to', 'x-original-to', 'envelope-to']
    .map((name) => header(name)?.replace(/^<|>$/g, '').trim().toLowerCase())
    .filter((value): value is string => Boolean(value));
}

// ---------------------------------------------------------------------------------------------

type Settle = (
  outcome: Exclude<InboundOutcome, 'pending'>,
  reason: string | null,
  requestId?: string | null,
) => Promise<ReceiveEmailResult>;

/** The DSN parts of a delivery report: the status fields and the returned message's Message-ID. */
export async function deliveryReportOf(parsed: ParsedMail): Promise<DeliveryReport> {
  let recipients: DeliveryReport['recipients'] = [];
  let originalMessageId: string | null = null;
  for (const part of parsed.attachments) {
    const type = part.contentType.toLowerCase();
    const text = part.content.toString('utf8');
    if (type === 'message/delivery-status' || type === 'message/global-delivery-status') {
      recipients = parseDeliveryStatus(text);
    } else if (type === 'message/rfc822' || type === 'text/rfc822-headers' || type === 'message/global') {
      originalMessageId ??= messageIdOfReturnedHeaders(text);
    }
  }
  // Some reporters (or parsers) put the status fields and original headers inline: look in the text too.
  if (recipients.length === 0 && parsed.text) recipients = parseDeliveryStatus(parsed.text);
  // Some reporters put the original headers inline: look in the text too.
  if (!originalMessageId && parsed.text) {
    const match = /^Message-ID:\s*(<[^<>\s]+>)/im.exec(parsed.text);
    originalMessageId = match?.[1] ?? null;
  }
  return { originalMessageId, recipients };
}

async function handleBounce(
  ctx: AppContext,
  parsed: ParsedMail,
  row: InboundMessage,
  settle: Settle,
): Promise<ReceiveEmailResult> {
  const report = await deliveryReportOf(parsed);
  const lines = report.recipients.map(describeDsnRecipient);
  let requestId: string | null = null;
  let matched = false;
  if (report.originalMessageId) {
    for (const recipient of report.recipients) {
      const status = deliveryOutcomeOf(recipient);
      if (!status) continue;
      const recorded = await recordDeliveryStatus(
        ctx,
        {
          tenantId: row.tenantId,
          providerMessageId: report.originalMessageId,
          status,
          error:
            status === 'failed'
              ? `Rejet signalé par le serveur destinataire : ${describeDsnRecipient(recipient)}`
              : null,
        },
        { now: ctx.clock.now() },
      );
      if (recorded) {
        matched = true;
        if (recorded.subject?.type === requestSubjectType) requestId = recorded.subject.id;
      }
    }
  }
  const about = report.originalMessageId
    ? matched
      ? `message ${report.originalMessageId}`
      : `message ${report.originalMessageId} inconnu du guichet`
    : 'message d’origine non identifié';
  return settle(
    'bounce',
    `avis de non-remise (${about}) : ${lines.join(' ; ') || 'sans détail'}`.slice(0, 1000),
    requestId,
  );
}

// ---------------------------------------------------------------------------------------------

interface IncomingMail {
  sender: string;
  senderName: string;
  subject: string | null;
  fullText: string;
  kept: KeptAttachment[];
  leftOut: string[];
}

interface ReplyTarget {
  request: Request;
  via: 'token' | 'tracking_code' | 'reference';
  /** The citizen account that writes, when the sender is the request's account holder. */
  citizenId: string | null;
}

/** Whether `sender` is the request's requester (account e-mail or contact e-mail), and the account. */
async function senderRelation(ctx: AppContext, request: Request, sender: string) {
  if (request.citizenId) {
    const citizen = await findUserById(ctx.db, request.tenantId, request.citizenId);
    const same = citizen?.email.toLowerCase() === sender;
    return { isRequester: same, citizenId: same ? request.citizenId : null };
  }
  return { isRequester: request.contact?.email?.toLowerCase() === sender, citizenId: null };
}

/**
 * The request an e-mail answers: the reply address token (only the town mints it), else a
 * tracking code in the subject (like the tracking page: for requests without an account, or
 * from the account's own address), else a reference in the subject when the sender is the
 * requester (references are easy to guess).
 */
async function findReplyTarget(
  ctx: AppContext,
  tenantId: string,
  mail: { recipients: string[]; subject: string; sender: string },
): Promise<ReplyTarget | null> {
  for (const token of replyTokensOf(mail.recipients)) {
    const requestId = parseReplyToken(token, replySecretOf(ctx.config));
    const request = requestId ? await findRequestById(ctx.db, tenantId, requestId) : undefined;
    if (request) {
      const relation = await senderRelation(ctx, request, mail.sender);
      return { request, via: 'token', citizenId: relation.citizenId };
    }
  }
  const hints = threadHintsOfSubject(mail.subject);
  for (const code of hints.trackingCodes) {
    const request = await findRequestByTrackingCode(ctx.db, tenantId, code);
    if (!request) continue;
    const relation = await senderRelation(ctx, request, mail.sender);
    if (request.citizenId === null || relation.isRequester) {
      return { request, via: 'tracking_code', citizenId: relation.citizenId };
    }
  }
  for (const reference of hints.references) {
    const request = await findRequestByReference(ctx.db, tenantId, reference);
    if (!request) continue;
    const relation = await senderRelation(ctx, request, mail.sender);
    if (relation.isRequester) return { request, via: 'reference', citizenId: relation.citizenId };
  }
  return null;
}

function notesOf(mail: IncomingMail): string {
  return mail.leftOut.length ? `\n\n[Pièces non reprises : ${mail.leftOut.join(' ; ')}]` : '';
}

async function insertAttachments(
  tx: DbOrTx,
  ctx: AppContext,
  request: Request,
  mail: IncomingMail,
  actorId: string | null,
  now: Date,
) {
  for (const file of mail.kept) {
    await recordAttachment(
      tx,
      ctx,
      request,
      { kind: 'citizen', id: actorId },
      {
        fileName: file.fileName,
        mediaType: file.mediaType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        storageKey: file.storageKey,
        visibility: 'public',
        createdAt: now,
        origin: { channel: 'email' },
      },
    );
  }
}

/**
 * A citizen's message on the request, like the portal's: an answered or waiting request goes
 * back to treatment; attachments and the inbound record in the same transaction.
 */
async function addReply(
  ctx: AppContext,
  row: InboundMessage,
  now: Date,
  target: ReplyTarget,
  mail: IncomingMail,
): Promise<ReceiveEmailResult> {
  const body = fitDescription((stripQuotedReply(mail.fullText) || '(courriel sans texte)') + notesOf(mail));
  const reason = `réponse à la demande ${target.request.reference} (${
    { token: 'adresse de réponse', tracking_code: 'code de suivi', reference: 'référence' }[target.via]
  })`;
  const updated = await transaction(ctx.db, async (tx) => {
    const request = await findRequestById(tx, row.tenantId, target.request.id);
    if (!request) throw new Error('The request vanished');
    const { request: changed } = await appendCitizenMessage(tx, ctx, request, {
      body,
      actorId: target.citizenId,
      data: { channel: 'email', inboundMessageId: row.id },
    });
    await insertAttachments(tx, ctx, changed, mail, target.citizenId, now);
    const done = await settleInboundMessage(tx, row.tenantId, row.id, 'reply', {
      reason,
      requestId: request.id,
      processedAt: now,
    });
    if (!done) throw new AlreadySettledError();
    return changed;
  });

  return outcomeResult(row, 'reply', reason, updated.id);
}

/**
 * A new request with channel `email`, waiting for qualification: linked to the citizen account
 * with that (confirmed) address, else to a contact with the sender's name and address.
 */
async function createRequest(
  ctx: AppContext,
  row: InboundMessage,
  now: Date,
  mail: IncomingMail,
  closedPredecessor: Request | null,
): Promise<ReceiveEmailResult> {
  const account = await findUserByEmail(ctx.db, row.tenantId, mail.sender);
  const citizen =
    account && account.kind === 'citizen' && account.isActive && account.emailVerifiedAt ? account : null;
  const preface = closedPredecessor
    ? `[Suite de la demande ${closedPredecessor.reference}, déjà terminée]\n\n`
    : '';
  const description = fitDescription(preface + (mail.fullText || '(courriel sans texte)') + notesOf(mail));
  const reason = closedPredecessor
    ? `nouvelle demande : la demande ${closedPredecessor.reference} visée est terminée`
    : citizen
      ? 'nouvelle demande, rattachée au compte de l’expéditeur'
      : 'nouvelle demande, avec l’expéditeur comme contact';

  let createdId: string | null = null;
  await submitRequest(ctx, systemPrincipal(row.tenantId, 'inbound-email'), {
    channel: 'email',
    awaitsQualification: true,
    subject: requestSubjectOf(mail.subject ?? undefined),
    description,
    ...(citizen
      ? {
          citizen: {
            id: citizen.id,
            email: citizen.email,
            firstName: citizen.firstName,
            lastName: citizen.lastName,
          },
        }
      : { contact: { name: mail.senderName || mail.sender, email: mail.sender } }),
    receivedAt: now,
    inTransaction: async (tx, request) => {
      createdId = request.id;
      await insertAttachments(tx, ctx, request, mail, citizen?.id ?? null, now);
      const done = await settleInboundMessage(tx, row.tenantId, row.id, 'request_created', {
        reason,
        requestId: request.id,
        processedAt: now,
      });
      if (!done) throw new AlreadySettledError();
    },
  });
  return outcomeResult(row, 'request_created', reason, createdId);
}
