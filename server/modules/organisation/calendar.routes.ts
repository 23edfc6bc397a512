import { principalOf } from '../../platform/http/request-context';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readSecurity, writeSecurity } from '../../platform/http/openapi-security';
import { Type } from 'typebox';
import { parisDayOf } from './business-calendar';
import {
  CalendarClosureView,
  CalendarDayOffView,
  CreateCalendarClosureBody,
  DueDateQuery,
  DueDateView,
  IdParams,
  Items,
  tags,
  YearQuery,
} from './organisation.schemas';
import { requireOrganisationAdmin, requireOrganisationReader } from './organisation.policy';
import { toCalendarClosureView } from './organisation.views';
import { addCalendarClosure } from './use-cases/add-calendar-closure';
import { computeDueDay } from './use-cases/compute-due-date';
import { listCalendarClosures } from './use-cases/list-calendar-closures';
import { listDaysOff } from './use-cases/list-days-off';
import { removeCalendarClosure } from './use-cases/remove-calendar-closure';

/** The business calendar: due dates and days off are public; administrators set closures. */
export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/calendar/due-date',
    {
      schema: {
        tags,
        summary: 'The day N business days after `from` (today when unset), on this town’s calendar',
        querystring: DueDateQuery,
        response: { 200: DueDateView },
      },
    },
    async (request) => ({ dueDate: await computeDueDay(app.ctx, principalOf(request), request.query) }),
  );

  app.get(
    '/calendar/days-off',
    {
      schema: {
        tags,
        summary: 'Public holidays and town closures of a year (this year when unset)',
        querystring: YearQuery,
        response: { 200: Items(CalendarDayOffView) },
      },
    },
    async (request) => {
      const year = request.query.year ?? Number(parisDayOf(app.ctx.clock.now()).slice(0, 4));
      return { items: await listDaysOff(app.ctx, principalOf(request), year) };
    },
  );

  app.get(
    '/admin/calendar/closures',
    {
      schema: {
        tags,
        summary: 'The days the town is closed, of one year or all',
        security: readSecurity,
        querystring: YearQuery,
        response: { 200: Items(CalendarClosureView) },
      },
    },
    async (request) => {
      requireOrganisationReader(request);
      const closures = await listCalendarClosures(app.ctx, principalOf(request), request.query);
      return { items: closures.map(toCalendarClosureView) };
    },
  );

  app.post(
    '/admin/calendar/closures',
    {
      schema: {
        tags,
        summary: 'Close the town for a day',
        security: writeSecurity,
        body: CreateCalendarClosureBody,
        response: { 201: CalendarClosureView },
      },
    },
    async (request, reply) => {
      requireOrganisationAdmin(request);
      const closure = await addCalendarClosure(app.ctx, principalOf(request), request.body);
      return reply.status(201).send(toCalendarClosureView(closure));
    },
  );

  app.delete(
    '/admin/calendar/closures/:id',
    {
      schema: {
        tags,
        summary: 'Reopen a closed day',
        security: writeSecurity,
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      requireOrganisationAdmin(request);
      await removeCalendarClosure(app.ctx, principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
