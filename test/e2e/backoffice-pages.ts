/**
 * Draft helpers for an end-to-end journey through the back-office request screens (issue 3):
 * queue, bulk actions, request page, reception desk. Every selector here was checked against
 * the built app in Chromium (1280×800 and 390×844). Roles and French names first; CSS classes
 * only where the control has no better handle (the table's selection boxes).
 */
import type { Page } from 'playwright-core';

/** Logs an account in through the API (the page's context keeps the session cookie). */
export async function logInThroughApi(
  page: Page,
  base: string,
  email: string,
  password: string,
): Promise<void> {
  const response = await page.request.post(`${base}/api/v1/auth/login`, { data: { email, password } });
  if (!response.ok())
    throw new Error(`login failed for ${email}: ${response.status()} ${await response.text()}`);
}

/** Opens a queue page (`/agent/demandes`, `/agent/qualification`) and waits for its rows or its empty state. */
export async function openQueue(page: Page, base: string, path = '/agent/demandes'): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByRole('grid').waitFor();
}

/** The queue row of a request, found by its reference (the row header's link). */
export function queueRow(page: Page, reference: string) {
  return page.getByRole('row').filter({ has: page.getByRole('link', { name: reference, exact: true }) });
}

/**
 * Ticks a row's selection box. react-aria hides the real checkbox input under a label, so the
 * label is what receives the click.
 */
export async function selectRow(page: Page, reference: string): Promise<void> {
  await queueRow(page, reference).locator('label.queue-checkbox').click();
}

