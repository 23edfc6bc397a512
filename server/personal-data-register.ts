/**
 * The whole personal data register: the platform's parts and every module's, from its manifest. Each part lives beside the
 * tables it describes; personal-data-register.test.ts holds the register to the schema.
 */
import { applicationModules } from './modules';
import { townVersionsPersonalData } from './platform/db/town-versions.personal-data';
import { jobsPersonalData } from './platform/jobs/jobs.personal-data';
import { mailPersonalData } from './platform/mail/mail.personal-data';
import {
  gatherPersonalDataRegister,
  type PersonalDataPart,
  type PersonalDataRegister,
} from './platform/privacy/personal-data';

/** The platform's own tables, then each module's part as its manifest declares it. */
export const personalDataParts: readonly PersonalDataPart[] = [
  jobsPersonalData,
  mailPersonalData,
  townVersionsPersonalData,
  ...applicationModules.map((manifest) => manifest.personalData),
];

/** Which column and which file holds which personal data, whose, and what erasure does to it. */
export function personalDataRegister(): PersonalDataRegister {
  return gatherPersonalDataRegister(personalDataParts);
}
