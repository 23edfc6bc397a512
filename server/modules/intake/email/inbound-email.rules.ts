/**
 * Pure rules for inbound e-mail: what kind of message it is (delivery status notification,
 * automatic reply, loop), which request it answers, which attachments are acceptable, and the
 * text a request or a reply keeps. No database, no I/O: unit-tested on their own.
 */
import {
  parseReference,
  subjectMaxLength,
  subjectMinLength,
  trackingCodeAlphabet,
  trackingCodeLength,
} from '../../requests';
import { isAllowedMediaType } from '../../../platform/storage/media-type';
import { descriptionMaxLength } from '../../../../common/requests';

/** Header values as mailparser gives them: lower-case names, strings or structured values. */
export type HeaderLookup = (name: string) => string | undefined;

// ---------------------------------------------------------------------------------------------
// Delivery status notifications (RFC 3464)

export interface DsnRecipient {
  /** `Final-Recipient` (or `Original-Recipient`) address, lower-cased. */
  recipient: string | null;
  /** failed, delayed, delivered, relayed, expanded. */
  action: string;
  /** `5.1.1`… */
  status: string | null;
  diagnostic: string | null;
}

export interface DeliveryReport {
  /** The Message-ID of the message that bounced, with its angle brackets; null when not found. */
  originalMessageId: string | null;
  recipients: DsnRecipient[];
}

/** `multipart/report; report-type=delivery-status` (the content type header, raw or structured). */
export function isDeliveryReportContentType(value: string | undefined): boolean {
  if (!value) return false;
  const lower = value.toLowerCase();
  return lower.includes('multipart/report') && /report-type\s*=\s*"?delivery-status/.test(lower);
}

/** Unfolds header continuation lines and splits `Name: value` fields of a header-style block. */
function fieldsOf(block: string): { name: string; value: string }[] {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const fields: { name: string; value: string }[] = [];
  for (const line of unfolded.split(/\r?\n/)) {
    const match = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(line);
    if (match) fields.push({ name: match[1]!.toLowerCase(), value: match[2]!.trim() });
  }
  return fields;
}

/** `rfc822; someone@example.org` → `someone@example.org`. */
function addressOfTypedField(value: string): string {
  const address = value.includes(';') ? value.slice(value.indexOf(';') + 1) : value;
  return address.trim().replace(/^<|>$/g, '').toLowerCase();
}

/**
 * The per-recipient fields of a `message/delivery-status` part: blocks separated by blank lines,
 * the first one about the message, the others one per recipient.
 */
export function parseDeliveryStatus(body: string): DsnRecipient[] {
  const blocks = body.split(/\r?\n\s*\r?\n/).filter((block) => block.trim() !== '');
  const recipients: DsnRecipient[] = [];
  for (const block of blocks) {
    const fields = fieldsOf(block);
    const get = (name: string) => fields.find((field) => field.name === name)?.value;
    const action = get('action');
    if (!action) continue;
    const recipient = get('final-recipient') ?? get('original-recipient');
    recipients.push({
      recipient: recipient ? addressOfTypedField(recipient) : null,
      action: action.toLowerCase().split(/\s/)[0]!,
      status: get('status')?.split(/\s/)[0] ?? null,
      diagnostic: get('diagnostic-code') ?? null,
    });
  }
  return recipients;
}

/** The `Message-ID` of the returned message or headers (`message/rfc822`, `text/rfc822-headers`). */
export function messageIdOfReturnedHeaders(headers: string): string | null {
  const head = headers.split(/\r?\n\r?\n/)[0] ?? '';
  const field = fieldsOf(head).find((candidate) => candidate.name === 'message-id');
  const match = field ? /<[^<>\s]+>/.exec(field.value) : null;
  return match ? match[0] : null;
}

/** What a DSN says happened, as a delivery status for `recordDeliveryStatus`, or null (delayed…). */
export function deliveryOutcomeOf(recipient: DsnRecipient): 'failed' | 'delivered' | null {
  if (recipient.action === 'failed') return 'failed';
  if (recipient.action === 'delivered') return 'delivered';
  return null;
}

/** A readable line for the administrator: `failed 5.1.1 (smtp; 550 No such user) for x@y`. */
export function describeDsnRecipient(recipient: DsnRecipient): string {
  return [
    recipient.action,
    recipient.status,
    recipient.diagnostic ? `(${recipient.diagnostic})` : null,
    recipient.recipient ? `pour ${recipient.recipient}` : null,
  ]
    .filter(Boolean)
    .join(' ');
}

// ---------------------------------------------------------------------------------------------
// Automatic replies and loops

