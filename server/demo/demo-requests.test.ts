import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../test/build-test-app';
import { insertUser, setDepartmentMemberships } from '../modules/accounts/users.repository';
import { insertCategory } from '../modules/organisation/categories.repository';
import { insertDepartment } from '../modules/organisation/departments.repository';
import { isOpen, phaseOf, type RequestStatus } from '../modules/requests/lifecycle';
import { parseReference } from '../modules/requests/reference';
import { requestEvents, requestReferenceCounters, requests } from '../modules/requests/requests.tables';
import { isTrackingCode } from '../modules/requests/tracking-code';
import { demoRequestCount, seedDemoRequests } from './demo-requests';
import { demoAccounts, demoCategories, demoDepartments } from './demo-town';
import { transaction } from '../platform/db/transaction';

const now = new Date('2026-11-20T10:00:00Z');

/** The demo town's departments, categories and accounts, in the test's own tenant. */
async function seedDemoStructure(t: TestContext) {
  const db = t.app.ctx.db;
  const departmentIds = new Map<string, string>();
  for (const { parentCode, ...department } of demoDepartments) {
    const parentId = parentCode ? (departmentIds.get(parentCode) ?? null) : null;
    departmentIds.set(
      department.code,
      (await insertDepartment(db, t.tenant.id, { ...department, parentId })).id,
    );
  }
  for (const { departmentCode, ...category } of demoCategories) {
    await insertCategory(db, t.tenant.id, {
      ...category,
      defaultDepartmentId: departmentIds.get(departmentCode)!,
    });
  }
  for (const { departmentCodes, description: _description, ...account } of demoAccounts) {
    const user = await insertUser(db, { ...account, tenantId: t.tenant.id });
    const memberships = departmentCodes.map((code) => departmentIds.get(code)!);
    if (memberships.length > 0) await setDepartmentMemberships(db, t.tenant.id, user.id, memberships);
  }
}

describe('seedDemoRequests', () => {
  let t: TestContext;
  let added: number;
  let rows: (typeof requests.$inferSelect)[];

  beforeAll(async () => {
    t = await buildTestApp();
    await seedDemoStructure(t);
    added = await transaction(t.app.ctx.db, (tx) => seedDemoRequests(tx, t.tenant.id, now));
    rows = await t.app.ctx.db
      .select()
      .from(requests)
      .where(eq(requests.tenantId, t.tenant.id))
      .orderBy(asc(requests.receivedAt));
  });
  afterAll(() => t.close());

  it('adds the demo requests once: a second run adds nothing', async () => {
    expect(added).toBe(demoRequestCount);
    expect(rows).toHaveLength(demoRequestCount);
    expect(await transaction(t.app.ctx.db, (tx) => seedDemoRequests(tx, t.tenant.id, now))).toBe(0);
  });

  it('spreads them over channels and the whole lifecycle, with some overdue', () => {
    expect(new Set(rows.map((row) => row.channel)).size).toBeGreaterThanOrEqual(4);
    const phases = new Set(rows.map((row) => phaseOf(row.status)));
    expect([...phases].sort()).toEqual(['closed', 'delivery', 'qualification', 'treatment']);
    const open = rows.filter((row) => isOpen(row.status));
    expect(open.length).toBeGreaterThanOrEqual(5);
    expect(open.some((row) => row.dueAt !== null && row.dueAt < now)).toBe(true);
    expect(rows.every((row) => row.receivedAt <= now)).toBe(true);
  });

  it('has requests from the demo citizen and anonymous ones with a contact', () => {
    expect(rows.some((row) => row.citizenId !== null)).toBe(true);
    const anonymous = rows.filter((row) => row.citizenId === null);
    expect(anonymous.length).toBeGreaterThan(0);
    expect(
      anonymous.every(
        (row) => row.contact?.name && (row.contact.email || row.contact.phone || row.contact.postalAddress),
      ),
    ).toBe(true);
  });

  it('keeps phase timestamps in order and consistent with the status', () => {
    for (const row of rows) {
      const steps = [row.receivedAt, row.qualifiedAt, row.treatmentStartedAt, row.answeredAt].filter(
        (at): at is Date => at !== null,
      );
      for (let index = 1; index < steps.length; index += 1) {
        expect(steps[index]!.getTime()).toBeGreaterThanOrEqual(steps[index - 1]!.getTime());
      }
      if (row.status === 'answered') expect(row.answeredAt).not.toBeNull();
      if (row.status === 'in_progress') expect(row.treatmentStartedAt).not.toBeNull();
      if (phaseOf(row.status) === 'closed') expect(row.closedAt).not.toBeNull();
      if (isOpen(row.status) || row.status === 'answered') expect(row.closedAt).toBeNull();
      expect(isTrackingCode(row.trackingCode)).toBe(true);
    }
  });

  it('writes a timeline that starts with the receipt and ends in the current status', async () => {
    const events = await t.app.ctx.db
      .select()
      .from(requestEvents)
      .where(eq(requestEvents.tenantId, t.tenant.id))
      .orderBy(asc(requestEvents.createdAt), asc(requestEvents.sequence));
    for (const row of rows) {
      const timeline = events.filter((event) => event.requestId === row.id);
      expect(timeline[0]?.type).toBe('created');
      expect(timeline[0]?.createdAt.getTime()).toBe(row.receivedAt.getTime());
      const changes = timeline.filter((event) => typeof event.data.to === 'string');
      const lastStatus = (changes.at(-1)?.data.to as RequestStatus | undefined) ?? 'received';
      expect(lastStatus).toBe(row.status);
    }
  });

  it('sets the reference counters past the references given, so the intake continues the sequence', async () => {
    const counters = await t.app.ctx.db
      .select()
      .from(requestReferenceCounters)
      .where(eq(requestReferenceCounters.tenantId, t.tenant.id));
    for (const row of rows) {
      const reference = parseReference(row.reference)!;
      const counter = counters.find((candidate) => candidate.year === reference.year);
      expect(counter!.lastValue).toBeGreaterThanOrEqual(reference.sequence);
    }
    expect(new Set(rows.map((row) => row.reference)).size).toBe(rows.length);
  });

  it('shows a seeded request on the public tracking page', async () => {
    const answered = rows.find((row) => row.status === 'answered' || row.status === 'closed')!;
    const response = await t.inject({ method: 'GET', url: `/api/v1/track/${answered.trackingCode}` });
    expect(response.statusCode).toBe(200);
    const view = response.json() as { reference: string; timeline: { type: string; text: string }[] };
    expect(view.reference).toBe(answered.reference);
    expect(view.timeline.some((entry) => entry.type === 'answer' && entry.text.startsWith('Bonjour'))).toBe(
      true,
    );
  });
});
