import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/modules/accounts/password';
import { insertUser } from '../../server/modules/accounts/users.repository';
import { portalNotifications } from '../../server/modules/messaging/messaging.tables';
import { createRequestValues } from '../../server/modules/requests/request-test-data';
import { insertRequestWithUniqueTrackingCode } from '../../server/modules/requests/requests.repository';
import { buildAgent, testPassword, uniqueSuffix } from '../factories';
import { expectNoAccessibilityViolations } from './browser';
import { startE2eApp, type E2eApp } from './e2e-app';

/** Where to write the screenshot shown in the README (`SCREENSHOTS_DIR=docs/screenshots`); none by default. */
const screenshotsDir = process.env.SCREENSHOTS_DIR;

async function screenshot(page: Page, name: string): Promise<void> {
  if (!screenshotsDir) return;
  mkdirSync(screenshotsDir, { recursive: true });
  await page.evaluate(() => {
    // The capture shows the screen at rest: no focus ring where the last action left the keyboard.
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });
}

/** The header link, found by its whole accessible name (« Notifications, 2 non lues »). */
function headerLink(page: Page, name: string) {
  return page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name, exact: true });
}

/** Logs the citizen in on the portal's login page, which then opens the notifications page. */
async function logInToNotifications(page: Page, base: string, account: { email: string; password: string }) {
  await page.goto(`${base}/connexion?retour=${encodeURIComponent('/notifications')}`);
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${base}/notifications`);
  await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
}

/**
 * The citizen's notifications screen (portal channel of issue 4) in Chromium on a phone: a
 * citizen who prefers the portal keeps the page open while an agent answers; the notifications
 * arrive without a reload, the header's count follows (in another tab too), and they are marked
 * read one by one and all at once. axe-core checks each state.
 */
describe('portal notifications in Chromium', () => {
  let e2e: E2eApp;
  let base: string;
  const requestValues = () => createRequestValues(e2e.tenant.id);

  let agentHeaders: { cookie: string; 'x-csrf-token': string };

  beforeAll(async () => {
    e2e = await startE2eApp();
    ({ base } = e2e);
    const agent = await buildAgent(e2e.database.db, e2e.tenant.id, { roles: ['admin'] });
    const login = await e2e.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { host: e2e.tenant.host },
      payload: { email: agent.email, password: agent.password },
    });
    const session = login.cookies.find((cookie) => cookie.name === 'guichet_session');
    agentHeaders = { cookie: `guichet_session=${session?.value}`, 'x-csrf-token': login.json().csrfToken };
  }, 120_000);

  afterAll(() => e2e?.close());

  async function buildPortalCitizen() {
    const user = await insertUser(e2e.database.db, {
      tenantId: e2e.tenant.id,
      kind: 'citizen',
      email: `claire-${uniqueSuffix()}@example.test`,
      passwordHash: await hashPassword(testPassword),
      emailVerifiedAt: new Date(),
      firstName: 'Claire',
      lastName: 'Fontaine',
      preferredChannel: 'portal',
    });
    return { ...user, password: testPassword };
  }

  let referenceNumber = 0;
  async function buildRequest(citizenId: string, subject: string, status: 'in_progress' | 'waiting_citizen') {
    referenceNumber += 1;
    const values = requestValues();
    return insertRequestWithUniqueTrackingCode(
      e2e.database.db,
      values({
        citizenId,
        subject,
        status,
        reference: `2026-0${String(4200 + referenceNumber).padStart(5, '0')}`,
      }),
    );
  }

  /**
   * An agent of the town writes on the request through the back-office API (the same process as
   * the browser's server): the messaging pipeline delivers it on the portal, the citizen's
   * preferred channel, and the account's event stream says so.
   */
  async function agentWrites(request: { id: string }, body: string, isAnswer: boolean) {
    const response = await e2e.app.inject({
      method: 'POST',
      url: `/api/v1/backoffice/requests/${request.id}/messages`,
      headers: { ...agentHeaders, host: e2e.tenant.host },
      payload: { body, isAnswer },
    });
    expect(response.statusCode, response.body).toBe(201);
  }

  it('shows the town’s messages live, counts the unread ones and marks them read', async () => {
    const citizen = await buildPortalCitizen();
    const lamp = await buildRequest(citizen.id, 'Lampadaire éteint rue des Lilas', 'in_progress');
    const bench = await buildRequest(citizen.id, 'Banc cassé square Pasteur', 'waiting_citizen');
    const page = await e2e.newPage({ width: 390, height: 844 });
    await logInToNotifications(page, base, citizen);
    await page.getByRole('heading', { level: 2, name: 'Aucune notification pour le moment' }).waitFor();
    await headerLink(page, 'Notifications').waitFor();
    await expectNoAccessibilityViolations(page, 'notifications (empty)');

    // The town answers: the notification appears without a reload and is announced.
    await agentWrites(lamp, 'Le lampadaire a été réparé ce matin.', true);
    const answerTitle = `Réponse à votre demande ${lamp.reference}`;
    await page
      .getByRole('heading', { level: 2, name: `${answerTitle} (non lue)` })
      .waitFor({ timeout: 15_000 });
    await headerLink(page, 'Notifications, 1 non lue').waitFor();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Nouvelle notification' }).innerText())
      .toBe(`Nouvelle notification\u00a0: «\u00a0${answerTitle}\u00a0»`);

    await agentWrites(bench, 'Pouvez-vous préciser l’emplacement du banc\u202f?', false);
    const questionTitle = `Votre demande ${bench.reference}\u00a0: un complément est nécessaire`;
    await page
      .getByRole('heading', { level: 2, name: `${questionTitle} (non lue)` })
      .waitFor({ timeout: 15_000 });
    await headerLink(page, 'Notifications, 2 non lues').waitFor();
    // Newest first.
    const headings = await page
      .getByRole('list', { name: /Vos notifications/ })
      .getByRole('heading')
      .allInnerTexts();
    expect(headings.map((text) => text.replace(/\s*\(non lue\)$/u, '').trim())).toEqual([
      questionTitle,
      answerTitle,
    ]);
    const answer = page.getByRole('article', { name: new RegExp(`^${answerTitle}`) });
    await expect.poll(() => answer.innerText()).toContain(`/suivi/${lamp.trackingCode}`);
    const trackingLink = answer.getByRole('link', {
      name: `${new URL(base).host}/suivi/${lamp.trackingCode}`,
    });
    expect(await trackingLink.getAttribute('href')).toBe(`${base}/suivi/${lamp.trackingCode}`);
    expect(await answer.locator('time').innerText()).toMatch(
      /^Reçue le \d{1,2}(er)? \p{L}+ \d{4} à \d{2}:\d{2}$/u,
    );

    // Mark one read: the count follows, the keyboard stays on the notification.
    await answer.getByRole('button', { name: 'Marquer comme lue' }).click();
    await page.getByRole('heading', { level: 2, name: answerTitle, exact: true }).waitFor();
    await headerLink(page, 'Notifications, 1 non lue').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(answerTitle);
    expect(await answer.getByRole('button', { name: 'Marquer comme lue' }).count()).toBe(0);
    await expectNoAccessibilityViolations(page, 'notifications (one read, one unread)');
    await screenshot(page, 'portal-notifications');

    // Another tab of the same browser follows « Tout marquer comme lu ».
    const otherTab = await page.context().newPage();
    await otherTab.goto(`${base}/mon-compte`);
    await headerLink(otherTab, 'Notifications, 1 non lue').waitFor();
    await page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await headerLink(page, 'Notifications').waitFor();
    await headerLink(otherTab, 'Notifications').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Marquer comme lue' }).count()).toBe(0);
    await expect.poll(() => page.getByText('Vous avez tout lu.').isVisible()).toBe(true);
    await expectNoAccessibilityViolations(page, 'notifications (all read)');

    // A notification arriving while the citizen is elsewhere on the portal is counted there too.
    await agentWrites(lamp, 'L’équipe repassera vérifier l’éclairage jeudi.', false);
    await headerLink(otherTab, 'Notifications, 1 non lue').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => otherTab.getByRole('status').filter({ hasText: 'nouvelle notification' }).count())
      .toBe(1);

    // « Voir la demande » opens the citizen's request.
    await answer.getByRole('link', { name: 'Voir la demande' }).click();
    await page.waitForURL(`${base}/mes-demandes/${lamp.id}`);
    await page.getByRole('heading', { level: 1, name: `Demande ${lamp.reference}` }).waitFor();
  }, 180_000);

  it('shows 20 at a time and the older ones with « Voir plus »', async () => {
    const citizen = await buildPortalCitizen();
    const start = Date.parse('2026-03-02T08:00:00Z');
    await e2e.database.db.insert(portalNotifications).values(
      Array.from({ length: 25 }, (_, index) => ({
        tenantId: e2e.tenant.id,
        userId: citizen.id,
        title: `Information n°${index + 1}`,
        body: 'La collecte des encombrants passe jeudi.',
        createdAt: new Date(start + index * 3_600_000),
      })),
    );
    const page = await e2e.newPage({ width: 390, height: 844 });
    await logInToNotifications(page, base, citizen);
    const list = page.getByRole('list', { name: /Vos notifications/ });
    await list.getByRole('heading', { name: /^Information n°25/ }).waitFor();
    await headerLink(page, 'Notifications, 25 non lues').waitFor();
    expect(await list.getByRole('listitem').count()).toBe(20);
    expect(await page.getByRole('article', { name: /^Information n°5 / }).count()).toBe(0);

    await page.getByRole('button', { name: 'Voir plus' }).click();
    await list.getByRole('heading', { name: /^Information n°1 / }).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(25);
    expect(await page.getByRole('button', { name: 'Voir plus' }).count()).toBe(0);
    // The keyboard lands on the first of the older ones.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Information n°5 (non lue)');
    await expectNoAccessibilityViolations(page, 'notifications (older page)');
  }, 120_000);
});
