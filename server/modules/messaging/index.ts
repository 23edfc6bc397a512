/**
 * The messaging module's public face: the outbound pipeline for any subject (e-mail, SMS, postal
 * letters, portal notifications), templates registered by the modules that send them, channel
 * settings, SMS transports and the extension points other modules fill (subjects, templates,
 * accounts, inbound SMS). Other modules import from here only.
 */
import type { ModuleManifest } from '../../platform/modules/module-manifest';
import { messagingPersonalData } from './messaging.personal-data';
import * as tables from './messaging.tables';
import { dispatchBatchJob, dispatchMessageJob } from './dispatch-message';
import { emailAdapter } from './email/email-adapter';
import { letterAdapter } from './letters/letter-adapter';
import { printBatchesRoutes } from './letters/print-batches.routes';
import { dispatchBatchJobType, dispatchMessageJobType } from './message-queue';
import { messagingRoutes } from './messaging.routes';
import { portalAdapter } from './portal/portal-adapter';
import { channelSettingsRoutes } from './settings/channel-settings.routes';
import { smsAdapter } from './sms/sms-adapter';
import { smsRoutes } from './sms/sms.routes';

export const messagingModule: ModuleManifest = {
  name: 'messaging',
  tables,
  personalData: messagingPersonalData,
  routes: [channelSettingsRoutes, messagingRoutes, printBatchesRoutes, smsRoutes],
  jobs: { [dispatchBatchJobType]: dispatchBatchJob, [dispatchMessageJobType]: dispatchMessageJob },
  extensions: { messageChannels: [emailAdapter, portalAdapter, letterAdapter, smsAdapter] },
};

export type { LetterAddress } from './messaging.tables';
export { outboundChannels, type OutboundChannel } from '../../../common/messaging';
export {
  sendToCitizen,
  type MessagingContext,
  type SendToCitizenInput,
  type SendToCitizenResult,
} from './send-message';
export type { CitizenRecipient, MessageAttachment } from './message-queue';
export type { DeliveryEvent, MessageSubject, MessageSubjectHandler, SubjectDescription } from './subjects';
export type { FindRecipientAccount, RecipientAccount } from './recipients';
export type { MessageTemplateDefinition } from './templates/template-registry';
export { renderTemplate } from './templates/render-template';
export { recordDeliveryStatus } from './delivery-status';
export type { InboundSms, InboundSmsOutcome } from './sms/inbound-sms';
export { normalisePhoneNumber, storedFormsOf } from './sms/phone-number';
export { mailDomainOf, parseReplyToken, replySecretOf } from './reply-token';
export { readChannelSettings, type ChannelSettingsWithSecret } from './settings/channel-settings.use-cases';
export { describeConnectionError } from './settings/channel-test';
export {
  findEnabledImapSettings,
  recordImapPollStatus,
  type ImapPollStatus,
} from './settings/imap-settings.repository';
export { optOutOfSms, optInToSms } from './sms/opt-outs';
