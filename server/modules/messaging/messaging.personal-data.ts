/** The messaging module's part of the personal data register (see platform/privacy). */
import { definePersonalDataPart, describeTable } from '../../platform/privacy/personal-data';
import { dispatchMessageJobType } from './message-queue';
import {
  channelSettings,
  messageTemplates,
  outboundMessages,
  portalNotifications,
  printBatches,
  smsOptOuts,
} from './messaging.tables';

/** A message's recipient: their account, the address written on it, the request it is about. */
const recipient = [
  { via: 'account', column: 'recipient_user_id' },
  { via: 'address', column: 'to_address' },
  { via: 'subject', column: 'subject_id', typeColumn: 'subject_type' },
] as const;
/** What a message says: its recipient, and anyone it mentions. */
const messageText = [...recipient, { via: 'anyone' }] as const;
export const messagingPersonalData = definePersonalDataPart(import.meta.url, {
  tables: [
    describeTable(outboundMessages, {
      personal: {
        to_address: {
          categories: ['contact', 'identity'],
          holds: 'the e-mail address or phone number written to (for a letter, the name on the envelope)',
          whose: recipient,
          erasure: { action: 'erase' },
        },
        letter_address: {
          categories: ['identity', 'postal-address'],
          holds: 'the address block of a letter',
          whose: recipient,
          erasure: { action: 'erase' },
          jsonFields: [{ paths: ['name', 'line1', 'line2', 'postcode', 'city'] }],
        },
        subject: {
          categories: ['free-text'],
          holds: 'the message’s subject, with the request’s subject',
          whose: messageText,
          erasure: { action: 'erase' },
        },
        body_text: {
          categories: ['free-text', 'identity'],
          holds: 'the message as sent: the citizen’s name, the agent’s words',
          whose: messageText,
          erasure: { action: 'erase' },
        },
        body_html: {
          categories: ['free-text', 'identity'],
          holds: 'the HTML of an e-mail',
          whose: messageText,
          erasure: { action: 'erase' },
        },
        attachments: {
          categories: ['file', 'free-text'],
          holds: 'the enclosures sent with the message (usually files of the request) and their names',
          whose: messageText,
          erasure: { action: 'erase' },
          fileKeyPath: '[].storageKey',
          jsonFields: [{ paths: ['[].storageKey', '[].fileName'] }],
        },
        last_error: {
          categories: ['free-text'],
          holds: 'the channel’s last error, which may quote the address',
          whose: recipient,
          erasure: { action: 'erase' },
        },
        letter_pdf_key: {
          categories: ['file'],
          holds: 'the rendered letter (PDF): address block and text',
          whose: messageText,
          erasure: { action: 'erase' },
        },
        dispatch: {
          categories: ['contact', 'identity', 'postal-address', 'free-text'],
          holds:
            'every address known for the recipient (for a fallback channel), and the template’s variables (names, texts)',
          whose: messageText,
          erasure: { action: 'erase' },
          jsonFields: [
            {
              paths: [
                'recipient.name',
                'recipient.email',
                'recipient.phone',
                'recipient.letterAddress',
                'variables',
              ],
            },
          ],
        },
      },
      // Keys are built from ids; the provider's id is the relay's or the SMSC's.
      notPersonal: [
        'message_key',
        'subject_type',
        'channel',
        'template_key',
        'status',
        'provider_message_id',
      ],
    }),
    describeTable(portalNotifications, {
      personal: {
        title: {
          categories: ['free-text'],
          holds: 'the notification’s title',
          whose: [{ via: 'account', column: 'user_id' }],
          erasure: { action: 'delete-row' },
        },
        body: {
          categories: ['free-text', 'identity'],
          holds: 'the notification’s text, as the message',
          whose: [{ via: 'account', column: 'user_id' }, { via: 'anyone' }],
          erasure: { action: 'delete-row' },
        },
      },
      notPersonal: ['subject_type'],
    }),
    describeTable(printBatches, {
      noPersonalData:
        'One day’s print run: dates and status; its letters are outbound_messages rows, and the merged PDF is built at download, never stored.',
      notPersonal: ['status'],
    }),
    describeTable(channelSettings, {
      noPersonalData:
        'A town’s channel settings: hosts, functional mailboxes and sender ids, the town’s sealed secret, the last poll’s status.',
      notPersonal: ['kind', 'config', 'secret_ciphertext', 'poll_status'],
    }),
    describeTable(smsOptOuts, {
      personal: {
        phone: {
          categories: ['contact'],
          holds: 'a phone number that answered STOP',
          whose: [{ via: 'address', column: 'phone' }],
          erasure: {
            action: 'keep',
            basis:
              'The person’s objection (GDPR art. 21) must keep being honoured: the number is kept only so that no SMS goes to it again.',
          },
        },
      },
      notPersonal: [],
    }),
    describeTable(messageTemplates, {
      noPersonalData: 'A town’s wording of its messages; the variables are filled in when sending.',
      notPersonal: ['key', 'subject', 'body', 'short_body'],
    }),
  ],
  jsonFieldsElsewhere: [
    {
      table: 'jobs',
      column: 'payload',
      when: `type = '${dispatchMessageJobType}'`,
      paths: ['recipient.name', 'recipient.email', 'recipient.phone', 'recipient.letterAddress', 'variables'],
      holds: 'every address known for the recipient, and the template’s variables (names, texts)',
    },
  ],
});
