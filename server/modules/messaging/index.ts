/**
 * The messaging module's public face: the outbound pipeline for any subject (e-mail, SMS, postal
 * letters, portal notifications), templates, channel settings, the SMS transports. Other modules
 * import from here only.
 */
import type { ModuleManifest } from '../../platform/modules/module-manifest';
import { messagingPersonalData } from './messaging.personal-data';
import * as tables from './messaging.tables';
import { dispatchMessageJob } from './dispatch-message';
import { printBatchesRoutes } from './letters/print-batches.routes';
import { dispatchMessageJobType } from './message-queue';
import { messagingRoutes } from './messaging.routes';
import { channelSettingsRoutes } from './settings/channel-settings.routes';
import { smsRoutes } from './sms/sms.routes';

export const messagingModule: ModuleManifest = {
  name: 'messaging',
  tables,
  personalData: messagingPersonalData,
  routes: [channelSettingsRoutes, messagingRoutes, printBatchesRoutes, smsRoutes],
  jobs: { [dispatchMessageJobType]: dispatchMessageJob },
};
