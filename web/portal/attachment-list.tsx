import { useState } from 'react';
import { FileTrigger } from 'react-aria-components';
import { describeError } from '../api/client';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { formatInstantDay } from './request-display';
import { useApiData } from '../components/use-api-data';
import { t } from '../i18n/fr';
import {
  acceptedFileTypes,
  addFiles,
  formatFileSize,
  maxAttachments,
  uploadAttachments,
} from './attachments-field';
import './attachments.css';

const texts = t.portal.attachments;

/** Adds one file to the citizen's own request, then has the list read again. */
function AddAttachment({ requestId, count, onAdded }: { requestId: string; count: number; onAdded(): void }) {
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [isSending, setSending] = useState(false);
  const send = async (picked: File[]) => {
    const { files, problems } = addFiles([], picked.slice(0, 1));
    if (problems.length > 0 || files.length === 0) {
      setMessage({ tone: 'error', text: problems[0] ?? texts.empty });
      return;
    }
    setSending(true);
    setMessage(null);
    try {
      const [failure] = await uploadAttachments(requestId, files);
      setMessage(
        failure
          ? { tone: 'error', text: failure.message }
          : { tone: 'success', text: texts.added(files[0]!.name) },
      );
      if (!failure) onAdded();
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(error) });
    } finally {
      setSending(false);
    }
  };
  return (
    <div className="attachment-add">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <FileTrigger
        acceptedFileTypes={acceptedFileTypes}
        onSelect={(list) => void send(Array.from(list ?? []))}
      >
        <Button variant="secondary" isDisabled={isSending || count >= maxAttachments}>
          {isSending ? texts.sending : texts.addToRequest}
        </Button>
      </FileTrigger>
    </div>
  );
}

interface AttachmentListProps {
  requestId: string;
  /** Offer to add a file (the request is still open). */
  canAdd?: boolean;
  /** Called after a file was added (the timeline has a new entry). */
  onChanged?(): void;
}

/** `/mes-demandes/:id`: the public attachments of the request, to download, and a way to add one. */
export function AttachmentList({ requestId, canAdd = false, onChanged }: AttachmentListProps) {
  const attachments = useApiData('/requests/{id}/attachments', { params: { path: { id: requestId } } });
  const items = attachments.data ?? [];
  return (
    <section className="card" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{texts.listTitle}</h2>
      {attachments.error ? <Alert tone="error">{describeError(attachments.error)}</Alert> : null}
      {attachments.data && items.length === 0 ? <p className="muted">{texts.empty}</p> : null}
      {items.length > 0 ? (
        <ul className="attachment-items">
          {items.map((item) => (
            <li key={item.id} className="attachment-item">
              <a
                className="attachment-name"
                href={item.downloadUrl}
                download={item.fileName}
                aria-label={texts.download(item.fileName)}
              >
                {item.fileName}
              </a>
              <span className="attachment-size">
                {formatFileSize(item.sizeBytes)} · {formatInstantDay(item.createdAt)}
                {item.uploadedByKind === 'agent' ? ` · ${texts.fromTown}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {canAdd ? (
        <AddAttachment
          requestId={requestId}
          count={items.length}
          onAdded={() => {
            attachments.reload();
            onChanged?.();
          }}
        />
      ) : null}
    </section>
  );
}
