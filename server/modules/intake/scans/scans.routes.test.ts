import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildCitizen } from '../../../../test/factories';
import { type LoggedInAccount, logInAccount, logInNewAgent } from '../../../../test/login';
import { jobs } from '../../../platform/jobs/jobs.tables';
import { tenants } from '../../organisation/organisation.tables';
import { multipart, type MultipartPart, sampleFiles } from '../../requests/attachments/attachment-test-files';
import { requestAttachments, requestEvents, requests } from '../../requests/requests.tables';
import { ocrUnavailableReason } from './ocr';
import { ocrExtractJob, ocrJobType } from './ocr-job';
import { imageOnlyPdf, letterPdf, rasterise, sampleLetter } from './scan-test-files';

const ocrMissing = await ocrUnavailableReason();
if (ocrMissing) console.warn(`OCR tests skipped: ${ocrMissing}`);

describe('scanned postal mail: POST /api/v1/backoffice/scans and the ocr.extract job', () => {
  let t: TestContext;
  let reception: LoggedInAccount;

  beforeAll(async () => {
    t = await buildTestApp();
    reception = await logInNewAgent(t, ['reception']);
  });
  afterAll(async () => {
    await t.close();
  });

  function upload(parts: MultipartPart[], account: { headers: Record<string, string> } = reception) {
    const body = multipart(parts);
    return t.inject({
      method: 'POST',
      url: '/api/v1/backoffice/scans',
      headers: { ...account.headers, ...body.headers },
      payload: body.payload,
    });
  }
  const file = (fileName: string, data: Buffer): MultipartPart => ({ name: 'files', fileName, data });

  const eventsOf = (requestId: string, type: string) =>
    t.app.ctx.db
      .select()
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, requestId), eq(requestEvents.type, type)));
  const requestRow = async (id: string) =>
    (await t.app.ctx.db.select().from(requests).where(eq(requests.id, id)))[0]!;

  it('files a letter with its scans as a request with channel letter, the letter cost and an OCR job', async () => {
    const pdf = letterPdf([sampleLetter]);
    const response = await upload([
      { name: 'receivedAt', value: '2026-11-02' },
      { name: 'contactName', value: 'Jean Dupont' },
      { name: 'contactLine1', value: '3 rue des Lilas' },
      { name: 'contactPostcode', value: '75011' },
      { name: 'contactCity', value: 'Paris' },
      file('courrier.pdf', pdf),
      file('enveloppe.png', sampleFiles.png),
    ]);
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json() as { id: string; reference: string; attachmentIds: string[] };
    expect(created.attachmentIds).toHaveLength(2);

    const row = await requestRow(created.id);
    expect(row).toMatchObject({
      channel: 'letter',
      status: 'received',
      subject: 'Courrier reçu le 2 novembre 2026',
      contact: {
        name: 'Jean Dupont',
        postalAddress: { line1: '3 rue des Lilas', postcode: '75011', city: 'Paris' },
      },
    });
    const [createdEvent] = await eventsOf(created.id, 'created');
    expect(createdEvent!.data).toMatchObject({ channel: 'letter', unitCostCents: 270 });

    const files = await t.app.ctx.db
      .select()
      .from(requestAttachments)
      .where(eq(requestAttachments.requestId, created.id));
    expect(files.map((f) => [f.fileName, f.mediaType, f.visibility]).sort()).toEqual([
      ['courrier.pdf', 'application/pdf', 'internal'],
      ['enveloppe.png', 'image/png', 'internal'],
    ]);
    expect(await eventsOf(created.id, 'attachment_added')).toHaveLength(2);
    const [job] = await t.app.ctx.db
      .select()
      .from(jobs)
      .where(eq(jobs.idempotencyKey, `ocr:${created.id}`));
    expect(job).toMatchObject({ type: ocrJobType, tenantId: t.tenant.id });
    expect(job!.payload).toEqual({ requestId: created.id, attachmentIds: created.attachmentIds });
  });

  it('takes the contact as optional, and the letter cost from the town’s settings', async () => {
    const [tenant] = await t.app.ctx.db.select().from(tenants).where(eq(tenants.id, t.tenant.id));
    await t.app.ctx.db
      .update(tenants)
      .set({
        settings: {
          ...tenant!.settings,
          unitCostsCents: { ...tenant!.settings.unitCostsCents, letter: 310 },
        },
      })
      .where(eq(tenants.id, t.tenant.id));
    const response = await upload([
      { name: 'subject', value: 'Réclamation de voisinage' },
      file('scan.jpg', sampleFiles.jpeg),
    ]);
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json() as { id: string };
    expect(await requestRow(id)).toMatchObject({
      subject: 'Réclamation de voisinage',
      contact: null,
      citizenId: null,
    });
    const [createdEvent] = await eventsOf(id, 'created');
    expect(createdEvent!.data).toMatchObject({ unitCostCents: 310 });
  });

  it('files it for a citizen account', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const response = await upload([
      { name: 'citizenId', value: citizen.id },
      file('scan.tif', sampleFiles.tiff),
    ]);
    expect(response.statusCode, response.body).toBe(201);
    expect(await requestRow((response.json() as { id: string }).id)).toMatchObject({ citizenId: citizen.id });
  });

  it('refuses what is not a scan, an empty upload, bad fields, and non-agents', async () => {
    const exe = await upload([file('lettre.pdf', sampleFiles.exe)]);
    expect(exe.statusCode).toBe(415);
    expect(exe.json()).toMatchObject({ code: 'SCAN_TYPE_REFUSED', detectedType: 'application/x-msdownload' });
    const docx = await upload([file('scan.png', sampleFiles.png), file('lettre.docx', sampleFiles.docx)]);
    expect(docx.statusCode).toBe(415);

    const none = await upload([{ name: 'subject', value: 'Sans fichier' }]);
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ errors: [{ field: 'files' }] });

    const noName = await upload([
      { name: 'contactEmail', value: 'a@b.fr' },
      file('scan.png', sampleFiles.png),
    ]);
    expect(noName.statusCode).toBe(400);
    expect(noName.json()).toMatchObject({ errors: [{ field: 'contactName' }] });
    const nameOnly = await upload([
      { name: 'contactName', value: 'Jean Dupont' },
      file('scan.png', sampleFiles.png),
    ]);
    expect(nameOnly.json()).toMatchObject({ errors: [{ field: 'contactLine1' }] });
    const badDate = await upload([{ name: 'receivedAt', value: 'hier' }, file('scan.png', sampleFiles.png)]);
    expect(badDate.json()).toMatchObject({ errors: [{ field: 'receivedAt' }] });
    const unknown = await upload([{ name: 'channel', value: 'web' }, file('scan.png', sampleFiles.png)]);
    expect(unknown.json()).toMatchObject({ errors: [{ field: 'channel' }] });
    const future = await upload([
      { name: 'receivedAt', value: '2999-01-01' },
      file('scan.png', sampleFiles.png),
    ]);
    expect(future.json()).toMatchObject({ errors: [{ field: 'receivedAt' }] });

    const citizen = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
    expect((await upload([file('scan.png', sampleFiles.png)], citizen)).statusCode).toBe(403);
    expect((await upload([file('scan.png', sampleFiles.png)], { headers: {} })).statusCode).toBe(401);
    // Nothing half-written: every refused upload left no request behind.
    const letters = await t.app.ctx.db
      .select({ id: requests.id })
      .from(requests)
      .where(and(eq(requests.tenantId, t.tenant.id), eq(requests.channel, 'letter')));
    expect(letters).toHaveLength(3);
  });

  it.skipIf(Boolean(ocrMissing))(
    'reads a letter rendered to an image (French OCR) into the search and the timeline',
    async () => {
      const png = await rasterise(letterPdf([sampleLetter]), 'png');
      const response = await upload([file('lettre.png', png)]);
      expect(response.statusCode, response.body).toBe(201);
      const { id, reference } = response.json() as { id: string; reference: string };

      await t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });

      const [done] = await eventsOf(id, 'ocr_done');
      expect(done).toMatchObject({ visibility: 'internal', actorKind: 'system' });
      expect(done!.body!.toLowerCase()).toContain('mairie');
      expect(done!.body!.toLowerCase()).toContain('lampadaire');
      expect(done!.data).toMatchObject({
        pages: 1,
        files: [{ fileName: 'lettre.png', method: 'ocr', pages: 1 }],
      });
      const row = await requestRow(id);
      expect(row.searchExtra.toLowerCase()).toContain('lilas');
      expect(row.version).toBe(2);

      // The back office's search finds the letter by a word only its scan contains.
      const search = await t.inject({
        method: 'GET',
        url: '/api/v1/backoffice/requests?q=lampadaire',
        headers: reception.headers,
      });
      expect(search.statusCode, search.body).toBe(200);
      expect(
        (search.json() as { items: { reference: string }[] }).items.map((item) => item.reference),
      ).toContain(reference);

      // Run again (a retry after a lost lease): nothing is added twice.
      await ocrExtractJob(
        {
          id: 0,
          tenantId: t.tenant.id,
          type: ocrJobType,
          payload: { requestId: id },
          attempts: 2,
          maxAttempts: 3,
        },
        t.app.ctx,
      );
      expect(await eventsOf(id, 'ocr_done')).toHaveLength(1);
      expect((await requestRow(id)).version).toBe(2);
    },
  );

  it.skipIf(Boolean(ocrMissing))('takes a PDF’s own text layer page by page, and reads a TIFF', async () => {
    const pdf = letterPdf([sampleLetter, ['Page deux', 'Pièce jointe : photographie du lampadaire']]);
    const tiff = await rasterise(letterPdf([['Mairie annexe', 'Demande de rendez-vous']]), 'tiff');
    const response = await upload([file('lettre.pdf', pdf), file('annexe.tif', tiff)]);
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json() as { id: string };
    await t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });
    const [done] = await eventsOf(id, 'ocr_done');
    expect(done!.data).toMatchObject({
      pages: 3,
      files: [
        { fileName: 'lettre.pdf', method: 'text_layer', pages: 2 },
        { fileName: 'annexe.tif', method: 'ocr', pages: 1 },
      ],
    });
    expect(done!.body).toContain('Pièce jointe');
    expect(done!.body!.toLowerCase()).toContain('rendez-vous');
  });

  it.skipIf(Boolean(ocrMissing))('rasterises a scanner’s PDF without a text layer and reads it', async () => {
    const scanned = await imageOnlyPdf(letterPdf([sampleLetter]));
    const response = await upload([file('scanner.pdf', scanned)]);
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json() as { id: string };
    await t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });
    const [done] = await eventsOf(id, 'ocr_done');
    expect(done!.data).toMatchObject({
      pages: 1,
      files: [{ fileName: 'scanner.pdf', method: 'ocr', pages: 1 }],
    });
    expect(done!.body!.toLowerCase()).toContain('lampadaire');
  });

  it.skipIf(Boolean(ocrMissing))(
    'records a failed reading in the timeline and leaves the job to retry',
    async () => {
      // A PNG signature on garbage: accepted as a scan, unreadable by tesseract.
      const broken = Buffer.concat([sampleFiles.png, Buffer.alloc(64, 7)]);
      const response = await upload([file('abime.png', broken)]);
      expect(response.statusCode, response.body).toBe(201);
      const { id } = response.json() as { id: string };
      await t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });
      const [failed] = await eventsOf(id, 'ocr_failed');
      expect(failed).toMatchObject({
        visibility: 'internal',
        data: { attempt: 1, maxAttempts: 3, willRetry: true },
      });
      expect(await eventsOf(id, 'ocr_done')).toHaveLength(0);
      const [job] = await t.app.ctx.db
        .select()
        .from(jobs)
        .where(eq(jobs.idempotencyKey, `ocr:${id}`));
      expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    },
  );
});
