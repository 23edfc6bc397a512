import { useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Button as AriaButton, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { RequestForAgent } from '../../api/backoffice';
import { Button } from '../../components/button';
import { t } from '../../i18n/fr';
import { findScans, nextZoom, recognisedTextOf, zoomLevels, type ScanFile } from './scan-files';
import './messaging.css';

const texts = t.scans;
const characters = new Intl.NumberFormat('fr-FR');
/** The app's small secondary button (components/button.tsx), here with a ref to move the focus. */
const smallButton = 'button button-secondary button-small';

/** What the scan views need of the request. */
type ScannedRequest = Pick<RequestForAgent, 'id' | 'channel' | 'attachments' | 'timeline'>;

/** The scans of a letter request (channel `letter`), none for any other request. */
export function scansOf(request: ScannedRequest): ScanFile[] {
  return request.channel === 'letter' ? findScans(request.id, request.attachments) : [];
}

/** Moves the focus off a button that the press is about to disable (at either end of a range). */
function keepFocus(
  isAtStart: boolean,
  isAtEnd: boolean,
  toStart: RefObject<HTMLButtonElement | null>,
  toEnd: RefObject<HTMLButtonElement | null>,
) {
  if (isAtStart) toEnd.current?.focus();
  if (isAtEnd) toStart.current?.focus();
}

/** « Réduire » / « Agrandir » for an image scan (the frame scrolls once enlarged). */
function ZoomControls({ zoom, onZoom }: { zoom: number; onZoom(zoom: number): void }) {
  const outRef = useRef<HTMLButtonElement>(null);
  const inRef = useRef<HTMLButtonElement>(null);
  const first = zoomLevels[0];
  const last = zoomLevels[zoomLevels.length - 1];
  const change = (direction: 1 | -1) => {
    const next = nextZoom(zoom, direction);
    onZoom(next);
    keepFocus(next === first, next === last, outRef, inRef);
  };
  return (
    <div className="scan-toolbar" role="group" aria-label={texts.zoomGroup}>
      <AriaButton ref={outRef} className={smallButton} isDisabled={zoom === first} onPress={() => change(-1)}>
        {texts.zoomOut}
      </AriaButton>
      <span className="scan-zoom" aria-live="polite">
        {texts.zoomLevel(zoom)}
      </span>
      <AriaButton ref={inRef} className={smallButton} isDisabled={zoom === last} onPress={() => change(1)}>
        {texts.zoomIn}
      </AriaButton>
    </div>
  );
}

/** One scan as the browser can show it: an image, a PDF in its viewer, a TIFF only as a download. */
function ScanDisplay({ scan, zoom }: { scan: ScanFile; zoom: number }) {
  const name = scan.attachment.fileName;
  if (scan.kind === 'image' && scan.viewUrl) {
    return (
      // Focusable so that the keyboard scrolls an enlarged scan.
      <div
        className="scan-frame scan-frame-image"
        tabIndex={0}
        role="region"
        aria-label={texts.imageFrame(name)}
      >
        <img src={scan.viewUrl} alt={texts.scanAlt(name)} style={{ width: `${zoom}%` }} />
      </div>
    );
  }
  if (scan.kind === 'pdf' && scan.viewUrl) {
    return (
      // Served sandboxed and unsniffed: the browser's own viewer, fitted to the width, without
      // its page thumbnails (the frame is narrow); « Ouvrir en grand » below if it shows nothing.
      <iframe
        className="scan-frame scan-frame-pdf"
        src={`${scan.viewUrl}#view=FitH&navpanes=0`}
        title={texts.pdfFrame(name)}
      />
    );
  }
  return <p className="scan-unviewable">{texts.tiffNotShown}</p>;
}

/** A letter's scans one at a time, with « Fichier précédent » / « Fichier suivant » when there are several. */
function ScanViewer({ scans }: { scans: ScanFile[] }) {
  const [index, setIndex] = useState(0);
  const [zoom, setZoom] = useState<number>(zoomLevels[0]);
  const previousRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const current = scans[Math.min(index, scans.length - 1)];
  if (!current) return <p className="muted">{texts.noScan}</p>;
  const position = scans.indexOf(current);
  const move = (direction: 1 | -1) => {
    const target = position + direction;
    setIndex(target);
    setZoom(zoomLevels[0]);
    keepFocus(target === 0, target === scans.length - 1, previousRef, nextRef);
  };
  const { attachment, viewUrl } = current;
  return (
    <div className="scan-viewer">
      {scans.length > 1 ? (
        <nav className="scan-navigation" aria-label={texts.scanNavigation}>
          <AriaButton
            ref={previousRef}
            className={smallButton}
            isDisabled={position === 0}
            onPress={() => move(-1)}
          >
            {texts.previousScan}
          </AriaButton>
          <p className="scan-position" aria-live="polite">
            {texts.scanPosition(position + 1, scans.length, attachment.fileName)}
          </p>
          <AriaButton
            ref={nextRef}
            className={smallButton}
            isDisabled={position === scans.length - 1}
            onPress={() => move(1)}
          >
            {texts.nextScan}
          </AriaButton>
        </nav>
      ) : (
        <p className="scan-position">{attachment.fileName}</p>
      )}
      <ScanDisplay key={attachment.id} scan={current} zoom={zoom} />
      <div className="scan-footer">
        {current.kind === 'image' ? <ZoomControls zoom={zoom} onZoom={setZoom} /> : null}
        <p className="scan-links">
          {viewUrl ? (
            <a href={viewUrl} target="_blank" rel="noreferrer">
              {texts.openFull}
            </a>
          ) : null}
          <a href={attachment.downloadUrl} download={attachment.fileName}>
            {texts.download}
            <span className="visually-hidden"> {attachment.fileName}</span>
          </a>
        </p>
      </div>
    </div>
  );
}

/** « Texte reconnu »: the OCR text, folded, to read a hard scan or copy a name or an address from. */
function RecognisedText({ request }: { request: ScannedRequest }) {
  const recognised = recognisedTextOf(request.timeline);
  const [copyStatus, setCopyStatus] = useState('');
  const textId = useId();
  let content: ReactNode;
  if (recognised.state === 'pending') content = <p className="muted">{texts.textPending}</p>;
  else if (recognised.state === 'failed') {
    content = (
      <p className="muted">
        {texts.textFailed}
        {recognised.willRetry ? ` ${texts.textRetry}` : ''}
      </p>
    );
  } else if (!recognised.text) content = <p className="muted">{texts.textEmpty}</p>;
  else {
    const copy = () => {
      navigator.clipboard.writeText(recognised.text).then(
        () => setCopyStatus(texts.copied),
        () => setCopyStatus(texts.copyFailed),
      );
    };
    content = (
      <>
        <p className="field-hint">
          {texts.textHint}
          {recognised.isTruncated
            ? ` ${texts.textTruncated(characters.format(recognised.excerptLength))}`
            : ''}
        </p>
        <div className="scan-text" id={textId} tabIndex={0} role="region" aria-label={texts.textTitle}>
          {recognised.text}
        </div>
        <div className="scan-text-actions">
          <Button variant="secondary" size="small" onPress={copy} aria-describedby={textId}>
            {texts.copyText}
          </Button>
          <span role="status">{copyStatus}</span>
        </div>
      </>
    );
  }
  return (
    <details className="scan-recognised">
      <summary>{texts.textTitle}</summary>
      {content}
    </details>
  );
}

/** The scans of a letter request on its page, with the text read from them. */
export function ScanPreview({ request }: { request: ScannedRequest }) {
  const scans = scansOf(request);
  return (
    <section className="card card-scan" aria-labelledby="scan-title">
      <h2 id="scan-title">{texts.scanTitle}</h2>
      <ScanViewer scans={scans} />
      {scans.length > 0 ? <RecognisedText request={request} /> : null}
    </section>
  );
}

interface ScanBesideDialogProps {
  title: string;
  request: ScannedRequest;
  onClose(): void;
  /** The dialog's form, shown beside the scans. */
  children: ReactNode;
}

/**
 * A wide modal dialog with the letter's scans on the left and the form on the right (stacked on
 * a phone), so that the agent reads the letter while qualifying it. Same behaviour as the other
 * dialogs: focus kept inside, Escape closes, title announced.
 */
export function ScanBesideDialog({ title, request, onClose, children }: ScanBesideDialogProps) {
  const scans = scansOf(request);
  const headingId = useId();
  return (
    <ModalOverlay
      isOpen
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      isDismissable
      className="modal-overlay"
    >
      <Modal className="modal modal-with-scan">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog-title">
            {title}
          </Heading>
          <div className="dialog-scan-layout">
            <section className="dialog-scan" aria-labelledby={headingId}>
              <h3 id={headingId} className="dialog-scan-title">
                {texts.qualifyScanTitle}
              </h3>
              <ScanViewer scans={scans} />
              <RecognisedText request={request} />
            </section>
            <div className="dialog-scan-form">{children}</div>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
