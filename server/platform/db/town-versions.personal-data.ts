/** The town caches' version table, in the personal data register (see platform/privacy). */
import { definePersonalDataPart, describeTable } from '../privacy/personal-data';
import { townVersions } from './town-versions.tables';

export const townVersionsPersonalData = definePersonalDataPart(import.meta.url, {
  tables: [
    describeTable(townVersions, {
      noPersonalData: 'a town’s id and a version number, nothing about a person',
      notPersonal: [],
    }),
  ],
});
