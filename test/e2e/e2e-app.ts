import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp, webDistDir, type App } from '../../server/app';
import { loadConfig } from '../../server/config';
import type { DatabaseHandle } from '../../server/platform/db/client';
import { buildTenant, type TestTenant } from '../factories';
import { findFreePort } from '../processes/spawn-guichet';
import { startSmtpSink, type SmtpSink } from '../smtp-sink';
import { getTestDatabase } from '../test-database';
import { launchBrowser } from './browser';

export interface E2eApp {
  app: App;
  database: DatabaseHandle;
  sink: SmtpSink;
  browser: Browser;
  tenant: TestTenant;
  /** `http://<tenant host>:<port>`: the browser resolves the tenant's host to this machine. */
  base: string;
  /** A French-speaking page of its own (fresh cookies), phone-sized unless told otherwise. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The real app for a Chromium journey: built web pages, a fresh town « Ville de Test », an SMTP
 * sink catching the mail, the job worker running, and a browser that resolves the town's host.
 */
export async function startE2eApp(): Promise<E2eApp> {
  if (!existsSync(path.join(webDistDir, 'index.html'))) {
    throw new Error(
      'The web app is not built: npm test builds it first (pretest), or run `npm run build:web`.',
    );
  }
  const sink = await startSmtpSink();
  const database = await getTestDatabase();
  const tenant = await buildTenant(database.db, { name: 'Ville de Test' });
  const port = await findFreePort();
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'guichet-e2e-')),
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      SMTP_URL: sink.url,
      LOG_LEVEL: 'silent',
    },
    { sessionSecret: 'e2e-session-secret-0123456789abcdef', demo: false },
  );
  const app = await buildApp(config, {
    database,
    logger: false,
    jobRunner: { tenantId: tenant.id, pollIntervalMs: 100 },
  });
  await app.listen({ port, host: '127.0.0.1' });
  app.ctx.jobs.start();
  // The tenant's host name resolves to this machine only inside this browser.
  const browser = await launchBrowser([`--host-resolver-rules=MAP ${tenant.host} 127.0.0.1`]);
  const contexts: BrowserContext[] = [];
  return {
    app,
    database,
    sink,
    browser,
    tenant,
    base: `http://${tenant.host}:${port}`,
    async newPage(viewport = { width: 390, height: 844 }) {
      const context = await browser.newContext({ locale: 'fr-FR', viewport });
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      await Promise.all(contexts.map((context) => context.close()));
      await browser.close();
      await app.close();
      await sink.close();
    },
  };
}
