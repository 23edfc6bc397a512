/** The mailer's part of the personal data register (see platform/privacy). */
import { definePersonalDataPart, describeTable } from '../privacy/personal-data';
import { sentEmails } from './mail.tables';

export const mailPersonalData = definePersonalDataPart(import.meta.url, {
  tables: [
    describeTable(sentEmails, {
      personal: {
        recipient: {
          categories: ['contact'],
          holds: 'the address an e-mail was sent to',
          whose: [{ via: 'address', column: 'recipient' }],
          erasure: { action: 'delete-row', note: 'The row only keeps a retried job from sending twice.' },
        },
        subject: {
          categories: ['free-text'],
          holds: 'the e-mail’s subject',
          whose: [{ via: 'address', column: 'recipient' }, { via: 'anyone' }],
          erasure: { action: 'delete-row' },
        },
      },
      notPersonal: ['message_key', 'transport_message_id'],
    }),
  ],
  files: [
    {
      location: 'DATA_DIR/outbox/*.eml',
      holds: 'every e-mail sent while no SMTP_URL is set (development, demo): addresses, text, attachments',
      categories: ['identity', 'contact', 'free-text', 'file'],
      erasure: { action: 'erase', note: 'Delete the files of the person’s addresses.' },
    },
  ],
});
