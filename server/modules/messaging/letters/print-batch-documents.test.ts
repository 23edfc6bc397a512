import { eq } from 'drizzle-orm';
import { PDFArray, PDFDocument, type PDFPage, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { type LoggedInAccount, logInNewAgent } from '../../../../test/login';
import { createFixedClock } from '../../../platform/clock';
import { seedRequest } from '../../requests/backoffice/backoffice-test-setup';
import { outboundMessages, printBatches } from '../messaging.tables';
import { needsBlankPageAfter, sheetsOf } from './batch-documents';
import { letterAdapter } from './letter-adapter';
import { millimetresOf } from './letter-layout';
import { type LetterContent, renderLetterPdf } from './letter-pdf';
import { insertQueuedLetter, loadPdf, longBody, placedTextOf, sampleAddress } from './letters-test-setup';

const clock = createFixedClock('2026-11-20T09:00:00Z');

/**
 * A body that renders to exactly `pages` pages: the middle of the range of paragraph counts that
 * give that many pages, so that the letterhead and subject of a real letter do not tip it over.
 */
async function bodyOfPages(pages: number): Promise<string> {
  const content: LetterContent = {
    letterhead: { townName: 'Commune' },
    place: 'Démo',
    date: clock.now(),
    recipient: sampleAddress,
    subject: 'Votre demande',
    body: '',
  };
  const counts: number[] = [];
  for (let paragraphs = 1; paragraphs <= 80; paragraphs += 1) {
    const rendered = await renderLetterPdf({ ...content, body: longBody(paragraphs) });
    if (rendered.pageCount === pages) counts.push(paragraphs);
    if (rendered.pageCount > pages) break;
  }
  if (counts.length === 0) throw new Error(`No body renders to ${pages} pages.`);
  return longBody(counts[Math.floor(counts.length / 2)]!);
}

/** A page with nothing drawn on it: no content stream, or only empty ones. */
function isBlank(page: PDFPage): boolean {
  const contents = page.node.Contents();
  if (!contents) return true;
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
  return streams.every((stream) => stream instanceof PDFRawStream && stream.getContentsSize() === 0);
}

describe('print batch documents: page counts, recto-verso, manifest, one letter', () => {
  let t: TestContext;
  let reception: LoggedInAccount;
  const pageCounts = [1, 3, 2, 1];
  let batchId: string;
  let messageIds: string[];
  let reference: string;

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    reception = await logInNewAgent(t, ['reception']);
    const request = await seedRequest(t, { subject: 'Courrier long' });
    reference = request.reference;
    messageIds = [];
    for (const [index, pages] of pageCounts.entries()) {
      const message = await insertQueuedLetter(t, {
        requestId: index === 1 ? request.id : null,
        bodyText: await bodyOfPages(pages),
        queuedAt: new Date(clock.now().getTime() + index * 60_000),
      });
      const result = await letterAdapter.send(message, t.app.ctx);
      batchId = result.providerMessageId!;
      messageIds.push(message.id);
    }
    // Rendering a dozen letters on a loaded machine takes a while.
  }, 180_000);
  afterAll(() => t.close());

  function get(url: string, who: { cookie: string } = reception) {
    return t.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  }

  async function messageRow(id: string) {
    const [row] = await t.app.ctx.db.select().from(outboundMessages).where(eq(outboundMessages.id, id));
    return row!;
  }

  it('sheets and blank pages: half the pages rounded up in recto-verso, never a blank after the last', () => {
    expect([1, 2, 3, 4].map((pages) => sheetsOf(pages, true))).toEqual([1, 1, 2, 2]);
    expect([1, 2, 3].map((pages) => sheetsOf(pages, false))).toEqual([1, 2, 3]);
    expect(needsBlankPageAfter(3, true, false)).toBe(true);
    expect(needsBlankPageAfter(2, true, false)).toBe(false);
    expect(needsBlankPageAfter(3, true, true)).toBe(false);
    expect(needsBlankPageAfter(3, false, false)).toBe(false);
  });

  it('stores each letter’s PDF, page count and rendering time in its own columns, not in its attachments', async () => {
    for (const [index, messageId] of messageIds.entries()) {
      const row = await messageRow(messageId);
      expect(row).toMatchObject({
        printBatchId: batchId,
        letterPageCount: pageCounts[index],
        letterRenderedAt: clock.now(),
        attachments: [],
      });
      expect(await t.app.ctx.files.exists(row.letterPdfKey!)).toBe(true);
    }
    const detail = await get(`/api/v1/backoffice/print-batches/${batchId}`);
    expect(detail.statusCode).toBe(200);
    const letters = detail.json().letters as { messageId: string; pageCount: number; pdfUrl: string }[];
    expect(letters.map((letter) => letter.pageCount)).toEqual(pageCounts);
    expect(letters[0]).toMatchObject({
      enclosureCount: 0,
      unprintedFiles: [],
      renderedAt: clock.now().toISOString(),
      pdfUrl: `/api/v1/backoffice/print-batches/${batchId}/letters/${messageIds[0]}/pdf`,
    });
  });

  it('one letter’s PDF alone, leaving the batch open; another town’s or batch’s letter is not found', async () => {
    const response = await get(`/api/v1/backoffice/print-batches/${batchId}/letters/${messageIds[1]}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(`courrier-${reference}.pdf`);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const pdf = await loadPdf(response.rawPayload);
    expect(pdf.getPageCount()).toBe(3);
    expect(placedTextOf(pdf.getPage(0)).map((placed) => placed.text)).toContain(`Réf.\u00a0: ${reference}`);
    const [batch] = await t.app.ctx.db.select().from(printBatches).where(eq(printBatches.id, batchId));
    expect(batch!.status).toBe('open');

    // Same route, wrong pairing: a letter of another town, or of another batch of this town.
    const other = await buildTestApp({ clock });
    try {
      const foreign = await insertQueuedLetter(other);
      const foreignBatch = (await letterAdapter.send(foreign, other.app.ctx)).providerMessageId!;
      for (const url of [
        `/api/v1/backoffice/print-batches/${foreignBatch}/letters/${foreign.id}/pdf`,
        `/api/v1/backoffice/print-batches/${batchId}/letters/${foreign.id}/pdf`,
      ]) {
        const notFound = await get(url);
        expect(notFound.statusCode).toBe(404);
        expect(notFound.json().code).toBe('PRINT_LETTER_NOT_FOUND');
      }
    } finally {
      await other.close();
    }
    const [otherBatch] = await t.app.ctx.db
      .insert(printBatches)
      .values({ tenantId: t.tenant.id, batchDate: '2026-10-01', status: 'posted' })
      .returning();
    const wrongBatch = await get(
      `/api/v1/backoffice/print-batches/${otherBatch!.id}/letters/${messageIds[0]}/pdf`,
    );
    expect(wrongBatch.statusCode).toBe(404);

    const agent = await logInNewAgent(t, ['agent']);
    const url = `/api/v1/backoffice/print-batches/${batchId}/letters/${messageIds[0]}/pdf`;
    expect((await get(url, agent)).statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await get(`/api/v1/backoffice/print-batches/${batchId}/letters/nope/pdf`)).statusCode).toBe(400);
  });

  it('one-sided: the letters follow each other, no blank page', async () => {
    const response = await get(`/api/v1/backoffice/print-batches/${batchId}/pdf?duplex=false`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain(`courriers-2026-11-20-recto.pdf`);
    const pdf = await loadPdf(response.rawPayload);
    expect(pdf.getPageCount()).toBe(7);
    for (const page of pdf.getPages()) expect(isBlank(page)).toBe(false);
  });

  it('recto-verso (the default): a blank A4 page after each letter of odd pages but the last', async () => {
    const response = await get(`/api/v1/backoffice/print-batches/${batchId}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain(`courriers-2026-11-20.pdf`);
    const pdf = await loadPdf(response.rawPayload);
    // 1 + blank, 3 + blank, 2, 1: every letter starts on an odd page (a recto).
    expect(pdf.getPageCount()).toBe(9);
    const blanks = pdf.getPages().flatMap((page, index) => (isBlank(page) ? [index + 1] : []));
    expect(blanks).toEqual([2, 6]);
    for (const index of [1, 5]) {
      const page = pdf.getPage(index);
      expect(placedTextOf(page)).toEqual([]);
      expect(millimetresOf(page.getWidth())).toBeCloseTo(210, 0);
      expect(millimetresOf(page.getHeight())).toBeCloseTo(297, 0);
    }
    const texts = (pageNumber: number) => placedTextOf(pdf.getPage(pageNumber - 1)).map((text) => text.text);
    expect(texts(3)).toContain('Page 1 sur 3');
    expect(texts(5)).toContain('Page 3 sur 3');
    expect(texts(7)).toContain('Page 1 sur 2');
    expect(texts(9)).toContain('75011 PARIS');
    expect((await get(`/api/v1/backoffice/print-batches/${batchId}/pdf?duplex=maybe`)).statusCode).toBe(400);
  });

  it('the manifest gives each letter’s first page, pages and sheets for the chosen printing', async () => {
    const cellsOf = async (query: string) => {
      const response = await get(`/api/v1/backoffice/print-batches/${batchId}/manifest.csv${query}`);
      expect(response.statusCode).toBe(200);
      const lines = response.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
      const header = lines[0]!.split(';');
      expect(header.slice(6, 9)).toEqual(['Première page', 'Pages', 'Feuilles']);
      return {
        disposition: response.headers['content-disposition'],
        rows: lines.slice(1).map((line) => line.split(';').slice(6, 9).map(Number)),
      };
    };
    const duplex = await cellsOf('?duplex=true');
    expect(duplex.disposition).toContain('courriers-2026-11-20.csv');
    expect(duplex.rows).toEqual([
      [1, 1, 1],
      [3, 3, 2],
      [7, 2, 1],
      [9, 1, 1],
    ]);
    const oneSided = await cellsOf('?duplex=false');
    expect(oneSided.disposition).toContain('courriers-2026-11-20-recto.csv');
    expect(oneSided.rows).toEqual([
      [1, 1, 1],
      [2, 3, 3],
      [5, 2, 2],
      [7, 1, 1],
    ]);
  });

  it('prints a letter’s PDF enclosures after it and counts them in its pages and sheets', async () => {
    const enclosure = await PDFDocument.create();
    enclosure.addPage();
    enclosure.addPage();
    const storedEnclosure = await t.app.ctx.files.put(await enclosure.save());
    const message = await insertQueuedLetter(t);
    await t.app.ctx.db
      .update(outboundMessages)
      .set({
        attachments: [
          { storageKey: storedEnclosure.key, fileName: 'plan.pdf', mediaType: 'application/pdf' },
          {
            storageKey: storedEnclosure.key,
            fileName: 'formulaire.odt',
            mediaType: 'application/vnd.oasis.opendocument.text',
          },
        ],
      })
      .where(eq(outboundMessages.id, message.id));
    const batch = (await letterAdapter.send(await messageRow(message.id), t.app.ctx)).providerMessageId!;
    // The earlier downloads closed the first batch: this letter is in the next one.
    expect(batch).not.toBe(batchId);
    expect((await messageRow(message.id)).attachments).toHaveLength(2);

    const detail = (await get(`/api/v1/backoffice/print-batches/${batch}`)).json();
    expect(detail.letters[0]).toMatchObject({
      pageCount: 1,
      enclosureCount: 1,
      unprintedFiles: ['formulaire.odt'],
    });
    const pdf = await loadPdf((await get(`/api/v1/backoffice/print-batches/${batch}/pdf`)).rawPayload);
    expect(pdf.getPageCount()).toBe(3);
    const manifest = (await get(`/api/v1/backoffice/print-batches/${batch}/manifest.csv`)).rawPayload
      .subarray(3)
      .toString('utf8')
      .trimEnd()
      .split('\r\n');
    expect(manifest[1]!.split(';').slice(6, 10)).toEqual(['1', '3', '2', 'formulaire.odt']);
  });

  it('counts, once, the pages of a letter rendered before page counts were recorded', async () => {
    const message = await insertQueuedLetter(t);
    const rendered = await renderLetterPdf({
      letterhead: { townName: 'Commune' },
      place: 'Démo',
      date: clock.now(),
      recipient: sampleAddress,
      subject: 'Ancien courrier',
      body: await bodyOfPages(2),
    });
    const stored = await t.app.ctx.files.put(rendered.pdf);
    const [batch] = await t.app.ctx.db
      .insert(printBatches)
      .values({ tenantId: t.tenant.id, batchDate: '2026-09-01', status: 'closed' })
      .returning();
    // What migration 0008 leaves of a letter batched the old way: its PDF, no page count.
    await t.app.ctx.db
      .update(outboundMessages)
      .set({ printBatchId: batch!.id, letterPdfKey: stored.key, letterRenderedAt: clock.now() })
      .where(eq(outboundMessages.id, message.id));
    const detail = await get(`/api/v1/backoffice/print-batches/${batch!.id}`);
    expect(detail.json().letters[0].pageCount).toBe(2);
    expect((await messageRow(message.id)).letterPageCount).toBe(2);
  });
});
