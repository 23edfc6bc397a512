import { useId, useState } from 'react';
import { FileTrigger } from 'react-aria-components';
import { ApiError, api, describeError } from '../api/client';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { t } from '../i18n/fr';
import './attachments.css';

const texts = t.portal.attachments;

/** The server's rules, checked here first so that a citizen hears at once what will be refused. */
export const maxAttachments = 10;
export const maxAttachmentBytes = 10 * 1024 * 1024;

/** What the file picker offers: media types and extensions (the server judges the content). */
export const acceptedFileTypes = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/heif',
  'image/tiff',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pdf',
  '.jpg',
  '.jpeg',
  '.png',
  '.gif',
  '.webp',
  '.heic',
  '.heif',
  '.tif',
  '.tiff',
  '.odt',
  '.docx',
];

const acceptedExtensions = new Set(acceptedFileTypes.filter((type) => type.startsWith('.')));
const acceptedMediaTypes = new Set(acceptedFileTypes.filter((type) => !type.startsWith('.')));

/** « 850 ko », « 2,4 Mo »: sizes as French readers expect them. */
export function formatFileSize(bytes: number): string {
  const units = t.common.fileSize;
  if (bytes < 1024) return units.bytes(String(bytes));
  if (bytes < 1024 * 1024)
    return units.kilobytes(Math.max(1, Math.round(bytes / 1024)).toLocaleString('fr-FR'));
  const megabytes = bytes / (1024 * 1024);
  return units.megabytes(
    megabytes.toLocaleString('fr-FR', { maximumFractionDigits: megabytes < 10 ? 1 : 0 }),
  );
}

function hasAcceptedType(file: File): boolean {
  const dot = file.name.lastIndexOf('.');
  const extension = dot >= 0 ? file.name.slice(dot).toLowerCase() : '';
  return acceptedExtensions.has(extension) || acceptedMediaTypes.has(file.type);
}

const sameFile = (a: File, b: File) =>
  a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;

/**
 * Adds `picked` to `current` within the rules (type, size, count, no duplicates); returns the
 * new list and the French messages for what was left out.
 */
export function addFiles(current: readonly File[], picked: readonly File[]) {
  const files = [...current];
  const problems: string[] = [];
  let tooMany = false;
  for (const file of picked) {
    if (files.some((existing) => sameFile(existing, file))) problems.push(texts.alreadyChosen(file.name));
    else if (!hasAcceptedType(file)) problems.push(texts.badType(file.name));
    else if (file.size > maxAttachmentBytes) {
      problems.push(texts.tooLarge(file.name, formatFileSize(maxAttachmentBytes)));
    } else if (files.length >= maxAttachments) tooMany = true;
    else files.push(file);
  }
  if (tooMany) problems.push(texts.tooMany(maxAttachments));
  return { files, problems };
}

interface AttachmentsFieldProps {
  files: readonly File[];
  onChange(files: File[]): void;
  isDisabled?: boolean;
}

