import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCategory } from '../../server/modules/organisation/categories.repository';
import { buildAgent, buildDepartment } from '../factories';
import type { SmtpSink } from '../smtp-sink';
import {
  assignToMe,
  deskRecordRequest,
  deskTypeContact,
  openQueue,
  openRequestFromQueue,
  qualify,
  queueRow,
  sendMessage,
} from './backoffice-pages';
import { expectNoAccessibilityViolations } from './browser';
import { startE2eApp, type E2eApp } from './e2e-app';

/** Where to write the screenshots shown in the README (`SCREENSHOTS_DIR=docs/screenshots`); none by default. */
const screenshotsDir = process.env.SCREENSHOTS_DIR;

async function screenshot(page: Page, name: string): Promise<void> {
  if (!screenshotsDir) return;
  mkdirSync(screenshotsDir, { recursive: true });
  // From the top: a full-page capture keeps the scroll offset, which shifts the sticky navigation.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });
}

/**
 * The journey of issue 3 in Chromium against the real app (built pages, SMTP sink, worker running):
 * someone without an account files a request on a phone and keeps the tracking page open; reception
 * qualifies it for Voirie; the Voirie agent takes it and answers; the tracking page shows the answer
 * without a reload. A phone call recorded at the desk lands in the reception queue too. axe-core
 * checks every page visited.
 */
