/**
 * The intake module's public face: everything that becomes a request or a reply on one — the
 * portal's form and the API, the reception desks (phone, counter, letters, informational
 * contacts), inbound e-mail (SMTP listener, IMAP polling), inbound SMS, scanned mail with OCR.
 * Built on the requests and messaging modules; nothing imports it but the application.
 */
import type { ModuleManifest } from '../../platform/modules/module-manifest';
import { intakePersonalData } from './intake.personal-data';
import * as tables from './intake.tables';
import { deskRoutes } from './desk/desk.routes';
import { imapPollingService } from './email/imap-polling';
import { smtpListenerService } from './email/smtp-listener';
import { inboundRoutes } from './inbound.routes';
import { ocrExtractJob, ocrJobType } from './scans/ocr-job';
import { scansRoutes } from './scans/scans.routes';
import { receiveSms } from './sms/receive-sms';
import { webIntakeRoutes } from './web/web-intake.routes';

export const intakeModule: ModuleManifest = {
  name: 'intake',
  tables,
  personalData: intakePersonalData,
  routes: [webIntakeRoutes, deskRoutes, inboundRoutes, scansRoutes],
  jobs: { [ocrJobType]: ocrExtractJob },
  services: [smtpListenerService, imapPollingService],
  extensions: { inboundSmsHandler: receiveSms },
};
