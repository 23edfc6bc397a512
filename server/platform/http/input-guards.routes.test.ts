import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { type LoggedInAccount, logInNewAgent } from '../../../test/login';
import { fileUpload, multipart } from '../../modules/requests/attachments/attachment-test-files';
import {
  buildNamedCategory,
  buildNamedDepartment,
} from '../../modules/requests/backoffice/backoffice-test-setup';

describe('input guards: bad input answers 400 naming the field, in French', () => {
  let t: TestContext;
  let admin: LoggedInAccount;
  let reception: LoggedInAccount;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await logInNewAgent(t, ['admin']);
    reception = await logInNewAgent(t, ['reception']);
  });
  afterAll(() => t.close());

  const problemOf = (response: { statusCode: number; json(): unknown }) => ({
    status: response.statusCode,
    ...(response.json() as { code: string; errors?: unknown }),
  });

  it('refuses a NUL byte in a body field, a path parameter and a query parameter', async () => {
    const body = await t.inject({
      method: 'POST',
      url: '/api/v1/admin/departments',
      headers: admin.headers,
      payload: { code: 'voirie', name: 'Voi\u0000rie' },
    });
    expect(problemOf(body)).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'name', message: 'ne doit pas contenir de caractère nul (U+0000)' }],
    });
    const path = await t.inject({ method: 'GET', url: '/api/v1/auth/oidc/franc%00connect/start' });
    expect(problemOf(path)).toMatchObject({ status: 400, errors: [{ field: 'slug' }] });
    const query = await t.inject({
      method: 'GET',
      url: '/api/v1/backoffice/requests?q=chauss%00ee',
      headers: { cookie: admin.cookie },
    });
    expect(problemOf(query)).toMatchObject({ status: 400, errors: [{ field: 'q' }] });
  });

  it('refuses Infinity and numbers beyond 32 bits in the query and the body', async () => {
    for (const url of ['/api/v1/admin/jobs?page=Infinity', '/api/v1/admin/jobs?page=-Infinity']) {
      const response = await t.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
      expect(problemOf(response), url).toMatchObject({
        status: 400,
        errors: [{ field: 'page', message: 'doit être un nombre fini' }],
      });
    }
    const huge = await t.inject({
      method: 'GET',
      url: '/api/v1/admin/jobs?page=1e300',
      headers: { cookie: admin.cookie },
    });
    expect(problemOf(huge)).toMatchObject({
      status: 400,
      errors: [{ field: 'page', message: 'doit être compris entre -2147483647 et 2147483647' }],
    });
    const department = await buildNamedDepartment(t, 'Voirie');
    const category = await buildNamedCategory(t, 'Nid-de-poule', department.id);
    const body = await t.inject({
      method: 'PATCH',
      url: `/api/v1/admin/categories/${category.id}`,
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: '{"deadlineDays": 1e400}',
    });
    expect(problemOf(body)).toMatchObject({ status: 400 });
    expect(body.statusCode).toBe(400);
  });

  it('answers 400 to multipart without a boundary or cut short, and to a NUL in a multipart field', async () => {
    const upload = fileUpload('lettre.pdf', Buffer.from('%PDF-1.4\n%essai\n'));
    const noBoundary = await t.inject({
      method: 'POST',
      url: '/api/v1/backoffice/scans',
      headers: { ...reception.headers, 'content-type': 'multipart/form-data' },
      payload: upload.payload,
    });
    expect(problemOf(noBoundary)).toMatchObject({ status: 400, errors: [{ field: 'body' }] });
    const truncated = await t.inject({
      method: 'POST',
      url: '/api/v1/backoffice/scans',
      headers: { ...reception.headers, ...upload.headers },
      payload: upload.payload.subarray(0, Math.floor(upload.payload.length / 2)),
    });
    expect(problemOf(truncated)).toMatchObject({ status: 400, errors: [{ field: 'body' }] });
    const form = multipart([{ name: 'subject', value: 'Cour\u0000rier' }]);
    const nul = await t.inject({
      method: 'POST',
      url: '/api/v1/backoffice/scans',
      headers: { ...reception.headers, ...form.headers },
      payload: form.payload,
    });
    expect(problemOf(nul)).toMatchObject({
      status: 400,
      errors: [{ field: 'subject', message: 'ne doit pas contenir de caractère nul (U+0000)' }],
    });
  });

  it('answers 400, not 500, to a due date past year 9999', async () => {
    const department = await buildNamedDepartment(t, 'Accueil');
    const category = await buildNamedCategory(t, 'Courrier', department.id);
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/backoffice/requests',
      headers: reception.headers,
      payload: {
        channel: 'letter',
        categoryId: category.id,
        subject: 'Courrier',
        description: 'Un courrier daté de très loin.',
        contact: { name: 'Camille Martin', email: 'camille.martin@example.fr' },
        receivedAt: '9999-12-31T12:00:00.000Z',
      },
    });
    expect(response.statusCode).toBe(400);
    const scan = fileUpload('lettre.pdf', Buffer.from('%PDF-1.4\n%essai\n'), 'application/pdf', {
      receivedAt: '9999-12-31',
    });
    const scanned = await t.inject({
      method: 'POST',
      url: '/api/v1/backoffice/scans',
      headers: { ...reception.headers, ...scan.headers },
      payload: scan.payload,
    });
    expect(scanned.statusCode, scanned.body).toBe(400);
    const dueDate = await t.inject({
      method: 'GET',
      url: '/api/v1/calendar/due-date?from=9999-12-20&days=3650',
    });
    expect(problemOf(dueDate)).toMatchObject({
      status: 400,
      errors: [{ field: 'days', message: 'l’échéance tomberait après le 31 décembre 9999' }],
    });
  });
});
