import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../../test/build-test-app';
import { buildAgent, buildCitizen, buildDepartment } from '../../../../../test/factories';
import {
  buildAdminSession,
  logInAccount,
  logInNewAgent,
  type LoggedInAccount,
} from '../../../../../test/login';
import { createFixedClock } from '../../../../platform/clock';
import { insertCategory } from '../../../organisation/categories.repository';
import { buildRoutedCategory } from '../../intake-test-setup';
import { users } from '../../../accounts/accounts.tables';
import { act, actOk, fileRequest, loadEvents, loadRequest, track } from './actions-test-setup';

describe('back-office actions: qualify and assign', () => {
  let t: TestContext;
  let admin: LoggedInAccount;
  let reception: LoggedInAccount;
  let voirie: Awaited<ReturnType<typeof buildRoutedCategory>>;
  let otherDepartmentId: string;
  let fiveDayCategoryId: string;
  // Friday 4 December 2026, 10:00 in Paris.
  const clock = createFixedClock('2026-12-04T09:00:00Z');

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    voirie = await buildRoutedCategory(t, { deadlineDays: 3 });
    otherDepartmentId = (await buildDepartment(t.app.ctx.db, t.tenant.id, { name: 'Espaces verts' })).id;
    fiveDayCategoryId = (
      await insertCategory(t.app.ctx.db, t.tenant.id, {
        code: 'eclairage',
        name: 'Éclairage public',
        description: '',
        defaultDepartmentId: voirie.department.id,
        deadlineDays: 5,
        silenceRule: 'none',
        silencePeriodDays: null,
        isActive: true,
      })
    ).id;
    admin = await buildAdminSession(t);
    reception = await logInNewAgent(t, ['reception']);
  });
  afterAll(() => t.close());

  const file = () => fileRequest(t, voirie.category.id);
  const qualification = (overrides: Record<string, unknown> = {}) => ({
    categoryId: fiveDayCategoryId,
    departmentId: otherDepartmentId,
    priority: 'high',
    ...overrides,
  });

  describe('qualify', () => {
    it('sets category, department, priority and the due date from the new deadline, with a public event', async () => {
      const filed = await file();
      clock.advance(60 * 60 * 1000);
      const result = await actOk(t, reception, filed.id, 'qualify', qualification({ version: 1 }));
      // Received Friday 4 December: five business days later is Friday 11 December, end of day in Paris.
      expect(result).toEqual({
        id: filed.id,
        status: 'qualified',
        version: 2,
        assigneeId: null,
        departmentId: otherDepartmentId,
        dueAt: '2026-12-11T22:59:59.999Z',
      });
      const row = await loadRequest(t, filed.id);
      expect(row.categoryId).toBe(fiveDayCategoryId);
      expect(row.priority).toBe('high');
      expect(row.qualifiedAt?.toISOString()).toBe('2026-12-04T10:00:00.000Z');
      const qualified = (await loadEvents(t, filed.id)).find((event) => event.type === 'qualified');
      expect(qualified).toMatchObject({
        visibility: 'public',
        actorKind: 'agent',
        actorId: reception.id,
        data: {
          from: 'received',
          to: 'qualified',
          categoryId: fiveDayCategoryId,
          departmentId: otherDepartmentId,
          priority: 'high',
          before: { categoryId: voirie.category.id, departmentId: voirie.department.id, priority: 'normal' },
        },
      });
      const tracking = await track(t, filed.trackingCode);
      expect(tracking.status).toBe('qualified');
      expect(tracking.timeline.map((entry) => entry.text)).toContain('Demande prise en compte');
    });

    it('marks a duplicate of another request of the town instead, linked to it', async () => {
      const original = await file();
      const copy = await file();
      const result = await actOk(
        t,
        reception,
        copy.id,
        'qualify',
        qualification({ duplicateOf: original.id }),
      );
      expect(result.status).toBe('duplicate');
      const row = await loadRequest(t, copy.id);
      expect(row.duplicateOfId).toBe(original.id);
      expect(row.closedAt).not.toBeNull();
      expect(row.qualifiedAt).toBeNull();
      const events = await loadEvents(t, copy.id);
      expect(events.at(-1)).toMatchObject({
        type: 'duplicate',
        visibility: 'public',
        data: {
          from: 'received',
          to: 'duplicate',
          duplicateOfId: original.id,
          duplicateOfReference: original.reference,
        },
      });
    });

    it('refuses a duplicate of itself, and a loop of duplicates, with a 400 naming duplicateOf', async () => {
      const filed = await file();
      const itself = await act(t, admin, filed.id, 'qualify', qualification({ duplicateOf: filed.id }));
      expect(itself.statusCode).toBe(400);
      expect(itself.json().errors).toEqual([
        { field: 'duplicateOf', message: 'cannot be the request itself' },
      ]);

      // `other` is already a duplicate of `filed`: marking `filed` a duplicate of `other` would loop.
      const other = await file();
      await actOk(t, admin, other.id, 'qualify', qualification({ duplicateOf: filed.id }));
      const loop = await act(t, admin, filed.id, 'qualify', qualification({ duplicateOf: other.id }));
      expect(loop.statusCode).toBe(400);
      expect(loop.json().errors[0].field).toBe('duplicateOf');

      const unknown = await act(
        t,
        admin,
        filed.id,
        'qualify',
        qualification({ duplicateOf: crypto.randomUUID() }),
      );
      expect(unknown.statusCode).toBe(400);
      expect((await loadRequest(t, filed.id)).status).toBe('received');
    });

    it('answers 409 TRANSITION_NOT_ALLOWED with the allowed statuses on a request past reception', async () => {
      const filed = await file();
      await actOk(t, admin, filed.id, 'qualify', qualification());
      const again = await act(t, admin, filed.id, 'qualify', qualification());
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({
        code: 'TRANSITION_NOT_ALLOWED',
        from: 'qualified',
        to: 'qualified',
        allowed: ['in_progress', 'rejected', 'duplicate'],
      });
    });

    it('answers 409 REQUEST_CHANGED for a stale version and writes nothing', async () => {
      const filed = await file();
      const stale = await act(t, admin, filed.id, 'qualify', qualification({ version: 7 }));
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('REQUEST_CHANGED');
      const row = await loadRequest(t, filed.id);
      expect(row).toMatchObject({ status: 'received', version: 1 });
      // Nothing but the request (its acknowledgement's delivery aside).
      expect((await loadEvents(t, filed.id)).map((event) => event.type)).toEqual(['created']);
    });

    it('refuses an inactive category or a department of another town with a 400 naming the field', async () => {
      const filed = await file();
      const { category: inactive } = await buildRoutedCategory(t, { isActive: false });
      const badCategory = await act(
        t,
        admin,
        filed.id,
        'qualify',
        qualification({ categoryId: inactive.id }),
      );
      expect(badCategory.statusCode).toBe(400);
      expect(badCategory.json().errors[0].field).toBe('categoryId');
      const foreign = await buildTestApp();
      const foreignDepartment = await buildDepartment(foreign.app.ctx.db, foreign.tenant.id);
      await foreign.close();
      const badDepartment = await act(
        t,
        admin,
        filed.id,
        'qualify',
        qualification({ departmentId: foreignDepartment.id }),
      );
      expect(badDepartment.statusCode).toBe(400);
      expect(badDepartment.json().errors[0].field).toBe('departmentId');
    });

    it('answers 404 outside the agent’s scope, as for a missing request, and 403 to a citizen', async () => {
      const filed = await file();
      const outsider = await logInNewAgent(t, ['agent'], { departmentIds: [otherDepartmentId] });
      const hidden = await act(t, outsider, filed.id, 'qualify', qualification());
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().code).toBe('REQUEST_NOT_FOUND');
      const missing = await act(t, outsider, crypto.randomUUID(), 'qualify', qualification());
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('REQUEST_NOT_FOUND');

      const citizen = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
      const forbidden = await act(t, citizen, filed.id, 'qualify', qualification());
      expect(forbidden.statusCode).toBe(403);
    });
  });

  describe('assign', () => {
    it('assigning a qualified request starts its treatment: internal assigned, public status_changed', async () => {
      const filed = await file();
      await actOk(t, admin, filed.id, 'qualify', qualification());
      const member = await logInNewAgent(t, ['agent'], { departmentIds: [otherDepartmentId] });
      clock.advance(60_000);
      const result = await actOk(t, admin, filed.id, 'assign', { agentId: member.id, version: 2 });
      expect(result).toMatchObject({ status: 'in_progress', version: 3, assigneeId: member.id });
      const row = await loadRequest(t, filed.id);
      expect(row.treatmentStartedAt?.toISOString()).toBe(clock.now().toISOString());
      const [assigned, changed] = (await loadEvents(t, filed.id)).slice(-2);
      expect(assigned).toMatchObject({
        type: 'assigned',
        visibility: 'internal',
        data: { from: null, to: member.id },
      });
      expect(changed).toMatchObject({
        type: 'status_changed',
        visibility: 'public',
        data: { from: 'qualified', to: 'in_progress' },
      });
      const tracking = await track(t, filed.trackingCode);
      expect(tracking.timeline.map((entry) => entry.type)).not.toContain('assigned');

      // The assignee can now see it and hand it back; the status stays.
      const unassigned = await actOk(t, member, filed.id, 'assign', { agentId: null });
      expect(unassigned).toMatchObject({ status: 'in_progress', assigneeId: null });
      expect((await loadEvents(t, filed.id)).at(-1)).toMatchObject({
        type: 'assigned',
        data: { from: member.id, to: null },
      });
      expect((await loadRequest(t, filed.id)).treatmentStartedAt?.toISOString()).toBe(
        row.treatmentStartedAt?.toISOString(),
      );
    });

    it('refuses an unknown agent, a citizen or an inactive agent with a 400 naming agentId', async () => {
      const filed = await file();
      const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
      const gone = await buildAgent(t.app.ctx.db, t.tenant.id);
      await t.app.ctx.db.update(users).set({ isActive: false }).where(eq(users.id, gone.id));
      for (const agentId of [crypto.randomUUID(), citizen.id, gone.id]) {
        const response = await act(t, admin, filed.id, 'assign', { agentId });
        expect(response.statusCode).toBe(400);
        expect(response.json().errors).toEqual([
          { field: 'agentId', message: 'is not an active agent of this town' },
        ]);
      }
      expect((await loadRequest(t, filed.id)).assigneeId).toBeNull();
    });

    it('lets a plain agent assign only themselves or a member of the request’s department', async () => {
      const filed = await file();
      await actOk(t, admin, filed.id, 'qualify', qualification());
      const member = await logInNewAgent(t, ['agent'], { departmentIds: [otherDepartmentId] });
      const stranger = await logInNewAgent(t, ['agent']);
      const refused = await act(t, member, filed.id, 'assign', { agentId: stranger.id });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0].field).toBe('agentId');
      const colleague = await logInNewAgent(t, ['agent'], { departmentIds: [otherDepartmentId] });
      expect((await actOk(t, member, filed.id, 'assign', { agentId: colleague.id })).assigneeId).toBe(
        colleague.id,
      );
      expect((await actOk(t, member, filed.id, 'assign', { agentId: member.id })).assigneeId).toBe(member.id);
      // A manager may assign anyone, even outside the department.
      const manager = await logInNewAgent(t, ['manager'], { departmentIds: [otherDepartmentId] });
      expect((await actOk(t, manager, filed.id, 'assign', { agentId: stranger.id })).assigneeId).toBe(
        stranger.id,
      );
    });

    it('answers 409 REQUEST_CLOSED on a finished request', async () => {
      const filed = await file();
      await actOk(t, admin, filed.id, 'transition', {
        status: 'rejected',
        reason: 'Hors compétence communale.',
      });
      const response = await act(t, admin, filed.id, 'assign', { agentId: admin.id });
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('REQUEST_CLOSED');
    });
  });
});
