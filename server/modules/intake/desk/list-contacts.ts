import type { AppContext } from '../../../app-context';
import { invalidField } from '../../../platform/http/app-error';
import { requireAgentRole, type Principal } from '../../../platform/auth/principal';
import { fullName } from '../../requests';
import { countContactRecords, findContactRecords } from './contacts.repository';

export interface ListContactsQuery {
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** The town's informational contacts in `[from, to)`, newest first, one page and the total. */
export async function listContacts(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal,
  query: ListContactsQuery,
) {
  const agent = requireAgentRole(principal);
  const period = {
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  };
  if (period.from && period.to && period.from > period.to)
    throw invalidField('to', 'must not be before from');
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 25;
  const [rows, total] = await Promise.all([
    findContactRecords(ctx.db, agent.tenantId, period, { limit: pageSize, offset: (page - 1) * pageSize }),
    countContactRecords(ctx.db, agent.tenantId, period),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      subject: row.subject,
      occurredAt: row.occurredAt.toISOString(),
      unitCostCents: row.unitCostCents,
      note: row.note,
      category: row.categoryId ? { id: row.categoryId, name: row.categoryName ?? '' } : null,
      department: row.departmentId ? { id: row.departmentId, name: row.departmentName ?? '' } : null,
      agent: { id: row.agentId, name: fullName(row.agentFirstName, row.agentLastName) ?? '' },
      citizenId: row.citizenId,
      contactName: row.contactName,
    })),
    total,
  };
}
