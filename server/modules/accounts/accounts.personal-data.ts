/** The accounts module's part of the personal data register (see platform/privacy). */
import { definePersonalDataPart, describeTable } from '../../platform/privacy/personal-data';
import {
  departmentMemberships,
  externalIdentities,
  identityProviders,
  loginFailures,
  sessions,
  users,
  userTokens,
} from './accounts.tables';

/** The account holder, citizen or agent. */
const accountHolder = [{ via: 'account', column: 'id' }] as const;
/** Rows that exist only for one account. */
const ofAccount = [{ via: 'account', column: 'user_id' }] as const;

export const accountsPersonalData = definePersonalDataPart(import.meta.url, {
  tables: [
    // The row itself stays: requests, timelines and messages point to it.
    describeTable(users, {
      personal: {
        email: {
          categories: ['contact'],
          holds: 'the account’s e-mail address (its login)',
          whose: accountHolder,
          erasure: {
            action: 'pseudonymise',
            how: 'a unique address that reaches nobody (`erased-<id>@invalid`), the account deactivated',
          },
        },
        first_name: {
          categories: ['identity'],
          holds: 'first name',
          whose: accountHolder,
          erasure: { action: 'erase' },
        },
        last_name: {
          categories: ['identity'],
          holds: 'last name',
          whose: accountHolder,
          erasure: { action: 'erase' },
        },
        phone: {
          categories: ['contact'],
          holds: 'phone number (E.164)',
          whose: accountHolder,
          erasure: { action: 'erase' },
        },
        postal_address: {
          categories: ['postal-address'],
          holds: 'postal address',
          whose: accountHolder,
          erasure: { action: 'erase' },
          jsonFields: [{ paths: ['line1', 'line2', 'postcode', 'city'] }],
        },
        password_hash: {
          categories: ['secret'],
          holds: 'the password’s Argon2 hash',
          whose: accountHolder,
          erasure: { action: 'erase' },
        },
      },
      notPersonal: ['kind', 'preferred_channel', 'roles'],
    }),
    describeTable(departmentMemberships, {
      noPersonalData: 'Which departments an agent belongs to: ids only, the agent is in users.',
    }),
    describeTable(sessions, {
      personal: {
        id: {
          categories: ['secret'],
          holds: 'SHA-256 of the session cookie',
          whose: ofAccount,
          erasure: { action: 'delete-row' },
        },
        csrf_token: {
          categories: ['secret'],
          holds: 'the session’s CSRF token',
          whose: ofAccount,
          erasure: { action: 'delete-row' },
        },
        user_agent: {
          categories: ['identifier'],
          holds: 'the browser’s User-Agent',
          whose: ofAccount,
          erasure: { action: 'delete-row' },
        },
        ip_address: {
          categories: ['identifier'],
          holds: 'the IP address the session was opened from',
          whose: ofAccount,
          erasure: { action: 'delete-row', note: 'Expired sessions are not purged yet.' },
        },
      },
      notPersonal: [],
    }),
    describeTable(userTokens, {
      personal: {
        token_hash: {
          categories: ['secret'],
          holds: 'SHA-256 of a token sent by e-mail (confirmation, reset, invitation)',
          whose: ofAccount,
          erasure: { action: 'delete-row' },
        },
      },
      notPersonal: ['purpose'],
    }),
    describeTable(loginFailures, {
      personal: {
        throttle_key: {
          categories: ['contact', 'identifier'],
          holds: 'the e-mail address or the IP address of a failed login',
          whose: [{ via: 'address', column: 'throttle_key' }],
          erasure: {
            action: 'delete-row',
            note: 'Only the last 15 minutes count; older rows are not purged yet.',
          },
        },
      },
      notPersonal: [],
    }),
    describeTable(identityProviders, {
      noPersonalData: 'A town’s OpenID Connect clients; the client secret is the town’s, not a person’s.',
      notPersonal: ['slug', 'label', 'issuer_url', 'client_id', 'client_secret', 'scopes', 'acr_values'],
    }),
    describeTable(externalIdentities, {
      personal: {
        subject: {
          categories: ['identifier'],
          holds: 'the person’s identifier at an identity provider (FranceConnect `sub`)',
          whose: ofAccount,
          erasure: { action: 'delete-row' },
        },
      },
      notPersonal: [],
    }),
  ],
});
