import type { Attachment } from '../../api/backoffice';
import { t } from '../../i18n/fr';

const texts = t.scans;
const scanTypes = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/tiff']);
/** What a browser shows inline; PDF and TIFF open in their own tab or viewer. */
const inlineImages = new Set(['image/jpeg', 'image/png']);

/** A letter's scans on the request page, beside the qualification: the first image shown, the others linked. */
export function ScanPreview({ attachments }: { attachments: Attachment[] }) {
  const scans = attachments.filter((attachment) => scanTypes.has(attachment.mediaType));
  const shown = scans.find((attachment) => inlineImages.has(attachment.mediaType));
  return (
    <section className="card card-scan" aria-labelledby="scan-title">
      <h2 id="scan-title">{texts.scanTitle}</h2>
      {scans.length === 0 ? <p className="muted">{texts.noScan}</p> : null}
      {shown ? (
        <a href={shown.downloadUrl} target="_blank" rel="noreferrer">
          <img
            src={shown.downloadUrl}
            alt={texts.scanAlt(shown.fileName)}
            style={{ maxWidth: '100%', height: 'auto', border: '1px solid currentColor' }}
          />
        </a>
      ) : null}
      <ul>
        {scans.map((scan) => (
          <li key={scan.id}>
            <a href={scan.downloadUrl} target="_blank" rel="noreferrer">
              {texts.openScan(scan.fileName)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
