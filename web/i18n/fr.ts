/**
 * The French catalogue: every string the interface shows. Typography follows French rules:
 * non-breaking space before « : », narrow non-breaking space before « ; ! ? », guillemets with
 * non-breaking spaces, typographic apostrophe ’ (checked by fr.test.ts).
 */

import { backofficeTexts } from './fr/backoffice';
import { commonTexts } from './fr/common';
import { messagingTexts } from './fr/messaging';
import { portalTexts } from './fr/portal';
import { requestsTexts } from './fr/requests';

/** The parts of the catalogue, one per area (web/i18n/fr/); their top-level keys never overlap. */
export const catalogueParts = { commonTexts, portalTexts, backofficeTexts, requestsTexts, messagingTexts };

export const fr = {
  ...commonTexts,
  ...portalTexts,
  ...backofficeTexts,
  ...requestsTexts,
  ...messagingTexts,
};

export type Catalogue = typeof fr;
export const t = fr;
