import type { AppContext } from '../../../app-context';
import type { DbOrTx } from '../../../platform/db/client';
import { realtimeChannels } from '../../../platform/events/channels';
import { invalidField } from '../../../platform/http/app-error';
import { enqueueEmail } from '../../../platform/mail/mailer';
import { tenantBaseUrl } from '../../accounts/links';
import { parisDayOf } from '../../organisation/business-calendar';
import { findCategoryById } from '../../organisation/categories.repository';
import { findDepartmentById } from '../../organisation/departments.repository';
import { findTenantById } from '../../organisation/tenants.repository';
import { computeTenantDueDate } from '../../organisation/use-cases/compute-due-date';
import { acknowledgementMail, type SilenceFacts } from '../acknowledgement-mail';
import type { RequestStatus } from '../lifecycle';
import {
  allocateReference,
  appendEvent,
  insertRequestWithUniqueTrackingCode,
  type Request,
} from '../requests.repository';
import type { RequestChannel, RequestContact } from '../requests.tables';
import { subjectMinLength } from '../requests.schemas';
import { trackingPageLink } from '../tracking-link';

export interface SubmitRequestInput {
  tenantId: string;
  channel: RequestChannel;
  /** The logged-in citizen; without one, `contact` is required. */
  citizen?: { id: string; email: string; firstName: string; lastName: string } | null;
  categoryId: string;
  subject: string;
  description: string;
  location?: { address?: string; latitude?: number; longitude?: number };
  contact?: { name: string; email?: string; phone?: string };
}

export interface SubmittedRequest {
  id: string;
  reference: string;
  trackingCode: string;
  status: RequestStatus;
  dueAt: Date | null;
}

function cleanContact(input: SubmitRequestInput['contact']): RequestContact | null {
  if (!input) return null;
  const name = input.name.trim();
  const email = input.email?.trim().toLowerCase() || undefined;
  const phone = input.phone?.trim() || undefined;
  if (!name) throw invalidField('contact.name', 'is required');
  if (!email && !phone) throw invalidField('contact', 'needs an e-mail address or a phone number');
  return { name, ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
}

function cleanLocation(input: SubmitRequestInput['location']) {
  const address = input?.address?.trim() || null;
  const latitude = input?.latitude ?? null;
  const longitude = input?.longitude ?? null;
  if ((latitude === null) !== (longitude === null)) {
    throw invalidField('location', 'latitude and longitude go together');
  }
  return { locationAddress: address, latitude, longitude };
}

async function requireActiveCategory(db: DbOrTx, tenantId: string, categoryId: string) {
  const category = await findCategoryById(db, tenantId, categoryId);
  if (!category || !category.isActive) {
    throw invalidField('categoryId', 'is not an active category of this town');
  }
  return category;
}

/** A category's silence rule as the acknowledgement states it (the rule always has a period). */
function silenceFactsOf(category: { silenceRule: SilenceFacts['rule']; silencePeriodDays: number | null }) {
  if (category.silenceRule === 'none' || category.silencePeriodDays === null) {
    return { rule: 'none' } satisfies SilenceFacts;
  }
  return { rule: category.silenceRule, periodDays: category.silencePeriodDays } satisfies SilenceFacts;
}

/**
 * A citizen (logged in or not) files a request: reference, due date, department, tracking code,
 * the `created` event and the acknowledgement e-mail in one transaction; agents hear of it after.
 */
export async function submitRequest(ctx: AppContext, input: SubmitRequestInput): Promise<SubmittedRequest> {
  const subject = input.subject.trim();
  if (subject.length < subjectMinLength) throw invalidField('subject', 'must be at least 3 characters long');
  const description = input.description.trim();
  if (!description) throw invalidField('description', 'is required');
  const contact = input.citizen ? null : cleanContact(input.contact);
  if (!input.citizen && !contact) {
    throw invalidField('contact', 'is required when nobody is logged in (a name and an e-mail or a phone)');
  }
  const location = cleanLocation(input.location);
  const { tenantId } = input;
  const now = ctx.clock.now();

  const request: Request = await ctx.db.transaction(async (tx) => {
    const category = await requireActiveCategory(tx, tenantId, input.categoryId);
    const department = category.defaultDepartmentId
      ? await findDepartmentById(tx, tenantId, category.defaultDepartmentId)
      : undefined;
    const reference = await allocateReference(tx, tenantId, Number(parisDayOf(now).slice(0, 4)));
    const { dueAt } = await computeTenantDueDate(tx, tenantId, now, category.deadlineDays);
    const citizen = input.citizen ?? null;
    const inserted = await insertRequestWithUniqueTrackingCode(tx, {
      tenantId,
      reference,
      channel: input.channel,
      categoryId: category.id,
      departmentId: department?.id ?? null,
      status: 'received',
      subject,
      description,
      ...location,
      citizenId: citizen?.id ?? null,
      contact,
      searchExtra: citizen ? `${citizen.firstName} ${citizen.lastName} ${citizen.email}` : '',
      dueAt,
      receivedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await appendEvent(tx, {
      tenantId,
      requestId: inserted.id,
      type: 'created',
      actorId: citizen?.id ?? null,
      actorKind: 'citizen',
      visibility: 'public',
      data: { channel: input.channel, categoryId: category.id, departmentId: department?.id ?? null },
      createdAt: now,
    });

    const recipient = citizen?.email ?? contact?.email;
    if (recipient) {
      const tenant = await findTenantById(tx, tenantId);
      const baseUrl = tenantBaseUrl(ctx.config.publicUrl, tenant ?? { isDefault: true, hostNames: [] });
      const mail = acknowledgementMail({
        townName: tenant?.name ?? '',
        reference,
        subject,
        receivedAt: now,
        dueAt,
        department: department
          ? {
              name: department.name,
              postalAddress: department.postalAddress,
              email: department.email,
              phone: department.phone,
            }
          : null,
        trackingLink: trackingPageLink(baseUrl, inserted.trackingCode),
        silence: silenceFactsOf(category),
      });
      await enqueueEmail(tx, { key: `request-ack:${inserted.id}`, tenantId, to: recipient, ...mail });
    }
    return inserted;
  });

  await ctx.bus.publish({
    channel: realtimeChannels.tenantAgents(tenantId),
    type: 'request.created',
    data: { id: request.id },
  });
  if (request.citizenId) {
    await ctx.bus.publish({
      channel: realtimeChannels.user(request.citizenId),
      type: 'request.created',
      data: { id: request.id },
    });
  }
  return {
    id: request.id,
    reference: request.reference,
    trackingCode: request.trackingCode,
    status: request.status,
    dueAt: request.dueAt,
  };
}
