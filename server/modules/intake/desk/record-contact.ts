import type { AppContext } from '../../../app-context';
import { invalidField } from '../../../platform/http/app-error';
import { requireAgentRole, type Principal } from '../../../platform/auth/principal';
import {
  findCategoryById,
  findDepartmentById,
  findTenantById,
  withDefaultSettings,
} from '../../organisation';
import type { RecordContactBody } from './desk.schemas';
import { insertContactRecord } from './contacts.repository';
import { requireCitizenAccount } from './file-desk-request';
import { transaction } from '../../../platform/db/transaction';

function cleanContact(contact: RecordContactBody['contact']) {
  if (!contact) return null;
  const email = contact.email?.trim().toLowerCase();
  const phone = contact.phone?.trim();
  return {
    name: contact.name.trim(),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(contact.postalAddress ? { postalAddress: contact.postalAddress } : {}),
  };
}

/**
 * Records a purely informational contact (a call or a visit that needs no follow-up) for the
 * statistics, with the channel's unit cost from the town's settings at that moment.
 */
export async function recordContact(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  body: RecordContactBody,
) {
  const agent = requireAgentRole(principal);
  const { tenantId } = agent;
  if (body.citizenId && body.contact)
    throw invalidField('contact', 'must be left out when citizenId is given');
  const subject = body.subject.trim();
  if (subject.length < 3) throw invalidField('subject', 'must be at least 3 characters long');
  const now = ctx.clock.now();
  return transaction(ctx.db, async (tx) => {
    if (body.categoryId && !(await findCategoryById(tx, tenantId, body.categoryId))) {
      throw invalidField('categoryId', 'is not a category of this town');
    }
    if (body.departmentId && !(await findDepartmentById(tx, tenantId, body.departmentId))) {
      throw invalidField('departmentId', 'is not a department of this town');
    }
    if (body.citizenId) await requireCitizenAccount(tx, tenantId, body.citizenId, 'citizenId');
    const tenant = await findTenantById(tx, tenantId);
    const unitCostCents = withDefaultSettings(tenant?.settings).unitCostsCents[body.channel] ?? null;
    const record = await insertContactRecord(tx, {
      tenantId,
      channel: body.channel,
      categoryId: body.categoryId ?? null,
      departmentId: body.departmentId ?? null,
      citizenId: body.citizenId ?? null,
      contact: cleanContact(body.contact),
      subject,
      note: body.note?.trim() || null,
      unitCostCents,
      agentId: agent.id,
      occurredAt: now,
      createdAt: now,
    });
    return {
      id: record.id,
      channel: record.channel,
      subject: record.subject,
      occurredAt: record.occurredAt.toISOString(),
      unitCostCents: record.unitCostCents,
    };
  });
}