/**
 * Why a message is an automatic one (RFC 3834 `Auto-Submitted`, the headers of common
 * responders, bulk precedence, mailing lists, an empty return path), or null for a person's mail.
 */
export function autoReplyReason(
  header: HeaderLookup,
  envelopeSender: string | null | undefined,
): string | null {
  const autoSubmitted = header('auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-auto-response-suppress']) {
    const value = header(name);
    if (value !== undefined && !(name === 'x-auto-response-suppress' && /^none$/i.test(value.trim()))) {
      return `${name}: ${value}`.slice(0, 200);
    }
  }
  const precedence = header('precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) {
    return `Precedence: ${precedence}`;
  }
  if (header('list-id') !== undefined) return 'List-Id (liste de diffusion)';
  if (header('list-unsubscribe') !== undefined) return 'List-Unsubscribe (envoi en nombre)';
  if (header('feedback-id') !== undefined) return 'Feedback-ID (envoi en nombre)';
  const returnPath = header('return-path');
  if (returnPath !== undefined && /^\s*<?\s*>?\s*$/.test(returnPath)) return 'Return-Path vide (<>)';
  if (envelopeSender === '') return 'expéditeur d’enveloppe vide (<>)';
  return null;
}

const uuidLocalPart = /^<[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@/i;

/**
 * Why a message is one of ours coming back (a loop), or null: our own `X-Guichet-*` headers, a
 * Message-ID minted by the e-mail adapter (`<uuid@mail domain>`), or our own sender address.
 */
export function loopReason(input: {
  header: HeaderLookup;
  messageId: string | null;
  from: string | null;
  mailDomain: string;
  ownAddresses: string[];
}): string | null {
  if (input.header('x-guichet-loop') !== undefined) return 'en-tête X-Guichet-Loop';
  if (input.header('x-guichet-message-key') !== undefined)
    return 'en-tête X-Guichet-Message-Key (message du guichet)';
  if (input.messageId && uuidLocalPart.test(input.messageId)) {
    if (input.messageId.toLowerCase().endsWith(`@${input.mailDomain.toLowerCase()}>`)) {
      return `Message-ID du guichet (${input.messageId})`;
    }
  }
  if (input.from && input.ownAddresses.includes(input.from.toLowerCase())) {
    return `expéditeur du guichet (${input.from})`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Threading

const trackingCodeInText = new RegExp(
  `(?<![A-Za-z])([${trackingCodeAlphabet}]{${trackingCodeLength}})(?![A-Za-z])`,
  'gi',
);
const referenceInText = /(?<![\d-])(\d{4}-\d{6,})(?![\d-])/g;

/** References (`2026-000123`) and tracking codes (8 consonants) named in a subject, in order. */
export function threadHintsOfSubject(subject: string): { references: string[]; trackingCodes: string[] } {
  const references = [...subject.matchAll(referenceInText)]
    .map((match) => match[1]!)
    .filter((reference) => parseReference(reference) !== undefined);
  const trackingCodes = [...subject.matchAll(trackingCodeInText)].map((match) => match[1]!.toUpperCase());
  return { references: [...new Set(references)], trackingCodes: [...new Set(trackingCodes)] };
}

/** The tokens of `reply+<token>@…` recipients. */
export function replyTokensOf(addresses: string[]): string[] {
  const tokens: string[] = [];
  for (const address of addresses) {
    const match = /^reply\+([a-z2-7]+)@/i.exec(address.trim());
    if (match) tokens.push(match[1]!.toLowerCase());
  }
  return [...new Set(tokens)];
}

// ---------------------------------------------------------------------------------------------
// Text

/** Plain text of an HTML body, good enough for a request's description (the raw mail is kept). */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A reply without the message it quotes: stops at the usual attribution lines (« Le … a écrit : »,
 * « On … wrote: », Outlook's « -----Original Message----- » / « De : ») and drops `>` lines.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const next = `${line} ${lines[index + 1] ?? ''}`;
    if (/^\s*-{2,}\s*(original message|message d['’]origine|message original)\s*-{2,}/i.test(line)) break;
    if (/^\s*(le|on)\s.{0,200}\s(a écrit|wrote)\s*:\s*$/i.test(line)) break;
    if (/^\s*(le|on)\s.{0,200}\s(a écrit|wrote)\s*:\s*$/i.test(next) && !/:\s*$/.test(line)) break;
    if (/^\s*(de|from)\s*:\s.+/i.test(line) && /^\s*(envoyé|sent|date)\s*:/i.test(lines[index + 1] ?? ''))
      break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
  }
  const stripped = kept.join('\n').trim();
  return stripped === '' ? text.trim() : stripped;
}

const truncationNote = '\n\n[… message tronqué : l’e-mail complet est conservé]';

/** Fits `text` into a request description (10 000 characters), saying when it was cut. */
export function fitDescription(text: string, maxLength = descriptionMaxLength): string {
  const trimmed = text.trim();
  if (trimmed.length <= maxLength) return trimmed;
  return trimmed.slice(0, maxLength - truncationNote.length).trimEnd() + truncationNote;
}

/** A request subject from an e-mail subject: without `Re:`/`TR:` prefixes, 3 to 200 characters. */
export function requestSubjectOf(subject: string | undefined): string {
  const cleaned = (subject ?? '')
    .replace(/^\s*((re|tr|fw|fwd|réf)\s*(\[\d+\])?\s*:\s*)+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length < subjectMinLength) return 'E-mail sans objet';
  return cleaned.length > subjectMaxLength ? cleaned.slice(0, subjectMaxLength - 1).trimEnd() + '…' : cleaned;
}

// ---------------------------------------------------------------------------------------------
// Attachments

/** Name extensions that run code on a citizen's or an agent's computer, whatever the bytes say. */
const executableExtensions = new Set([
  'exe',
  'com',
  'bat',
  'cmd',
  'scr',
  'pif',
  'msi',
  'msp',
  'cpl',
  'dll',
  'sys',
  'jar',
  'js',
  'jse',
  'vbs',
  'vbe',
  'wsf',
  'wsh',
  'hta',
  'ps1',
  'psm1',
  'lnk',
  'reg',
  'sh',
  'bash',
  'py',
  'pl',
  'apk',
  'app',
  'dmg',
  'iso',
  'img',
  'vhd',
  'msc',
  'docm',
  'xlsm',
  'pptm',
  'html',
  'htm',
  'svg',
]);

/** Sniffed types that are programs, scripts, archives (which hide them) or active content. */
const refusedSniffedTypes = new Set([
  'application/x-msdownload',
  'application/x-executable',
  'application/x-mach-binary',
  'application/java-vm',
  'text/x-shellscript',
  'text/html',
  'image/svg+xml',
  'application/zip',
  'application/gzip',
  'application/vnd.rar',
  'application/x-7z-compressed',
  'application/x-ole-storage',
]);

/**
 * Parts that come with ordinary mail and carry nothing for the request: signatures, calendar
 * invitations, business cards, plain-text copies. They are left out (the raw mail keeps them).
 */
const ignoredDeclaredTypes = new Set([
  'application/pgp-signature',
  'application/pkcs7-signature',
  'application/x-pkcs7-signature',
  'application/pgp-keys',
  'text/calendar',
  'text/vcard',
  'text/x-vcard',
  'text/plain',
  'message/delivery-status',
  'message/rfc822',
  'text/rfc822-headers',
]);

export type AttachmentVerdict =
  { kind: 'keep' } | { kind: 'ignore'; why: string } | { kind: 'refuse'; why: string };

/**
 * What to do with one attachment, judged from its sniffed type (the bytes), its declared type
 * and its name: keep the types the attachments module accepts; refuse programs, scripts,
 * archives and active content (the whole message is then rejected); leave out anything else
 * (signatures, calendar invitations, spreadsheets…): it is named in the request's text and stays
 * in the raw message an administrator can download.
 */
export function judgeAttachment(input: {
  fileName: string | undefined;
  declaredType: string;
  sniffedType: string;
}): AttachmentVerdict {
  const name = input.fileName ?? '';
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  const label = `${name || 'sans nom'} (${input.sniffedType})`;
  if (extension && executableExtensions.has(extension)) {
    return { kind: 'refuse', why: `pièce jointe exécutable ou active refusée : ${label}` };
  }
  if (refusedSniffedTypes.has(input.sniffedType)) {
    return { kind: 'refuse', why: `pièce jointe exécutable, archive ou contenu actif refusé : ${label}` };
  }
  if (isAllowedMediaType(input.sniffedType)) return { kind: 'keep' };
  const declared = input.declaredType.toLowerCase();
  if (ignoredDeclaredTypes.has(declared)) {
    return { kind: 'ignore', why: `partie ${declared} non reprise : ${label}` };
  }
  return { kind: 'ignore', why: `type non accepté, non repris : ${label}` };
}

/** A rough, readable size for reasons shown to administrators: `25 Mio`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} Mio`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} Kio`;
  return `${bytes} octets`;
}
