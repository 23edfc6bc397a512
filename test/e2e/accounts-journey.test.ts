import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { findDepartmentIdsOfUser, findUserByEmail } from '../../server/modules/accounts/users.repository';
import { buildAgent, buildDepartment, uniqueSuffix, type TestTenant } from '../factories';
import type { CaughtMessage, SmtpSink } from '../smtp-sink';
import { expectNoAccessibilityViolations } from './browser';
import { startE2eApp, type E2eApp } from './e2e-app';

/** The first link of a caught mail that leads to `page`, as the citizen would click it. */
function linkTo(message: CaughtMessage, page: string): string {
  const link = (message.text.match(/https?:\/\/\S+/g) ?? []).find((url) => new URL(url).pathname === page);
  if (!link) throw new Error(`No link to ${page} in «${message.subject}»:\n${message.text}`);
  return link;
}

/**
 * The journeys of issue 2 in Chromium, against the real app (built web pages, real SMTP sink,
 * job worker running): a citizen registers, confirms, logs in and edits the profile; an agent
 * invited by the administrator sets a password and logs in. axe-core checks every page visited.
 */
describe('accounts journeys in Chromium', () => {
  let e2e: E2eApp;
  let app: App;
  let sink: SmtpSink;
  let tenant: TestTenant;
  let base: string;
  const newPage = () => e2e.newPage();

  beforeAll(async () => {
    e2e = await startE2eApp();
    ({ app, sink, tenant, base } = e2e);
  }, 120_000);

  afterAll(() => e2e?.close());

  it('a citizen registers, confirms the e-mail, logs in and edits the profile', async () => {
    const page = await newPage();
    const email = `camille-${uniqueSuffix()}@example.test`;
    const password = 'un long chemin vers la mairie';

    await page.goto(`${base}/`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Ville de Test');
    await expectNoAccessibilityViolations(page, 'home');

    await page.getByRole('link', { name: 'Créer un compte' }).first().click();
    await page.waitForURL('**/inscription');
    await page.getByLabel('Prénom').fill('Camille');
    await page.getByLabel('Nom', { exact: true }).fill('Martin');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await expectNoAccessibilityViolations(page, 'register');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByText('Vérifiez votre messagerie').waitFor();
    await expectNoAccessibilityViolations(page, 'register: mail sent');

    const confirmation = await sink.waitForMessage((message) => message.to.includes(email), 20_000);
    const confirmLink = linkTo(confirmation, '/confirmer-email');
    expect(new URL(confirmLink).host).toBe(new URL(base).host);
    await page.goto(confirmLink);
    await page.getByText('Votre adresse e-mail est confirmée').waitFor();
    await expectNoAccessibilityViolations(page, 'confirm e-mail');

    await page.goto(`${base}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await expectNoAccessibilityViolations(page, 'log in');
    await page.getByRole('button', { name: 'Se connecter' }).last().click();
    await page.waitForURL('**/mon-compte');
    await page.getByRole('heading', { name: 'Mon compte' }).waitFor();
    await expectNoAccessibilityViolations(page, 'account');

    await page.getByLabel('Téléphone (facultatif)').fill('06 12 34 56 78');
    await page.getByLabel('Numéro et voie').fill('12 rue des Lilas');
    await page.getByLabel('Code postal').fill('75011');
    await page.getByLabel('Commune').fill('Paris');
    await page.getByText('Par SMS').click();
    await page.getByRole('button', { name: 'Enregistrer mes coordonnées' }).click();
    await page.getByText('Vos coordonnées sont enregistrées.').waitFor();
    await expectNoAccessibilityViolations(page, 'account: saved');

    const saved = await findUserByEmail(app.ctx.db, tenant.id, email);
    expect(saved).toMatchObject({
      kind: 'citizen',
      preferredChannel: 'sms',
      postalAddress: { line1: '12 rue des Lilas', postcode: '75011', city: 'Paris' },
    });
    expect(saved?.phone).toMatch(/^(\+33|0)6/);
    expect(saved?.emailVerifiedAt).not.toBeNull();

    // Still there after a reload: it was saved on the server, not only in the page.
    await page.reload();
    await expect.poll(() => page.getByLabel('Numéro et voie').inputValue()).toBe('12 rue des Lilas');
  }, 120_000);

  it('an agent invited by the administrator sets a password and logs in', async () => {
    const department = await buildDepartment(app.ctx.db, tenant.id, { name: 'Voirie' });
    const admin = await buildAgent(app.ctx.db, tenant.id, { roles: ['admin'] });
    const agentEmail = `agent-${uniqueSuffix()}@mairie.test`;
    const agentPassword = 'les nids de poule du lundi';

    const adminPage = await newPage();
    await adminPage.setViewportSize({ width: 1280, height: 800 });
    await adminPage.goto(`${base}/agent/connexion`);
    await adminPage.getByLabel('Adresse e-mail').fill(admin.email);
    await adminPage.getByLabel('Mot de passe', { exact: true }).fill(admin.password);
    await expectNoAccessibilityViolations(adminPage, 'back-office log in');
    await adminPage.getByRole('button', { name: 'Se connecter' }).click();
    await adminPage.waitForURL(`${base}/agent`);
    await expectNoAccessibilityViolations(adminPage, 'dashboard');

    await adminPage.goto(`${base}/agent/agents`);
    await adminPage.getByRole('heading', { name: 'Agents', level: 1 }).waitFor();
    await expectNoAccessibilityViolations(adminPage, 'agents');
    await adminPage.getByRole('button', { name: 'Inviter un agent' }).click();
    const dialog = adminPage.getByRole('dialog');
    await dialog.getByLabel('Adresse e-mail').fill(agentEmail);
    await dialog.getByLabel('Prénom').fill('Paul');
    await dialog.getByLabel('Nom', { exact: true }).fill('Nouveau');
    await dialog.getByText('Agent', { exact: true }).click();
    await dialog.getByText('Voirie', { exact: true }).click();
    await expectNoAccessibilityViolations(adminPage, 'invite dialog');
    await dialog.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await adminPage.getByText(`L’invitation a été envoyée à ${agentEmail}.`).waitFor();

    const invited = await findUserByEmail(app.ctx.db, tenant.id, agentEmail);
    expect(invited).toMatchObject({ kind: 'agent', roles: ['agent'], passwordHash: null });

    const invitation = await sink.waitForMessage((message) => message.to.includes(agentEmail), 20_000);
    const agentPage = await newPage();
    await agentPage.goto(linkTo(invitation, '/agent/invitation'));
    await agentPage.getByText(agentEmail).first().waitFor();
    await expectNoAccessibilityViolations(agentPage, 'invitation');
    await agentPage.getByLabel('Mot de passe', { exact: true }).fill(agentPassword);
    await agentPage.getByLabel('Confirmez le mot de passe').fill(agentPassword);
    await agentPage.getByRole('button', { name: 'Activer mon compte' }).click();
    await agentPage.waitForURL(`${base}/agent`);
    await agentPage.getByRole('heading', { name: 'Tableau de bord' }).waitFor();

    // Log out, then log in again with the chosen password.
    await agentPage.getByRole('button', { name: 'Se déconnecter' }).click();
    await agentPage.waitForURL('**/agent/connexion**');
    await agentPage.getByLabel('Adresse e-mail').fill(agentEmail);
    await agentPage.getByLabel('Mot de passe', { exact: true }).fill(agentPassword);
    await agentPage.getByRole('button', { name: 'Se connecter' }).click();
    await agentPage.waitForURL(`${base}/agent`);
    await agentPage
      .getByText(/Bonjour Paul/)
      .first()
      .waitFor();
    await expectNoAccessibilityViolations(agentPage, 'dashboard of the new agent');

    expect(await findDepartmentIdsOfUser(app.ctx.db, invited!.tenantId, invited!.id)).toEqual([
      department.id,
    ]);
  }, 120_000);
});
