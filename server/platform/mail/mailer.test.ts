import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import type { Db } from '../db/client';
import { createMailer, type Mailer } from './mailer';

describe('the mail outbox (no SMTP_URL)', () => {
  const mailers: Mailer[] = [];
  afterEach(async () => {
    await Promise.all(mailers.splice(0).map((mailer) => mailer.close()));
  });

  function outboxMailer() {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'guichet-outbox-'));
    const config = loadConfig(
      { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      { sessionSecret: 'test-session-secret-0123456789abcdef' },
    );
    // `transport` keeps no books: it never touches the database.
    const mailer = createMailer(config, undefined as unknown as Db);
    mailers.push(mailer);
    return { mailer, outbox: path.join(dataDir, 'outbox') };
  }

  const message = {
    to: 'camille.martin@example.fr',
    subject: 'Votre demande 2026-000123',
    text: 'Bonjour,\n\nVotre demande a bien été reçue.',
    messageId: '<message-42@guichet.test>',
  };

  it('writes each message whole under its Message-ID, with nothing else beside it', async () => {
    const { mailer, outbox } = outboxMailer();
    const result = await mailer.transport(message);
    expect(readdirSync(outbox).sort()).toEqual(['.tmp', 'message-42_guichet.test.eml']);
    expect(result.response).toBe(path.join(outbox, 'message-42_guichet.test.eml'));
    const eml = readFileSync(result.response, 'utf8');
    expect(eml).toContain('Message-ID: <message-42@guichet.test>');
    expect(eml).toContain('Subject: Votre demande 2026-000123');
    expect(readdirSync(path.join(outbox, '.tmp'))).toEqual([]);
  });

  it('a message re-sent after a crash replaces its file instead of adding a second copy', async () => {
    const { mailer, outbox } = outboxMailer();
    await mailer.transport(message);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await mailer.transport(message);
    expect(readdirSync(outbox).filter((name) => name.endsWith('.eml'))).toEqual([
      'message-42_guichet.test.eml',
    ]);
  });
});
