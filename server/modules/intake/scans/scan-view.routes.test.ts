import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildCitizen, buildDepartment } from '../../../../test/factories';
import { type LoggedInAccount, logInAccount, logInNewAgent } from '../../../../test/login';
import { multipart, sampleFiles } from '../../requests/attachments/attachment-test-files';
import { letterPdf, sampleLetter } from './scan-test-files';

describe('GET /api/v1/backoffice/requests/:id/scans/:attachmentId: a scan shown inline', () => {
  let t: TestContext;
  let reception: LoggedInAccount;
  let letter: { id: string; attachmentIds: string[] };
  const pdf = letterPdf([sampleLetter]);

  beforeAll(async () => {
    t = await buildTestApp();
    reception = await logInNewAgent(t, ['reception']);
    const body = multipart([
      { name: 'files', fileName: 'page 1 « été ».pdf', data: pdf },
      { name: 'files', fileName: 'page2.png', data: sampleFiles.png },
      { name: 'files', fileName: 'page3.tif', data: sampleFiles.tiff },
    ]);
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/backoffice/scans',
      headers: { ...reception.headers, ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    letter = response.json();
  });
  afterAll(async () => {
    await t.close();
  });

  const view = (attachmentId: string, account: { headers: Record<string, string> } = reception) =>
    t.inject({
      method: 'GET',
      url: `/api/v1/backoffice/requests/${letter.id}/scans/${attachmentId}`,
      headers: account.headers,
    });

  it('lists the letter’s files in the order reception sent them (its pages)', async () => {
    const response = await t.inject({
      method: 'GET',
      url: `/api/v1/backoffice/requests/${letter.id}`,
      headers: reception.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    const { attachments } = response.json() as { attachments: { id: string }[] };
    expect(attachments.map((attachment) => attachment.id)).toEqual(letter.attachmentIds);
  });

  it('serves a PDF inline, sandboxed, unsniffed, framed by the site only', async () => {
    const response = await view(letter.attachmentIds[0]!);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.rawPayload.equals(pdf)).toBe(true);
    expect(response.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(pdf.length),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'none'; sandbox; frame-ancestors 'self'",
    });
    expect(response.headers['content-disposition']).toBe(
      `inline; filename="page 1 _ _t_ _.pdf"; filename*=UTF-8''page%201%20%C2%AB%20%C3%A9t%C3%A9%20%C2%BB.pdf`,
    );
  });

  it('serves an image inline', async () => {
    const response = await view(letter.attachmentIds[1]!);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-disposition']).toMatch(/^inline; filename="page2.png"/);
    expect(response.rawPayload.equals(sampleFiles.png)).toBe(true);
  });

  it('answers 415 for a TIFF, which browsers cannot show (it stays downloadable)', async () => {
    const response = await view(letter.attachmentIds[2]!);
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', mediaType: 'image/tiff' });
    const download = await t.inject({
      method: 'GET',
      url: `/api/v1/backoffice/requests/${letter.id}/attachments/${letter.attachmentIds[2]}`,
      headers: reception.headers,
    });
    expect(download.statusCode).toBe(200);
  });

  it('is for agents who see the request: 401, 403, 404 otherwise', async () => {
    expect((await view(letter.attachmentIds[0]!, { headers: {} })).statusCode).toBe(401);
    const citizen = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
    expect((await view(letter.attachmentIds[0]!, citizen)).statusCode).toBe(403);
    const department = await buildDepartment(t.app.ctx.db, t.tenant.id);
    const outsider = await logInNewAgent(t, ['agent'], { departmentIds: [department.id] });
    expect((await view(letter.attachmentIds[0]!, outsider)).statusCode).toBe(404);
    const missing = await view('00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND' });
  });
});
