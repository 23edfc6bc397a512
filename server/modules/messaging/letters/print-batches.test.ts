import { systemPrincipal } from '../../../platform/auth/principal';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildCitizen, buildTenant } from '../../../../test/factories';
import { type LoggedInAccount, logInAccount, logInNewAgent } from '../../../../test/login';
import { createFixedClock } from '../../../platform/clock';
import { seedRequest } from '../../requests/backoffice/backoffice-test-setup';
import { buildRoutedCategory } from '../../requests/intake-test-setup';
import { requestEvents } from '../../requests/requests.tables';
import { PermanentDeliveryError } from '../channel-adapter';
import { outboundMessages, printBatches } from '../messaging.tables';
import { sendToCitizen } from '../send-message';
import { csvCell } from './batch-documents';
import { letterAdapter } from './letter-adapter';
import { insertQueuedLetter, loadPdf, longBody, placedTextOf, sampleAddress } from './letters-test-setup';
import { findBatchLetters, lockOpenBatchFor } from './print-batches.repository';
import { closePrintBatch } from './print-batches.use-cases';
import { transaction } from '../../../platform/db/transaction';

const clock = createFixedClock('2026-11-20T09:00:00Z');
const day = '2026-11-20';

describe('postal letters and print batches', () => {
  let t: TestContext;
  let reception: LoggedInAccount;

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    reception = await logInNewAgent(t, ['reception']);
  });
  afterAll(() => t.close());

  /** The letter adapter's work, then `sent` as the dispatcher records it. */
  async function sendLetter(values: Parameters<typeof insertQueuedLetter>[1] = {}) {
    const message = await insertQueuedLetter(t, values);
    const result = await letterAdapter.send(message, t.app.ctx);
    await t.app.ctx.db
      .update(outboundMessages)
      .set({
        status: result.status,
        providerMessageId: result.providerMessageId,
        costCents: result.costCents,
      })
      .where(eq(outboundMessages.id, message.id));
    return { message, result };
  }

  async function messageRow(id: string) {
    const [row] = await t.app.ctx.db.select().from(outboundMessages).where(eq(outboundMessages.id, id));
    return row!;
  }

  async function batchRow(id: string) {
    const [row] = await t.app.ctx.db.select().from(printBatches).where(eq(printBatches.id, id));
    return row!;
  }

  function get(url: string, who: { cookie: string } = reception) {
    return t.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  }

  function post(url: string, who: { headers: Record<string, string> } = reception) {
    return t.inject({ method: 'POST', url, headers: who.headers });
  }

  it('a letter queued through the pipeline is rendered, stored and sent to the day’s batch at the letter cost', async () => {
    const { department, category } = await buildRoutedCategory(t);
    const request = await seedRequest(t, {
      subject: 'Lampadaire',
      departmentId: department.id,
      categoryId: category.id,
    });
    const { messageIds } = await transaction(t.app.ctx.db, (tx) =>
      sendToCitizen(tx, t.app.ctx, {
        tenantId: t.tenant.id,
        key: `answer:${request.id}:letter`,
        subject: { type: 'request', id: request.id },
        recipient: { letterAddress: sampleAddress, preferredChannel: 'letter' },
        template: { key: 'answer', variables: { reference: request.reference, message: 'Réparé.' } },
      }),
    );
    await t.app.ctx.jobs.runUntilIdle();
    const message = await messageRow(messageIds[0]!);
    expect(message).toMatchObject({ channel: 'letter', status: 'sent', costCents: 270 });
    const batch = await batchRow(message.printBatchId!);
    expect(batch).toMatchObject({ tenantId: t.tenant.id, batchDate: day, status: 'open' });
    expect(message.providerMessageId).toBe(batch.id);
    expect(message).toMatchObject({ attachments: [], letterPageCount: 1, letterRenderedAt: clock.now() });
    expect(await t.app.ctx.files.exists(message.letterPdfKey!)).toBe(true);

    const chunks: Buffer[] = [];
    for await (const chunk of await t.app.ctx.files.open(message.letterPdfKey!)) chunks.push(chunk as Buffer);
    const texts = placedTextOf((await loadPdf(Buffer.concat(chunks))).getPage(0)).map(
      (placed) => placed.text,
    );
    expect(texts).toContain('Service Voirie');
    expect(texts).toContain(`Réf.\u00a0: ${request.reference}`);
    expect(texts).toContain('75011 PARIS');
  });

  it('a retry of a letter already in a batch does not add it again', async () => {
    const { message, result } = await sendLetter();
    const before = await messageRow(message.id);
    const again = await letterAdapter.send(before, t.app.ctx);
    expect(again.providerMessageId).toBe(result.providerMessageId);
    const row = await messageRow(message.id);
    expect(row.attachments).toEqual([]);
    expect(row.printBatchId).toBe(result.providerMessageId);
    expect(row.letterPdfKey).toBe(before.letterPdfKey);
    expect(row.updatedAt).toEqual(before.updatedAt);
  });

  it('a letter without a complete postal address fails for good (the dispatcher then falls back)', async () => {
    const message = await insertQueuedLetter(t, {
      letterAddress: { name: 'Sans Adresse', line1: ' ', postcode: '75011', city: 'Paris' },
    });
    await expect(letterAdapter.send(message, t.app.ctx)).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect((await messageRow(message.id)).printBatchId).toBeNull();
  });

  it('downloading merges the batch into one PDF, closes it, and later letters go to the next day’s batch', async () => {
    const long = await sendLetter({ bodyText: longBody(30) });
    const short = await sendLetter();
    const batchId = long.result.providerMessageId!;
    expect(short.result.providerMessageId).toBe(batchId);

    const response = await get(`/api/v1/backoffice/print-batches/${batchId}/pdf?duplex=false`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(`courriers-${day}-recto.pdf`);
    const merged = await loadPdf(response.rawPayload);
    const detail = (await get(`/api/v1/backoffice/print-batches/${batchId}`)).json();
    const inBatch = (detail.letters as { messageId: string }[]).map((letter) => letter.messageId);
    expect(inBatch).toEqual(expect.arrayContaining([long.message.id, short.message.id]));
    const longPages = (await loadPdf(await readRendered(long.message.id))).getPageCount();
    expect(longPages).toBeGreaterThanOrEqual(2);
    let expectedPages = 0;
    for (const messageId of inBatch) {
      expectedPages += (await loadPdf(await readRendered(messageId))).getPageCount();
    }
    expect(merged.getPageCount()).toBe(expectedPages);
    expect((await batchRow(batchId)).status).toBe('closed');

    const later = await sendLetter();
    expect(later.result.providerMessageId).not.toBe(batchId);
    expect(await batchRow(later.result.providerMessageId!)).toMatchObject({
      batchDate: '2026-11-21',
      status: 'open',
    });
  });

  async function readRendered(messageId: string): Promise<Buffer> {
    const row = await messageRow(messageId);
    const chunks: Buffer[] = [];
    for await (const chunk of await t.app.ctx.files.open(row.letterPdfKey!)) {
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  it('the manifest lists each letter in print order, UTF-8 with a BOM and « ; » between cells', async () => {
    const other = await buildTestApp({ clock });
    try {
      const agent = await logInNewAgent(other, ['manager']);
      const request = await seedRequest(other, { subject: 'Courrier' });
      const first = await insertQueuedLetter(other, { requestId: request.id, bodyText: longBody(30) });
      const second = await insertQueuedLetter(other, {
        letterAddress: {
          name: '=HYPERLINK("http://x")',
          line1: '1 rue "Haute"; bis',
          postcode: '01000',
          city: 'Bourg',
        },
        queuedAt: new Date('2026-11-20T09:30:00Z'),
      });
      const firstResult = await letterAdapter.send(first, other.app.ctx);
      await letterAdapter.send(second, other.app.ctx);
      const response = await other.inject({
        method: 'GET',
        url: `/api/v1/backoffice/print-batches/${firstResult.providerMessageId}/manifest.csv`,
        headers: { cookie: agent.cookie },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = response.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'N°;Référence;Destinataire;Adresse;Code postal;Commune;Première page;Pages;Feuilles;Pièces à joindre à la main;Identifiant du message',
      );
      expect(lines).toHaveLength(3);
      const firstCells = lines[1]!.split(';');
      expect(firstCells.slice(0, 6)).toEqual([
        '1',
        request.reference,
        'Mme Élise Dupont',
        '12 rue des Lilas, Bâtiment B',
        '75011',
        'Paris',
      ]);
      expect(firstCells[6]).toBe('1');
      const firstPages = Number(firstCells[7]);
      expect(firstPages).toBeGreaterThanOrEqual(2);
      expect(firstCells[8]).toBe(String(Math.ceil(firstPages / 2)));
      expect(firstCells[10]).toBe(first.id);
      // Recto-verso by default: the second letter starts on the next sheet.
      const secondStart = firstPages + (firstPages % 2) + 1;
      expect(lines[2]).toBe(
        `2;;"'=HYPERLINK(""http://x"")";"1 rue ""Haute""; bis";01000;Bourg;${secondStart};1;1;;${second.id}`,
      );
      // The manifest closed the batch, like the PDF.
      const [batch] = await other.app.ctx.db
        .select()
        .from(printBatches)
        .where(eq(printBatches.id, firstResult.providerMessageId!));
      expect(batch!.status).toBe('closed');
    } finally {
      await other.close();
    }
  });

  it('posting: refused while open, then records who and when, notes it on the requests, and only once', async () => {
    const request = await seedRequest(t, { subject: 'À poster' });
    const { message, result } = await sendLetter({ requestId: request.id });
    const batchId = result.providerMessageId!;

    const early = await post(`/api/v1/backoffice/print-batches/${batchId}/posted`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('PRINT_BATCH_NOT_CLOSED');

    const closed = await post(`/api/v1/backoffice/print-batches/${batchId}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      id: batchId,
      status: 'closed',
      closedAt: clock.now().toISOString(),
    });
    expect((await post(`/api/v1/backoffice/print-batches/${batchId}/close`)).json().status).toBe('closed');

    const posted = await post(`/api/v1/backoffice/print-batches/${batchId}/posted`);
    expect(posted.statusCode).toBe(200);
    expect(posted.json()).toMatchObject({
      status: 'posted',
      postedAt: clock.now().toISOString(),
      postedById: reception.id,
    });
    expect((await messageRow(message.id)).status).toBe('sent');
    const events = await t.app.ctx.db
      .select()
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, request.id), eq(requestEvents.type, 'letter_posted')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: reception.id, visibility: 'internal' });
    expect(events[0]!.data).toMatchObject({ messageId: message.id, printBatchId: batchId });

    const again = await post(`/api/v1/backoffice/print-batches/${batchId}/posted`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PRINT_BATCH_ALREADY_POSTED');
  });

  it('lists the batches, most recent day first, with their letter count, cost and status', async () => {
    const response = await get('/api/v1/backoffice/print-batches?pageSize=50');
    expect(response.statusCode).toBe(200);
    const { items, total } = response.json() as {
      items: { id: string; batchDate: string; status: string; letterCount: number; totalCostCents: number }[];
      total: number;
    };
    expect(total).toBe(items.length);
    expect(items.map((item) => item.batchDate)).toEqual(
      [...items.map((item) => item.batchDate)].sort().reverse(),
    );
    for (const item of items) {
      const letters = await t.app.ctx.db
        .select({ id: outboundMessages.id })
        .from(outboundMessages)
        .where(eq(outboundMessages.printBatchId, item.id));
      expect(item.letterCount).toBe(letters.length);
      expect(item.totalCostCents).toBe(270 * letters.length);
    }
    const posted = (await get('/api/v1/backoffice/print-batches?status=posted')).json();
    expect(posted.items.every((item: { status: string }) => item.status === 'posted')).toBe(true);
    expect(posted.items.length).toBeGreaterThanOrEqual(1);
  });

  it('only reception, managers and administrators reach the print room; another town’s batch is not found', async () => {
    const { result } = await sendLetter();
    const batchUrl = `/api/v1/backoffice/print-batches/${result.providerMessageId}`;
    const agent = await logInNewAgent(t, ['agent', 'signatory']);
    const citizen = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
    expect((await t.inject({ method: 'GET', url: '/api/v1/backoffice/print-batches' })).statusCode).toBe(401);
    expect((await get('/api/v1/backoffice/print-batches', agent)).statusCode).toBe(403);
    expect((await get('/api/v1/backoffice/print-batches', citizen)).statusCode).toBe(403);
    expect((await get(`${batchUrl}/pdf`, agent)).statusCode).toBe(403);
    expect((await post(`${batchUrl}/close`, agent)).statusCode).toBe(403);
    expect((await batchRow(result.providerMessageId!)).status).toBe('open');
    for (const roles of [['manager'], ['admin']] as const) {
      const allowed = await logInNewAgent(t, [...roles]);
      expect((await get(batchUrl, allowed)).statusCode).toBe(200);
    }

    const elsewhere = await buildTenant(t.app.ctx.db);
    const [foreign] = await t.app.ctx.db
      .insert(printBatches)
      .values({ tenantId: elsewhere.id, batchDate: day })
      .returning();
    for (const url of ['', '/pdf', '/manifest.csv']) {
      const response = await get(`/api/v1/backoffice/print-batches/${foreign!.id}${url}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('PRINT_BATCH_NOT_FOUND');
    }
    expect((await post(`/api/v1/backoffice/print-batches/${foreign!.id}/close`)).statusCode).toBe(404);
    expect((await batchRow(foreign!.id)).status).toBe('open');
    expect((await get('/api/v1/backoffice/print-batches/not-a-uuid')).statusCode).toBe(400);
  });

  it('neutralises spreadsheet formulas and quotes cells holding the separator', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('dit "oui"')).toBe('"dit ""oui"""');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(null)).toBe('');
  });
});

