/** The requests module's part of the personal data register (see platform/privacy). */
import { definePersonalDataPart, describeTable } from '../../platform/privacy/personal-data';
import { requestAttachments, requestEvents, requestReferenceCounters, requests } from './requests.tables';

/** The requester of a request (or the visitor of a desk contact): their account, or the contact they left. */
const requester = [
  { via: 'account', column: 'citizen_id' },
  { via: 'contact', column: 'contact' },
] as const;
/** Free text about a request (or a desk contact): its requester, and anyone it mentions. */
const aboutRequest = [...requester, { via: 'anyone' }] as const;
/** An event of the request's timeline: the request's people, its author, anyone mentioned. */
const inTimeline = [
  { via: 'row', column: 'request_id', table: 'requests' },
  { via: 'account', column: 'actor_id' },
  { via: 'anyone' },
] as const;
/** A file of the request: the request's people, who uploaded it, anyone it shows. */
const inAttachment = [
  { via: 'row', column: 'request_id', table: 'requests' },
  { via: 'account', column: 'uploaded_by_id' },
  { via: 'anyone' },
] as const;
const contactFields = [{ paths: ['name', 'email', 'phone', 'postalAddress'] }] as const;

export const requestsPersonalData = definePersonalDataPart(import.meta.url, {
  tables: [
    describeTable(requests, {
      personal: {
        subject: {
          categories: ['free-text'],
          holds: 'the subject the requester or an agent wrote',
          whose: aboutRequest,
          erasure: { action: 'erase' },
        },
        description: {
          categories: ['free-text'],
          holds: 'the request as the requester wrote it (or a transcription)',
          whose: aboutRequest,
          erasure: { action: 'erase' },
        },
        location_address: {
          categories: ['location'],
          holds: 'the address the request is about, often the requester’s',
          whose: aboutRequest,
          erasure: { action: 'erase' },
        },
        latitude: {
          categories: ['location'],
          holds: 'latitude of the place',
          whose: requester,
          erasure: { action: 'pseudonymise', how: 'rounded to 3 decimals (about 100 m) for the statistics' },
        },
        longitude: {
          categories: ['location'],
          holds: 'longitude of the place',
          whose: requester,
          erasure: { action: 'pseudonymise', how: 'rounded to 3 decimals (about 100 m) for the statistics' },
        },
        contact: {
          categories: ['identity', 'contact', 'postal-address'],
          holds: 'name, e-mail, phone and postal address of a requester without an account',
          whose: [{ via: 'contact', column: 'contact' }],
          erasure: { action: 'erase' },
          jsonFields: contactFields,
        },
        search_extra: {
          categories: ['identity', 'contact', 'free-text'],
          holds: 'search text: the citizen’s name and e-mail, messages, notes, rejection reasons, OCR text',
          whose: aboutRequest,
          erasure: {
            action: 'recompute',
            derivedFrom: [
              'users.first_name',
              'users.last_name',
              'users.email',
              'request_events.body',
              'requests.rejection_reason',
            ],
          },
        },
        search_vector: {
          categories: ['identity', 'contact', 'free-text'],
          holds: 'the generated full-text document (reference, subject, description, contact, search text)',
          whose: aboutRequest,
          erasure: {
            action: 'recompute',
            derivedFrom: [
              'requests.subject',
              'requests.description',
              'requests.contact',
              'requests.search_extra',
            ],
          },
        },
        rejection_reason: {
          categories: ['free-text'],
          holds: 'why an agent rejected the request',
          whose: aboutRequest,
          erasure: { action: 'erase' },
        },
        satisfaction_comment: {
          categories: ['free-text'],
          holds: 'the requester’s comment with the satisfaction rating',
          whose: aboutRequest,
          erasure: { action: 'erase' },
        },
      },
      // The reference and tracking code identify the file, not the person; like the status and the
      // dates, they stay for the statistics once the file is anonymised.
      notPersonal: ['reference', 'tracking_code', 'channel', 'priority', 'status'],
    }),
    describeTable(requestEvents, {
      personal: {
        body: {
          categories: ['free-text'],
          holds: 'messages of the citizen and agents, internal notes, comments, OCR text, delivery errors',
          whose: inTimeline,
          erasure: { action: 'erase' },
        },
        data: {
          categories: ['free-text'],
          holds: 'file names, rejection reasons and relay errors among the event’s facts',
          whose: inTimeline,
          erasure: { action: 'erase' },
          jsonFields: [
            { when: "type = 'attachment_added'", paths: ['fileName'], holds: 'the uploaded file’s name' },
            { when: "type = 'ocr_done'", paths: ['files[].fileName'], holds: 'the scanned files’ names' },
            { when: "type = 'status_changed'", paths: ['reason'], holds: 'the rejection reason' },
            {
              when: "type = 'message_status'",
              paths: ['error'],
              holds: 'the relay’s error, which may quote the address',
            },
          ],
        },
      },
      notPersonal: ['type', 'actor_kind', 'visibility'],
    }),
    describeTable(requestReferenceCounters, {
      noPersonalData: 'The last reference number given per town and year.',
    }),
    describeTable(requestAttachments, {
      personal: {
        file_name: {
          categories: ['free-text'],
          holds: 'the file’s name as uploaded, often with a person’s name',
          whose: inAttachment,
          erasure: { action: 'erase' },
        },
        storage_key: {
          categories: ['file'],
          holds: 'a file of the request: upload, e-mail attachment or scanned letter',
          whose: inAttachment,
          erasure: { action: 'erase' },
        },
      },
      // sha256 is the content's hash (the file store's own key), media_type the sniffed type.
      notPersonal: ['media_type', 'sha256', 'visibility', 'uploaded_by_kind'],
    }),
  ],
});
