import type { AppContext } from '../../../app-context';
import type { DbOrTx } from '../../../platform/db/client';
import { AppError, invalidField } from '../../../platform/http/app-error';
import { requireAgentRole, type Principal } from '../../../platform/auth/principal';
import { enqueue } from '../../../platform/jobs/job-runner';
import { type FileSource, FileTooLargeError, type StagedFile } from '../../../platform/storage/file-store';
import type { PostalAddress } from '../../accounts';
import {
  attachmentTooLarge,
  recordAttachment,
  type Request,
  submitRequest,
  type SubmittedRequest,
} from '../../requests';
import { sanitizeFileName } from '../../../platform/storage/file-name';
import { mediaTypes, sniffMediaType } from '../../../platform/storage/media-type';
import { requireCitizenAccount } from '../desk/file-desk-request';
import { requestPriorities, type RequestPriority } from '../../../../common/requests';
import { ocrJobType } from './ocr-job';

/** What reception scans: PDF (one or several pages), JPEG, PNG, TIFF (one or several pages). */
export const scanMediaTypes: ReadonlyMap<string, string> = new Map([
  [mediaTypes.pdf, 'PDF'],
  [mediaTypes.jpeg, 'JPEG'],
  [mediaTypes.png, 'PNG'],
  [mediaTypes.tiff, 'TIFF'],
]);

/** A request has at most 10 attachments (attachments.policy.ts): a letter's scans fit in them. */
export const maxScanFiles = 10;

export interface ReceivedScan {
  staged: StagedFile;
  mediaType: string;
  fileName: string | undefined;
}

/**
 * Streams one scan into the store's temporary area (size limit while it arrives) and judges its
 * type from its bytes: only PDF, JPEG, PNG and TIFF are scans (415 SCAN_TYPE_REFUSED otherwise).
 */
export async function receiveScan(
  ctx: Pick<AppContext, 'files'>,
  source: FileSource,
  fileName: string | undefined,
  maxBytes: number,
): Promise<ReceivedScan> {
  let staged: StagedFile;
  try {
    staged = await ctx.files.stage(source, { maxBytes });
  } catch (error) {
    if (error instanceof FileTooLargeError) throw attachmentTooLarge(maxBytes);
    throw error;
  }
  try {
    if (staged.sizeBytes === 0) throw invalidField('files', `${fileName ?? 'a file'} is empty`);
    const mediaType = await sniffMediaType(staged.read, staged.sizeBytes);
    if (!scanMediaTypes.has(mediaType)) {
      throw new AppError(
        'SCAN_TYPE_REFUSED',
        `${fileName ?? 'A file'} is of type ${mediaType}; scans are PDF, JPEG, PNG or TIFF (judged from the content).`,
        { detectedType: mediaType, allowedTypes: [...scanMediaTypes.keys()] },
      );
    }
    return { staged, mediaType, fileName };
  } catch (error) {
    await staged.discard();
    throw error;
  }
}

/** The text fields of the multipart upload, all optional. */
export interface ScanIntakeFields {
  subject?: string;
  description?: string;
  categoryId?: string;
  citizenId?: string;
  priority?: string;
  /** The date the letter arrived (YYYY-MM-DD, or an ISO instant); default now. */
  receivedAt?: string;
  contactName?: string;
  contactEmail?: string;
  contactPhone?: string;
  contactLine1?: string;
  contactLine2?: string;
  contactPostcode?: string;
  contactCity?: string;
}

export const scanIntakeFieldNames = [
  'subject',
  'description',
  'categoryId',
  'citizenId',
  'priority',
  'receivedAt',
  'contactName',
  'contactEmail',
  'contactPhone',
  'contactLine1',
  'contactLine2',
  'contactPostcode',
  'contactCity',
] as const satisfies readonly (keyof ScanIntakeFields)[];

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function optionalText(fields: ScanIntakeFields, name: keyof ScanIntakeFields, maxLength: number) {
  const value = fields[name]?.trim() || undefined;
  if (value !== undefined && value.length > maxLength) {
    throw invalidField(name, `must be at most ${maxLength} characters long`);
  }
  return value;
}

function optionalId(fields: ScanIntakeFields, name: 'categoryId' | 'citizenId') {
  const value = optionalText(fields, name, 36);
  if (value !== undefined && !uuidPattern.test(value)) throw invalidField(name, 'must be a UUID');
  return value;
}

/** A date (the start of that day in Paris, so that today is never in the future) or an instant. */
function parseReceivedAt(raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? new Date(`${raw}T00:00:00+01:00`) : new Date(raw);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(raw)) {
    throw invalidField('receivedAt', 'must be a date (YYYY-MM-DD) or an ISO 8601 instant');
  }
  return date;
}

