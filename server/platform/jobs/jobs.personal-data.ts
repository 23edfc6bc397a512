/** The jobs table's part of the personal data register (see platform/privacy). */
import { definePersonalDataPart, describeTable } from '../privacy/personal-data';
import { sendEmailJobType } from '../mail/mailer';
import { jobs } from './jobs.tables';

export const jobsPersonalData = definePersonalDataPart(import.meta.url, {
  tables: [
    describeTable(jobs, {
      personal: {
        payload: {
          categories: ['identity', 'contact', 'postal-address', 'free-text'],
          holds:
            'a job’s arguments; the module that owns a job type describes its personal fields (`jsonFieldsElsewhere`)',
          whose: [{ via: 'anyone' }],
          erasure: {
            action: 'erase',
            note: 'Only once the job has finished; finished jobs are not purged yet.',
          },
          jsonFields: [
            {
              when: `type = '${sendEmailJobType}'`,
              paths: ['to', 'subject', 'text', 'html'],
              holds: 'an e-mail queued by an earlier version: address and text',
            },
          ],
        },
        last_error: {
          categories: ['free-text'],
          holds: 'the last attempt’s error, which may quote an address',
          whose: [{ via: 'anyone' }],
          erasure: { action: 'erase' },
        },
      },
      // Idempotency keys are built from ids; `locked_by` names a worker process.
      notPersonal: ['type', 'status', 'idempotency_key', 'locked_by'],
    }),
  ],
});