describe('request journey in Chromium', () => {
  let e2e: E2eApp;
  let sink: SmtpSink;
  let base: string;
  let reception: { email: string; password: string };
  let voirieAgent: { email: string; password: string };
  const newPage = (viewport: { width: number; height: number }) => e2e.newPage(viewport);

  async function agentLogIn(page: Page, account: { email: string; password: string }) {
    await page.goto(`${base}/agent/connexion`);
    await page.getByLabel('Adresse e-mail').fill(account.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(account.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${base}/agent`);
  }

  beforeAll(async () => {
    e2e = await startE2eApp();
    ({ sink, base } = e2e);
    const { db } = e2e.database;
    const tenantId = e2e.tenant.id;
    const voirie = await buildDepartment(db, tenantId, { name: 'Voirie' });
    await insertCategory(db, tenantId, {
      code: 'eclairage',
      name: 'Éclairage public',
      defaultDepartmentId: null,
      deadlineDays: 10,
    });
    await insertCategory(db, tenantId, {
      code: 'eclairage-voirie',
      name: 'Lampadaire en panne',
      defaultDepartmentId: voirie.id,
      deadlineDays: 5,
    });
    reception = await buildAgent(db, tenantId, { roles: ['reception'] });
    voirieAgent = await buildAgent(db, tenantId, { roles: ['agent'], departmentIds: [voirie.id] });
  }, 120_000);

  afterAll(() => e2e?.close());

  it('filed anonymously, qualified by reception, answered by Voirie, seen live on the tracking page', async () => {
    // 1. Someone without an account files a request from a phone.
    const citizen = await newPage({ width: 390, height: 844 });
    // An anonymous visit is not an error: no answer of 400 or more (the session check answers 204).
    const refused: string[] = [];
    citizen.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`);
    });
    await citizen.goto(`${base}/demande`);
    await citizen.getByRole('heading', { level: 1, name: 'Faire une demande' }).waitFor();
    await citizen.getByRole('combobox', { name: /Nature de la demande/ }).fill('éclairage');
    await citizen.getByRole('option', { name: 'Éclairage public' }).click();
    await citizen.getByLabel(/^Objet/).fill('Lampadaire éteint rue des Lilas');
    await citizen
      .getByLabel(/^Description/)
      .fill('Le lampadaire devant le 12 rue des Lilas ne s’allume plus depuis lundi soir.');
    await citizen.getByLabel(/^Nom et prénom/).fill('Dominique Lefèvre');
    await citizen.getByLabel(/^Adresse e-mail/).fill('dominique.lefevre@example.test');
    await expectNoAccessibilityViolations(citizen, 'new request form');
    await screenshot(citizen, 'portal-new-request-phone');
    await citizen.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await citizen.getByRole('heading', { name: 'Votre demande est enregistrée' }).waitFor();
    const trackingCode = (await citizen.locator('.tracking-code').innerText()).trim();
    expect(trackingCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{8}$/);
    const reference = (await citizen.getByText(/Référence de votre demande/).innerText()).match(
      /\d{4}-\d{6}/,
    )![0];
    await expectNoAccessibilityViolations(citizen, 'request confirmation');

    const acknowledgement = await sink.waitForMessage(
      (message) => message.to.includes('dominique.lefevre@example.test'),
      20_000,
    );
    expect(acknowledgement.text).toContain(reference);

    // The citizen keeps the public tracking page open.
    await citizen.getByRole('link', { name: 'Suivre ma demande' }).click();
    await citizen.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
    await expect.poll(() => citizen.getByText('Reçue').first().isVisible()).toBe(true);
    await expectNoAccessibilityViolations(citizen, 'tracking page');
    await screenshot(citizen, 'portal-tracking-received-phone');
    expect(refused).toEqual([]);

    // An unknown code says so, and opens no live stream (it would only answer 404).
    const stranger = await newPage({ width: 390, height: 844 });
    const streams: string[] = [];
    stranger.on('request', (sent) => {
      if (sent.url().includes('/events')) streams.push(sent.url());
    });
    await stranger.goto(`${base}/suivi/BCDFGHJK`);
    await stranger.getByRole('link', { name: /autre code/i }).waitFor();
    expect(streams).toEqual([]);

    // 2. Reception qualifies it: the category routes it to Voirie.
    const desk = await newPage({ width: 1280, height: 800 });
    await agentLogIn(desk, reception);
    await openQueue(desk, base, '/agent/qualification');
    await queueRow(desk, reference).waitFor();
    await expectNoAccessibilityViolations(desk, 'qualification queue');
    await screenshot(desk, 'backoffice-qualification-queue');
    await openRequestFromQueue(desk, reference);
    await expectNoAccessibilityViolations(desk, 'request page (reception)');
    await qualify(desk, 'Lampadaire en panne', 'Haute');
    await expect
      .poll(async () => (await citizen.locator('main').innerText()).includes('Qualifiée'), {
        timeout: 15_000,
      })
      .toBe(true);

    // 3. A phone call recorded at the desk by reception, for someone without an account.
    await desk.goto(`${base}/agent/accueil`);
    await desk.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await desk.getByText('Téléphone', { exact: true }).click();
    await deskTypeContact(desk, { name: 'Jean Dupont', phone: '06 98 76 54 32' });
    await expectNoAccessibilityViolations(desk, 'reception desk');
    await screenshot(desk, 'backoffice-reception-desk');
    const phoned = await deskRecordRequest(desk, {
      subject: 'Dépôt sauvage impasse des Roses',
      description: 'Un matelas et des gravats déposés au bout de l’impasse depuis samedi.',
    });
    expect(phoned.reference).toMatch(/^\d{4}-\d{6}$/);
    await openQueue(desk, base, '/agent/qualification');
    await queueRow(desk, phoned.reference).waitFor();

    // 4. The Voirie agent finds it in the department's queue, takes it and answers.
    const voirie = await newPage({ width: 1280, height: 800 });
    await agentLogIn(voirie, voirieAgent);
    await openQueue(voirie, base, '/agent/demandes');
    await queueRow(voirie, reference).waitFor();
    await expect(queueRow(voirie, phoned.reference).count()).resolves.toBe(0);
    await expectNoAccessibilityViolations(voirie, 'department queue');
    await screenshot(voirie, 'backoffice-queue');
    await openRequestFromQueue(voirie, reference);
    await assignToMe(voirie);
    const answer = 'Le lampadaire a été réparé ce matin par l’équipe d’éclairage public.';
    await sendMessage(voirie, answer, true);
    await expectNoAccessibilityViolations(voirie, 'request page (answered)');
    await screenshot(voirie, 'backoffice-request-answered');

    // 5. The tracking page shows the answer by itself, without a reload.
    await citizen.getByText(answer).waitFor({ timeout: 15_000 });
    await expect.poll(() => citizen.getByText('Répondue').first().isVisible()).toBe(true);
    const trackingText = await citizen.locator('main').innerText();
    expect(trackingText).not.toContain('Dominique');
    expect(trackingText).not.toContain('dominique.lefevre@example.test');
    await expectNoAccessibilityViolations(citizen, 'tracking page (answered)');
    await screenshot(citizen, 'portal-tracking-answered-phone');

    const answerMail = await sink.waitForMessage(
      (message) =>
        message.to.includes('dominique.lefevre@example.test') && message.subject.startsWith('Réponse'),
      20_000,
    );
    expect(answerMail.text).toContain(answer);
    // Sent through the messaging pipeline: the citizen's reply threads back to the request.
    expect((answerMail.headers.get('reply-to') as { text: string } | undefined)?.text).toMatch(/^reply\+/);
  }, 180_000);
});