/** « Attribuer à… » on the selected rows; returns the dialog's per-row results text. */
export async function bulkAssign(page: Page, agentName: string): Promise<string> {
  await page.getByRole('button', { name: 'Attribuer à…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /Agent/ }).click();
  await page.getByRole('option', { name: agentName }).click();
  await dialog.getByRole('button', { name: 'Appliquer' }).click();
  const results = dialog.getByRole('list', { name: 'Résultat par demande' });
  await results.waitFor();
  const text = await results.innerText();
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  return text;
}

/** « Changer le statut… » on the selected rows (reason for a rejection). */
export async function bulkTransition(page: Page, statusLabel: string, reason?: string): Promise<string> {
  await page.getByRole('button', { name: 'Changer le statut…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /Nouveau statut/ }).click();
  await page.getByRole('option', { name: statusLabel, exact: true }).click();
  if (reason) await dialog.getByRole('textbox', { name: 'Motif' }).fill(reason);
  await dialog.getByRole('button', { name: 'Appliquer' }).click();
  const results = dialog.getByRole('list', { name: 'Résultat par demande' });
  await results.waitFor();
  const text = await results.innerText();
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  return text;
}

/** Types a search in the queue (kept in the URL as `q`). */
export async function searchQueue(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Rechercher' }).fill(text);
  await page.getByRole('search', { name: 'Rechercher des demandes' }).getByRole('button').click();
  await page.waitForURL(/[?&]q=/);
}

/** The live notice of the queue (« 1 nouvelle demande. ») and its refresh button. */
export async function refreshAfterLiveNotice(
  page: Page,
  notice: RegExp = /nouvelles? demandes?/,
): Promise<void> {
  await page.getByText(notice).waitFor();
  await page.getByRole('button', { name: 'Actualiser la liste' }).click();
}

/** Opens a request's page from the queue. */
export async function openRequestFromQueue(page: Page, reference: string): Promise<void> {
  await page.getByRole('link', { name: reference, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `Demande ${reference}` }).waitFor();
}

/** Waits for the success notice of an action on the request page. */
export async function expectNotice(page: Page, text: string): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor();
}

/** « Qualifier »: picks a category (the department follows it) and, optionally, a priority. */
export async function qualify(page: Page, categoryName: string, priorityLabel?: string): Promise<void> {
  await page.getByRole('button', { name: 'Qualifier', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Qualifier la demande' });
  await dialog.getByRole('button', { name: /Nature/ }).click();
  await page.getByRole('option', { name: categoryName, exact: true }).click();
  if (priorityLabel) {
    await dialog.getByRole('button', { name: /Priorité/ }).click();
    await page.getByRole('option', { name: priorityLabel, exact: true }).click();
  }
  await dialog.getByRole('button', { name: 'Qualifier', exact: true }).click();
  await expectNotice(page, 'La demande a été qualifiée.');
}

export async function assignToMe(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'M’attribuer' }).click();
  await expectNotice(page, 'L’attribution a été enregistrée.');
}

/** « Changer le statut » on the request page; `reason` for a rejection or a reopening. */
export async function changeStatus(
  page: Page,
  statusLabel: string,
  options: { comment?: string; reason?: string } = {},
) {
  await page.getByRole('button', { name: 'Changer le statut', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Changer le statut' });
  await dialog.getByRole('button', { name: /Nouveau statut/ }).click();
  await page.getByRole('option', { name: statusLabel, exact: true }).click();
  if (options.reason) await dialog.getByRole('textbox', { name: 'Motif' }).fill(options.reason);
  if (options.comment) await dialog.getByRole('textbox', { name: 'Commentaire' }).fill(options.comment);
  await dialog.getByRole('button', { name: 'Changer le statut' }).click();
  await expectNotice(page, 'Le statut a été changé.');
}

export async function addInternalNote(page: Page, body: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Note interne' }).fill(body);
  await page.getByRole('button', { name: 'Ajouter la note' }).click();
  await expectNotice(page, 'La note a été ajoutée.');
}

/** « Message au demandeur »; `isAnswer` ticks « Ceci est la réponse ». */
export async function sendMessage(page: Page, body: string, isAnswer = false): Promise<void> {
  await page.getByRole('textbox', { name: 'Message au demandeur' }).fill(body);
  if (isAnswer) await page.getByText('Ceci est la réponse').click();
  await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await expectNotice(page, 'Le message a été envoyé.');
}

/** Uploads a file from the request page (`visibility` defaults to internal, as on the server). */
export async function uploadAttachment(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
  visibility: 'public' | 'internal' = 'internal',
): Promise<void> {
  await page.getByLabel('Fichier').setInputFiles(file);
  await page
    .getByRole('radio', { name: visibility === 'public' ? 'Visible par l’usager' : /Interne/ })
    .check();
  await page.getByRole('button', { name: 'Envoyer le fichier' }).click();
  await expectNotice(page, 'La pièce jointe a été ajoutée.');
}

/** The timeline's entries as text (each internal one contains « Interne »). */
export async function timelineTexts(page: Page): Promise<string[]> {
  return page.getByRole('region', { name: 'Historique' }).getByRole('listitem').allInnerTexts();
}

type DeskChannel = 'Téléphone' | 'Accueil physique' | 'Courrier';

/** The reception desk: the channel, then a citizen account found by search. */
export async function deskFindCitizen(
  page: Page,
  base: string,
  channel: DeskChannel,
  query: string,
  name: string,
) {
  await page.goto(`${base}/agent/accueil`);
  await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
  // react-aria radios: the visible label takes the click.
  await page.getByText(channel, { exact: true }).click();
  await page.getByRole('searchbox', { name: 'Nom, e-mail ou téléphone' }).fill(query);
  await page.getByRole('button', { name: 'Chercher' }).click();
  await page.getByRole('button', { name: `Choisir ${name}` }).click();
}

/** The reception desk: a person without account (name, and e-mail or phone). */
export async function deskTypeContact(page: Page, contact: { name: string; email?: string; phone?: string }) {
  await page.getByText('Une personne sans compte', { exact: true }).click();
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill(contact.name);
  if (contact.email) await page.getByRole('textbox', { name: /Adresse e-mail/ }).fill(contact.email);
  if (contact.phone) await page.getByRole('textbox', { name: /Téléphone/ }).fill(contact.phone);
}

/** Records a request at the desk; returns the reference and tracking code to read to the caller. */
export async function deskRecordRequest(page: Page, request: { subject: string; description: string }) {
  await page.getByRole('textbox', { name: 'Objet' }).fill(request.subject);
  await page.getByRole('textbox', { name: 'Description' }).fill(request.description);
  await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
  await page.getByRole('heading', { name: 'Demande enregistrée' }).waitFor();
  const codes = page.locator('.desk-code');
  return { reference: await codes.nth(0).innerText(), trackingCode: await codes.nth(1).innerText() };
}

/** Records an informational contact at the desk (« Contact sans suite »). */
export async function deskRecordContact(page: Page, subject: string, note?: string): Promise<void> {
  await page.getByText('Un contact sans suite (renseignement)', { exact: true }).click();
  await page.getByRole('textbox', { name: 'Sujet' }).fill(subject);
  if (note) await page.getByRole('textbox', { name: 'Note' }).fill(note);
  await page.getByRole('button', { name: 'Enregistrer le contact' }).click();
  await page.getByRole('heading', { name: 'Contact enregistré' }).waitFor();
}