describe('print batches under concurrency', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await buildTestApp({ clock });
  });
  afterAll(() => t.close());

  it('letters sent at the same time share one batch for the day', async () => {
    const messages = await Promise.all(Array.from({ length: 5 }, () => insertQueuedLetter(t)));
    const results = await Promise.all(messages.map((message) => letterAdapter.send(message, t.app.ctx)));
    expect(new Set(results.map((result) => result.providerMessageId)).size).toBe(1);
    const batches = await t.app.ctx.db
      .select()
      .from(printBatches)
      .where(eq(printBatches.tenantId, t.tenant.id));
    expect(batches).toHaveLength(1);
    expect(await findBatchLetters(t.app.ctx.db, t.tenant.id, batches[0]!.id)).toHaveLength(5);
  });

  it('closing waits for a letter being added, so a closed batch never misses one', async () => {
    const message = await insertQueuedLetter(t);
    let closing: ReturnType<typeof closePrintBatch> | undefined;
    // The batch exists (committed) before: a client can only close a batch it could list.
    const { id: batchId } = await transaction(t.app.ctx.db, (tx) =>
      lockOpenBatchFor(tx, t.tenant.id, '2026-12-24'),
    );
    await transaction(t.app.ctx.db, async (tx) => {
      const batch = await lockOpenBatchFor(tx, t.tenant.id, '2026-12-24');
      expect(batch.id).toBe(batchId);
      closing = closePrintBatch(t.app.ctx, systemPrincipal(t.tenant.id, 'test'), batch.id);
      await tx
        .update(outboundMessages)
        .set({ printBatchId: batch.id })
        .where(eq(outboundMessages.id, message.id));
    });
    expect((await closing!).status).toBe('closed');
    const letters = await findBatchLetters(t.app.ctx.db, t.tenant.id, batchId);
    expect(letters.map((letter) => letter.messageId)).toEqual([message.id]);
    // The next letter of that day goes to a new batch, the day after.
    const next = await transaction(t.app.ctx.db, (tx) => lockOpenBatchFor(tx, t.tenant.id, '2026-12-24'));
    expect(next).toMatchObject({ batchDate: '2026-12-25', status: 'open' });
  });
});
