/** The organisation module's part of the personal data register (see platform/privacy). */
import { definePersonalDataPart, describeTable } from '../../platform/privacy/personal-data';
import { calendarClosures, categories, departments, tenants } from './organisation.tables';

/** The administration's published contact details: a functional mailbox, or a named agent's line. */
const publicContactKept = {
  action: 'keep',
  basis:
    'The administration’s contact point, printed in acknowledgements (CRPA R112-5) and letters; an administrator replaces it when the person leaves.',
} as const;

export const organisationPersonalData = definePersonalDataPart(import.meta.url, {
  tables: [
    describeTable(tenants, {
      personal: {
        settings: {
          categories: ['contact', 'postal-address'],
          holds: 'the town’s contact e-mail, phone and postal address, possibly an agent’s own',
          whose: [{ via: 'anyone' }],
          erasure: publicContactKept,
          jsonFields: [{ paths: ['contactEmail', 'contactPhone', 'postalAddress'] }],
        },
      },
      // The town's own names and Host names, its INSEE code.
      notPersonal: ['slug', 'name', 'host_names', 'insee_code'],
    }),
    describeTable(departments, {
      personal: {
        email: {
          categories: ['contact'],
          holds: 'the department’s e-mail address, possibly an agent’s own',
          whose: [{ via: 'anyone' }],
          erasure: publicContactKept,
        },
        phone: {
          categories: ['contact'],
          holds: 'the department’s phone number, possibly an agent’s direct line',
          whose: [{ via: 'anyone' }],
          erasure: publicContactKept,
        },
        postal_address: {
          categories: ['postal-address'],
          holds: 'the department’s postal address',
          whose: [{ via: 'anyone' }],
          erasure: publicContactKept,
        },
      },
      notPersonal: ['code', 'name'],
    }),
    describeTable(categories, {
      noPersonalData: 'The town’s natures of request, their deadlines and what silence is worth.',
      notPersonal: ['code', 'name', 'description', 'silence_rule'],
    }),
    describeTable(calendarClosures, {
      noPersonalData: 'Days the town is closed and their labels.',
      notPersonal: ['label'],
    }),
  ],
});
