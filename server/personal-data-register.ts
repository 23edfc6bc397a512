/**
 * The whole personal data register: every module's part, gathered. Each part lives beside the
 * tables it describes; personal-data-register.test.ts holds the register to the schema.
 */
import { accountsPersonalData } from './modules/accounts/accounts.personal-data';
import { messagingPersonalData } from './modules/messaging/messaging.personal-data';
import { organisationPersonalData } from './modules/organisation/organisation.personal-data';
import { requestsPersonalData } from './modules/requests/requests.personal-data';
import { jobsPersonalData } from './platform/jobs/jobs.personal-data';
import { mailPersonalData } from './platform/mail/mail.personal-data';
import {
  gatherPersonalDataRegister,
  type PersonalDataPart,
  type PersonalDataRegister,
} from './platform/privacy/personal-data';

export const personalDataParts: readonly PersonalDataPart[] = [
  jobsPersonalData,
  mailPersonalData,
  organisationPersonalData,
  accountsPersonalData,
  requestsPersonalData,
  messagingPersonalData,
];

/** Which column and which file holds which personal data, whose, and what erasure does to it. */
export function personalDataRegister(): PersonalDataRegister {
  return gatherPersonalDataRegister(personalDataParts);
}
