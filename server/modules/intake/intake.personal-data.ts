/** The intake module's part of the personal data register (see platform/privacy). */
import { definePersonalDataPart, describeTable } from '../../platform/privacy/personal-data';
import { contactRecords, inboundMessages } from './intake.tables';

/** An inbound message: its sender, the request it became or joined, anyone it mentions. */
const inbound = [
  { via: 'address', column: 'sender' },
  { via: 'subject', column: 'subject_id', typeColumn: 'subject_type' },
  { via: 'anyone' },
] as const;

/** Who called or came to a desk without an account, and anyone the notes mention. */
const aboutContact = [
  { via: 'account', column: 'citizen_id' },
  { via: 'contact', column: 'contact' },
  { via: 'anyone' },
] as const;
const contactFields = [{ paths: ['name', 'email', 'phone', 'postalAddress'] }] as const;

export const intakePersonalData = definePersonalDataPart(import.meta.url, {
  tables: [
    describeTable(inboundMessages, {
      personal: {
        sender: {
          categories: ['contact'],
          holds: 'the sender’s e-mail address or phone number',
          whose: inbound,
          erasure: { action: 'erase' },
        },
        subject: {
          categories: ['free-text'],
          holds: 'the e-mail’s subject',
          whose: inbound,
          erasure: { action: 'erase' },
        },
        outcome_reason: {
          categories: ['free-text', 'contact'],
          holds: 'what became of the message, which may quote the sender’s number (opt-out)',
          whose: inbound,
          erasure: { action: 'erase' },
        },
        raw_storage_key: {
          categories: ['file'],
          holds: 'the raw e-mail (headers, text, attachments) or SMS as received',
          whose: inbound,
          erasure: { action: 'erase' },
        },
      },
      // `recipient` is the town's own address (`reply+<token>@…`) or number; `external_id` the
      // Message-ID or the SMSC's id.
      notPersonal: ['channel', 'source', 'recipient', 'external_id', 'outcome', 'subject_type'],
    }),
    describeTable(contactRecords, {
      personal: {
        contact: {
          categories: ['identity', 'contact', 'postal-address'],
          holds: 'who called or came, when they have no account',
          whose: [{ via: 'contact', column: 'contact' }],
          erasure: { action: 'erase' },
          jsonFields: contactFields,
        },
        subject: {
          categories: ['free-text'],
          holds: 'what the contact was about',
          whose: aboutContact,
          erasure: { action: 'erase' },
        },
        note: {
          categories: ['free-text'],
          holds: 'the agent’s note',
          whose: aboutContact,
          erasure: { action: 'erase' },
        },
      },
      notPersonal: ['channel'],
    }),
  ],
});