function parseContact(fields: ScanIntakeFields) {
  const name = optionalText(fields, 'contactName', 200);
  const email = optionalText(fields, 'contactEmail', 254);
  const phone = optionalText(fields, 'contactPhone', 30);
  const line1 = optionalText(fields, 'contactLine1', 200);
  const line2 = optionalText(fields, 'contactLine2', 200);
  const postcode = optionalText(fields, 'contactPostcode', 10);
  const city = optionalText(fields, 'contactCity', 100);
  const hasAddress = Boolean(line1 || line2 || postcode || city);
  if (!name && !email && !phone && !hasAddress) return undefined;
  if (!name) throw invalidField('contactName', 'is required with an e-mail, a phone or an address');
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw invalidField('contactEmail', 'is not an e-mail address');
  if (phone && !/^\+?[0-9 .-]{6,20}$/.test(phone))
    throw invalidField('contactPhone', 'is not a phone number');
  if (!email && !phone && !hasAddress) {
    throw invalidField('contactLine1', 'a postal address, an e-mail or a phone is needed with the name');
  }
  let postalAddress: PostalAddress | undefined;
  if (hasAddress) {
    if (!line1) throw invalidField('contactLine1', 'is required in a postal address');
    if (!postcode || !/^\d{5}$/.test(postcode)) throw invalidField('contactPostcode', 'must be 5 digits');
    if (!city) throw invalidField('contactCity', 'is required in a postal address');
    postalAddress = { line1, ...(line2 ? { line2 } : {}), postcode, city };
  }
  return {
    name,
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(postalAddress ? { postalAddress } : {}),
  };
}

const parisDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** « Courrier reçu le 3 décembre 2026 ». */
export function defaultScanSubject(receivedAt: Date): string {
  return `Courrier reçu le ${parisDate.format(receivedAt)}`;
}

export interface ScannedLetter extends SubmittedRequest {
  attachmentIds: string[];
}

/**
 * Reception files a scanned postal letter: a request with channel `letter` (subject « Courrier
 * reçu le … » unless given, the optional contact or citizen account, category if known), the scans
 * as internal attachments and an `ocr.extract` job, all in the intake's one transaction. The
 * staged files are moved into place inside it; on any refusal they are discarded.
 */
export async function fileScannedLetter(
  ctx: AppContext,
  principal: Principal,
  fields: ScanIntakeFields,
  scans: ReceivedScan[],
): Promise<ScannedLetter> {
  const agent = requireAgentRole(principal);
  try {
    if (scans.length === 0) throw invalidField('files', 'send at least one scan (PDF, JPEG, PNG or TIFF)');
    if (scans.length > maxScanFiles) throw invalidField('files', `send at most ${maxScanFiles} files`);
    const citizenId = optionalId(fields, 'citizenId');
    const categoryId = optionalId(fields, 'categoryId');
    const contact = parseContact(fields);
    if (citizenId && contact) throw invalidField('contactName', 'must be left out when citizenId is given');
    const priority = optionalText(fields, 'priority', 10);
    if (priority !== undefined && !(requestPriorities as readonly string[]).includes(priority)) {
      throw invalidField('priority', `must be one of ${requestPriorities.join(', ')}`);
    }
    const receivedAt = parseReceivedAt(optionalText(fields, 'receivedAt', 40));
    const subject = optionalText(fields, 'subject', 200) ?? defaultScanSubject(receivedAt ?? ctx.clock.now());
    const pages = scans.length === 1 ? 'un fichier' : `${scans.length} fichiers`;
    const description =
      optionalText(fields, 'description', 10_000) ??
      `Courrier postal numérisé par l’accueil (${pages}). Son texte, lu automatiquement, s’ajoute à la recherche.`;
    const citizen = citizenId
      ? await requireCitizenAccount(ctx.db, agent.tenantId, citizenId, 'citizenId')
      : null;

    const attachmentIds: string[] = [];
    const submitted = await submitRequest(ctx, principal, {
      channel: 'letter',
      citizen,
      categoryId: categoryId ?? null,
      priority: priority as RequestPriority | undefined,
      subject,
      description,
      contact,
      contactOptional: true,
      receivedAt,
      inTransaction: async (tx: DbOrTx, request: Request) => {
        const now = ctx.clock.now();
        for (const [index, scan] of scans.entries()) {
          // Attachments are listed by time then by (random) id: a millisecond apart, the pages
          // of the letter keep the order reception sent them in, for the agent who reads them.
          const createdAt = new Date(now.getTime() + index);
          const stored = await scan.staged.commit();
          const attachment = await recordAttachment(
            tx,
            ctx,
            request,
            { kind: 'agent', id: agent.id },
            {
              fileName: sanitizeFileName(scan.fileName, scan.mediaType),
              mediaType: scan.mediaType,
              sizeBytes: stored.sizeBytes,
              sha256: stored.sha256,
              storageKey: stored.key,
              visibility: 'internal',
              createdAt,
              origin: { scan: true },
            },
          );
          attachmentIds.push(attachment.id);
        }
        await enqueue(tx, {
          type: ocrJobType,
          tenantId: agent.tenantId,
          payload: { requestId: request.id, attachmentIds },
          idempotencyKey: `ocr:${request.id}`,
          maxAttempts: 3,
        });
      },
    });
    return { ...submitted, attachmentIds };
  } finally {
    // Refused or failed: the temporary files go. After the commit this does nothing.
    await Promise.all(scans.map((scan) => scan.staged.discard()));
  }
}
