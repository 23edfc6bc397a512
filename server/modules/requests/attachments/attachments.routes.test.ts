import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildCitizen, buildDepartment } from '../../../../test/factories';
import { type LoggedInAccount, logInAccount, logInNewAgent } from '../../../../test/login';
import { realtimeChannels } from '../../../platform/events/channels';
import { fileKeyOf } from '../../../platform/storage/file-store';
import { anonymousContact, buildRoutedCategory } from '../intake-test-setup';
import { requestAttachments, requestEvents, requests } from '../requests.tables';
import { fileUpload, multipart, sampleFiles } from './attachment-test-files';

const maxBytes = 2048;

describe('attachments: /api/v1/requests/{id}/attachments and the back office', () => {
  let t: TestContext;
  let citizen: LoggedInAccount;
  let categoryId: string;

  beforeAll(async () => {
    t = await buildTestApp({ env: { ATTACHMENT_MAX_BYTES: String(maxBytes) } });
    citizen = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
    categoryId = (await buildRoutedCategory(t)).category.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const submission = () => ({
    categoryId,
    subject: 'Trottoir abîmé rue des Lilas',
    description: 'Une dalle est soulevée devant le numéro 3.',
  });

  async function fileOwnRequest(account: LoggedInAccount = citizen) {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: account.headers,
      payload: submission(),
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; trackingCode: string };
  }

  async function fileAnonymousRequest() {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/requests',
      payload: { ...submission(), contact: anonymousContact },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; trackingCode: string };
  }

  function upload(
    requestId: string,
    body: ReturnType<typeof multipart>,
    headers: Record<string, string> = citizen.headers,
  ) {
    return t.inject({
      method: 'POST',
      url: `/api/v1/requests/${requestId}/attachments`,
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
  }

  function agentUpload(requestId: string, body: ReturnType<typeof multipart>, agent: LoggedInAccount) {
    return t.inject({
      method: 'POST',
      url: `/api/v1/backoffice/requests/${requestId}/attachments`,
      headers: { ...agent.headers, ...body.headers },
      payload: body.payload,
    });
  }

  const rowsOf = (requestId: string) =>
    t.app.ctx.db.select().from(requestAttachments).where(eq(requestAttachments.requestId, requestId));

  const eventsOf = (requestId: string) =>
    t.app.ctx.db
      .select()
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, requestId), eq(requestEvents.type, 'attachment_added')));

  /** Files in the store, committed or temporary. */
  async function storedFiles(): Promise<string[]> {
    try {
      const entries = await readdir(t.app.ctx.files.root, { recursive: true, withFileTypes: true });
      return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
    } catch {
      return [];
    }
  }

  it('round-trips a file: upload by the citizen, row, public event, download of the same bytes', async () => {
    const request = await fileOwnRequest();
    const publish = vi.spyOn(t.app.ctx.bus, 'publish');
    const response = await upload(
      request.id,
      fileUpload('Relevé d’identité.pdf', sampleFiles.pdf, 'application/pdf'),
    );
    expect(response.statusCode).toBe(201);
    const view = response.json();
    expect(view).toMatchObject({
      fileName: 'Relevé d’identité.pdf',
      mediaType: 'application/pdf',
      sizeBytes: sampleFiles.pdf.length,
      visibility: 'public',
      uploadedByKind: 'citizen',
      downloadUrl: `/api/v1/requests/${request.id}/attachments/${view.id}`,
    });

    const [row] = await rowsOf(request.id);
    expect(row).toMatchObject({ id: view.id, uploadedById: citizen.id, tenantId: t.tenant.id });
    expect(await t.app.ctx.files.exists(row!.storageKey)).toBe(true);
    const events = await eventsOf(request.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      visibility: 'public',
      actorKind: 'citizen',
      actorId: citizen.id,
      data: { attachmentId: view.id, fileName: 'Relevé d’identité.pdf' },
    });
    const channels = publish.mock.calls.map(([event]) => event.channel);
    expect(channels).toEqual(
      expect.arrayContaining([
        realtimeChannels.tenantAgents(t.tenant.id),
        realtimeChannels.tracking(t.tenant.id, request.trackingCode),
        realtimeChannels.user(citizen.id),
      ]),
    );
    const trackingEvent = publish.mock.calls.find(([event]) => event.channel.includes(':tracking:'))![0];
    expect(JSON.stringify(trackingEvent.data)).not.toContain('Relevé');
    publish.mockRestore();

    const download = await t.inject({
      method: 'GET',
      url: view.downloadUrl,
      headers: { cookie: citizen.cookie },
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(sampleFiles.pdf)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Relev_ d_identit_.pdf"; filename*=UTF-8''${encodeURIComponent('Relevé d’identité.pdf')}`,
    );

    const list = await t.inject({
      method: 'GET',
      url: `/api/v1/requests/${request.id}/attachments`,
      headers: { cookie: citizen.cookie },
    });
    expect(list.json()).toEqual([view]);
  });

  it('trusts the bytes over the name and the declared type', async () => {
    const request = await fileOwnRequest();
    const response = await upload(request.id, fileUpload('scan.pdf', sampleFiles.png, 'application/pdf'));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ mediaType: 'image/png', fileName: 'scan.pdf.png' });
    const download = await t.inject({
      method: 'GET',
      url: response.json().downloadUrl,
      headers: { cookie: citizen.cookie },
    });
    expect(download.headers['content-type']).toBe('image/png');

    const odt = await upload(
      request.id,
      fileUpload('courrier.odt', sampleFiles.odt, 'application/octet-stream'),
    );
    expect(odt.json()).toMatchObject({ mediaType: 'application/vnd.oasis.opendocument.text' });
  });

  it.each([
    ['an executable renamed .pdf', 'facture.pdf', sampleFiles.exe, 'application/x-msdownload'],
    ['an HTML page', 'page.html', sampleFiles.html, 'text/html'],
    ['an SVG image', 'dessin.svg', sampleFiles.svg, 'image/svg+xml'],
    ['a plain zip', 'archive.docx', sampleFiles.zip, 'application/zip'],
  ])('refuses %s (415 naming the detected type) and keeps nothing', async (_label, name, bytes, detected) => {
    const request = await fileOwnRequest();
    const before = await storedFiles();
    const response = await upload(request.id, fileUpload(name, bytes, 'application/pdf'));
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: 'ATTACHMENT_TYPE_REFUSED', detectedType: detected });
    expect(response.json().detail).toContain(detected);
    expect(await rowsOf(request.id)).toEqual([]);
    expect(await eventsOf(request.id)).toEqual([]);
    expect(await storedFiles()).toEqual(before);
  });

  it('refuses a file over the limit with 413, storing nothing and writing no row', async () => {
    const request = await fileOwnRequest();
    const before = await storedFiles();
    const tooBig = Buffer.concat([sampleFiles.pdf, Buffer.alloc(maxBytes, 0x20)]);
    const response = await upload(request.id, fileUpload('gros.pdf', tooBig, 'application/pdf'));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', maxBytes });
    expect(await rowsOf(request.id)).toEqual([]);
    expect(await eventsOf(request.id)).toEqual([]);
    expect(await storedFiles()).toEqual(before);

    const exactly = Buffer.concat([sampleFiles.pdf, Buffer.alloc(maxBytes - sampleFiles.pdf.length, 0x20)]);
    expect((await upload(request.id, fileUpload('juste.pdf', exactly))).statusCode).toBe(201);
  });

  it('accepts at most 10 attachments per request', async () => {
    const request = await fileOwnRequest();
    for (let index = 1; index <= 10; index += 1) {
      // Different bytes each time (the store deduplicates identical content anyway).
      const bytes = Buffer.concat([sampleFiles.pdf, Buffer.from(`% ${index}\n`)]);
      const response = await upload(request.id, fileUpload(`piece-${index}.pdf`, bytes));
      expect(response.statusCode).toBe(201);
    }
    const eleventh = await upload(request.id, fileUpload('piece-11.pdf', sampleFiles.pdf));
    expect(eleventh.statusCode).toBe(409);
    expect(eleventh.json()).toMatchObject({ code: 'ATTACHMENT_LIMIT_REACHED', max: 10 });
    expect(await rowsOf(request.id)).toHaveLength(10);
  });

  it('keeps the limit under concurrent uploads: one of two racing for the last place wins', async () => {
    const request = await fileOwnRequest();
    for (let index = 1; index <= 9; index += 1) {
      const bytes = Buffer.concat([sampleFiles.pdf, Buffer.from(`% race ${index}\n`)]);
      expect((await upload(request.id, fileUpload(`piece-${index}.pdf`, bytes))).statusCode).toBe(201);
    }
    const first = Buffer.concat([sampleFiles.pdf, Buffer.from('% first\n')]);
    const second = Buffer.concat([sampleFiles.pdf, Buffer.from('% second\n')]);
    const responses = await Promise.all([
      upload(request.id, fileUpload('a.pdf', first)),
      upload(request.id, fileUpload('b.pdf', second)),
    ]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    const rows = await rowsOf(request.id);
    expect(rows).toHaveLength(10);
    // The loser's file was not kept.
    const loser = responses[0]!.statusCode === 409 ? first : second;
    const loserSha = createHash('sha256').update(loser).digest('hex');
    expect(rows.some((row) => row.sha256 === loserSha)).toBe(false);
    expect(await t.app.ctx.files.exists(fileKeyOf(loserSha))).toBe(false);
  });

  it('lets someone without an account attach with the tracking code, and nobody else', async () => {
    const request = await fileAnonymousRequest();
    const body = () => fileUpload('photo.jpg', sampleFiles.jpeg, 'image/jpeg');

    const withoutCode = await upload(request.id, body(), {});
    expect(withoutCode.statusCode).toBe(404);
    expect(withoutCode.json().code).toBe('REQUEST_NOT_FOUND');
    const wrongCode = await upload(request.id, body(), { 'x-tracking-code': 'BCDFGHJK' });
    expect(wrongCode.statusCode).toBe(404);
    const garbage = await upload(request.id, body(), { 'x-tracking-code': 'not a code' });
    expect(garbage.statusCode).toBe(404);
    expect(await rowsOf(request.id)).toEqual([]);

    const formatted = `${request.trackingCode.slice(0, 4)}-${request.trackingCode.slice(4).toLowerCase()}`;
    const ok = await upload(request.id, body(), { 'x-tracking-code': formatted });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      mediaType: 'image/jpeg',
      uploadedByKind: 'citizen',
      visibility: 'public',
    });
    const [row] = await rowsOf(request.id);
    expect(row!.uploadedById).toBeNull();

    // Anonymous people do not download, and there is no file on the public tracking page.
    const download = await t.inject({ method: 'GET', url: ok.json().downloadUrl });
    expect(download.statusCode).toBe(401);
    const tracking = await t.inject({ method: 'GET', url: `/api/v1/track/${request.trackingCode}` });
    expect(tracking.body).not.toContain('photo.jpg');
    expect(tracking.body).not.toContain(ok.json().id);

    // A logged-in citizen holding the code of someone else's request is not recorded as its uploader.
    const withSession = await upload(request.id, fileUpload('plan.png', sampleFiles.png), {
      ...citizen.headers,
      'x-tracking-code': request.trackingCode,
    });
    expect(withSession.statusCode).toBe(201);
    const planRow = (await rowsOf(request.id)).find((row) => row.id === withSession.json().id);
    expect(planRow!.uploadedById).toBeNull();

    // The tracking code never opens a request that belongs to an account.
    const owned = await fileOwnRequest();
    const byCode = await upload(owned.id, body(), { 'x-tracking-code': owned.trackingCode });
    expect(byCode.statusCode).toBe(404);
  });

  it('answers 404 to another citizen (upload, list, download)', async () => {
    const request = await fileOwnRequest();
    const uploaded = (await upload(request.id, fileUpload('a.pdf', sampleFiles.pdf))).json();
    const other = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));

    const attempt = await upload(request.id, fileUpload('b.pdf', sampleFiles.pdf), other.headers);
    expect(attempt.statusCode).toBe(404);
    expect(attempt.json().code).toBe('REQUEST_NOT_FOUND');
    const list = await t.inject({
      method: 'GET',
      url: `/api/v1/requests/${request.id}/attachments`,
      headers: { cookie: other.cookie },
    });
    expect(list.statusCode).toBe(404);
    const download = await t.inject({
      method: 'GET',
      url: uploaded.downloadUrl,
      headers: { cookie: other.cookie },
    });
    expect(download.statusCode).toBe(404);
    expect(await rowsOf(request.id)).toHaveLength(1);
  });

  it('refuses files on a finished request (409)', async () => {
    const request = await fileOwnRequest();
    await t.app.ctx.db.update(requests).set({ status: 'closed' }).where(eq(requests.id, request.id));
    const response = await upload(request.id, fileUpload('tard.pdf', sampleFiles.pdf));
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'ATTACHMENT_REQUEST_CLOSED', requestStatus: 'closed' });
  });

  it('refuses a body without exactly one file part, with a 400 naming the field', async () => {
    const request = await fileOwnRequest();
    const noFile = await upload(request.id, multipart([{ name: 'note', value: 'rien' }]));
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().errors).toEqual([{ field: 'file', message: 'is required' }]);

    const twoFiles = await upload(
      request.id,
      multipart([
        { name: 'file', fileName: 'a.pdf', data: sampleFiles.pdf },
        { name: 'file', fileName: 'b.png', data: sampleFiles.png },
      ]),
    );
    expect(twoFiles.statusCode).toBe(400);
    expect(twoFiles.json().errors[0].field).toBe('file');

    const json = await t.inject({
      method: 'POST',
      url: `/api/v1/requests/${request.id}/attachments`,
      headers: citizen.headers,
      payload: { file: 'not a file' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().errors[0].field).toBe('file');

    const empty = await upload(request.id, fileUpload('vide.pdf', Buffer.alloc(0)));
    expect(empty.statusCode).toBe(400);
    expect(await rowsOf(request.id)).toEqual([]);

    const withoutCsrf = await upload(request.id, fileUpload('a.pdf', sampleFiles.pdf), {
      cookie: citizen.cookie,
    });
    expect(withoutCsrf.statusCode).toBe(403);
  });

  describe('back office', () => {
    it('lets an agent within scope attach an internal file the citizen never sees', async () => {
      const department = await buildDepartment(t.app.ctx.db, t.tenant.id);
      const otherDepartment = await buildDepartment(t.app.ctx.db, t.tenant.id);
      const request = await fileOwnRequest();
      await t.app.ctx.db
        .update(requests)
        .set({ status: 'in_progress', departmentId: department.id })
        .where(eq(requests.id, request.id));
      const agent = await logInNewAgent(t, ['agent'], { departmentIds: [department.id] });
      const outsider = await logInNewAgent(t, ['agent'], { departmentIds: [otherDepartment.id] });

      const publish = vi.spyOn(t.app.ctx.bus, 'publish');
      const internal = await agentUpload(
        request.id,
        fileUpload('note interne.docx', sampleFiles.docx),
        agent,
      );
      expect(internal.statusCode).toBe(201);
      const internalView = internal.json();
      expect(internalView).toMatchObject({
        visibility: 'internal',
        uploadedByKind: 'agent',
        mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        downloadUrl: `/api/v1/backoffice/requests/${request.id}/attachments/${internalView.id}`,
      });
      // Internal: only the agents hear of it.
      expect(publish.mock.calls.map(([event]) => event.channel)).toEqual([
        realtimeChannels.tenantAgents(t.tenant.id),
      ]);
      publish.mockRestore();
      const [event] = await eventsOf(request.id);
      expect(event).toMatchObject({ visibility: 'internal', actorKind: 'agent', actorId: agent.id });

      const shared = await agentUpload(
        request.id,
        fileUpload('reponse.pdf', sampleFiles.pdf, 'application/pdf', { visibility: 'public' }),
        agent,
      );
      expect(shared.statusCode).toBe(201);
      expect(shared.json().visibility).toBe('public');

      // The citizen sees the public one only.
      const list = await t.inject({
        method: 'GET',
        url: `/api/v1/requests/${request.id}/attachments`,
        headers: { cookie: citizen.cookie },
      });
      expect(list.json().map((item: { id: string }) => item.id)).toEqual([shared.json().id]);
      const hidden = await t.inject({
        method: 'GET',
        url: `/api/v1/requests/${request.id}/attachments/${internalView.id}`,
        headers: { cookie: citizen.cookie },
      });
      expect(hidden.statusCode).toBe(404);
      const visible = await t.inject({
        method: 'GET',
        url: `/api/v1/requests/${request.id}/attachments/${shared.json().id}`,
        headers: { cookie: citizen.cookie },
      });
      expect(visible.rawPayload.equals(sampleFiles.pdf)).toBe(true);

      // The agent downloads both and lists both.
      const agentDownload = await t.inject({
        method: 'GET',
        url: internalView.downloadUrl,
        headers: { cookie: agent.cookie },
      });
      expect(agentDownload.statusCode).toBe(200);
      expect(agentDownload.rawPayload.equals(sampleFiles.docx)).toBe(true);
      const agentList = await t.inject({
        method: 'GET',
        url: `/api/v1/backoffice/requests/${request.id}/attachments`,
        headers: { cookie: agent.cookie },
      });
      expect(agentList.json()).toHaveLength(2);

      // Outside the scope: the same 404 as a missing request, for every route.
      const outsiderUpload = await agentUpload(request.id, fileUpload('x.pdf', sampleFiles.pdf), outsider);
      expect(outsiderUpload.statusCode).toBe(404);
      expect(outsiderUpload.json().code).toBe('REQUEST_NOT_FOUND');
      const outsiderDownload = await t.inject({
        method: 'GET',
        url: internalView.downloadUrl,
        headers: { cookie: outsider.cookie },
      });
      expect(outsiderDownload.statusCode).toBe(404);
      const outsiderList = await t.inject({
        method: 'GET',
        url: `/api/v1/backoffice/requests/${request.id}/attachments`,
        headers: { cookie: outsider.cookie },
      });
      expect(outsiderList.statusCode).toBe(404);
      expect(await rowsOf(request.id)).toHaveLength(2);
    });

    it('refuses a bad visibility, a citizen on the agents’ route, and an unknown attachment', async () => {
      const request = await fileOwnRequest();
      const admin = await logInNewAgent(t, ['admin']);
      const bad = await agentUpload(
        request.id,
        fileUpload('a.pdf', sampleFiles.pdf, 'application/pdf', { visibility: 'everyone' }),
        admin,
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors).toEqual([{ field: 'visibility', message: 'must be public or internal' }]);
      expect(await rowsOf(request.id)).toEqual([]);

      const asCitizen = await agentUpload(request.id, fileUpload('a.pdf', sampleFiles.pdf), citizen);
      expect(asCitizen.statusCode).toBe(403);

      const unknown = await t.inject({
        method: 'GET',
        url: `/api/v1/backoffice/requests/${request.id}/attachments/00000000-0000-4000-8000-000000000000`,
        headers: { cookie: admin.cookie },
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('ATTACHMENT_NOT_FOUND');
    });
  });

  it('documents the multipart bodies in the OpenAPI document', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = response.json().paths;
    const citizenUpload = paths['/api/v1/requests/{id}/attachments'].post;
    expect(citizenUpload.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({
      type: 'string',
      format: 'binary',
    });
    const agentUploadDoc = paths['/api/v1/backoffice/requests/{id}/attachments'].post;
    expect(Object.keys(agentUploadDoc.requestBody.content['multipart/form-data'].schema.properties)).toEqual([
      'visibility',
      'file',
    ]);
    expect(Object.keys(citizenUpload.responses)).toEqual(
      expect.arrayContaining(['201', '400', '404', '409', '413', '415']),
    );
    expect(
      paths['/api/v1/requests/{id}/attachments/{attachmentId}'].get.responses['200'].content,
    ).toHaveProperty('application/octet-stream');
  });
});