/** « Ajouter des pièces jointes »: a file picker, the checks, and the list of chosen files. */
export function AttachmentsField({ files, onChange, isDisabled = false }: AttachmentsFieldProps) {
  const [problems, setProblems] = useState<string[]>([]);
  const labelId = useId();
  const hintId = useId();
  return (
    <div className="field attachments-field" role="group" aria-labelledby={labelId} aria-describedby={hintId}>
      <span id={labelId} className="field-label">
        {texts.label}
      </span>
      <span id={hintId} className="field-hint">
        {texts.hint(maxAttachments, formatFileSize(maxAttachmentBytes))}
      </span>
      <FileTrigger
        acceptedFileTypes={acceptedFileTypes}
        allowsMultiple
        onSelect={(list) => {
          const result = addFiles(files, Array.from(list ?? []));
          setProblems(result.problems);
          onChange(result.files);
        }}
      >
        <Button variant="secondary" isDisabled={isDisabled || files.length >= maxAttachments}>
          {texts.add}
        </Button>
      </FileTrigger>
      {problems.length > 0 ? (
        <div className="attachments-problems" role="alert">
          {problems.map((problem) => (
            <p key={problem} className="field-error">
              {problem}
            </p>
          ))}
        </div>
      ) : null}
      {files.length > 0 ? (
        <ul className="attachment-items" aria-label={texts.chosenLabel}>
          {files.map((file, index) => (
            <li key={`${file.name}-${file.size}-${file.lastModified}`} className="attachment-item">
              <span className="attachment-name">{file.name}</span>
              <span className="attachment-size">{formatFileSize(file.size)}</span>
              <Button
                variant="quiet"
                size="small"
                isDisabled={isDisabled}
                aria-label={texts.removeLabel(file.name)}
                onPress={() => {
                  setProblems([]);
                  onChange(files.filter((_, position) => position !== index));
                }}
              >
                {texts.remove}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export interface UploadFailure {
  file: File;
  message: string;
  /** Worth sending again (the network or the server failed), unlike a refused file. */
  isRetryable: boolean;
}

/**
 * Sends `files` one by one to a request just filed: with the session (cookie and CSRF token) for
 * a logged-in citizen, with the tracking code otherwise. A failure does not stop the others.
 */
export async function uploadAttachments(
  requestId: string,
  files: readonly File[],
  options: { trackingCode?: string; onProgress?(done: number): void } = {},
): Promise<UploadFailure[]> {
  const failures: UploadFailure[] = [];
  const header = options.trackingCode ? { 'x-tracking-code': options.trackingCode } : undefined;
  let done = 0;
  for (const file of files) {
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      await api.upload('/requests/{id}/attachments', form, { params: { path: { id: requestId }, header } });
    } catch (error) {
      const message =
        error instanceof ApiError && error.code === 'ATTACHMENT_TOO_LARGE'
          ? texts.tooLarge(file.name, formatFileSize(maxAttachmentBytes))
          : describeError(error);
      const isRetryable =
        !(error instanceof ApiError) || error.status >= 500 || error.code === 'CSRF_TOKEN_INVALID';
      failures.push({ file, message, isRetryable });
    }
    done += 1;
    options.onProgress?.(done);
  }
  return failures;
}

interface UploadReportProps {
  requestId: string;
  trackingCode?: string;
  sentCount: number;
  failures: readonly UploadFailure[];
}

/** After filing: how many files went with the request, and a retry for those that did not. */
export function AttachmentUploadReport({ requestId, trackingCode, sentCount, failures }: UploadReportProps) {
  const [remaining, setRemaining] = useState(failures);
  const [sent, setSent] = useState(sentCount);
  const [isRetrying, setRetrying] = useState(false);
  const retry = async () => {
    setRetrying(true);
    const files = remaining.filter((failure) => failure.isRetryable).map((failure) => failure.file);
    const stillFailing = await uploadAttachments(requestId, files, { trackingCode });
    setSent((count) => count + files.length - stillFailing.length);
    setRemaining([...remaining.filter((failure) => !failure.isRetryable), ...stillFailing]);
    setRetrying(false);
  };
  return (
    <>
      {sent > 0 ? <Alert tone="success">{texts.sentCount(sent)}</Alert> : null}
      {remaining.length > 0 ? (
        <Alert tone="error" title={texts.failedTitle}>
          <p>{texts.failedIntro}</p>
          <ul>
            {remaining.map((failure) => (
              <li key={`${failure.file.name}-${failure.file.size}`}>
                {texts.failedItem(failure.file.name, failure.message)}
              </li>
            ))}
          </ul>
          {remaining.some((failure) => failure.isRetryable) ? (
            <Button variant="secondary" size="small" isDisabled={isRetrying} onPress={() => void retry()}>
              {isRetrying ? texts.retrying : texts.retry}
            </Button>
          ) : null}
        </Alert>
      ) : null}
    </>
  );
}
