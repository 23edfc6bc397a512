import type { AppContext } from '../../../app-context';
import { agentOf, type Principal } from '../../../platform/auth/principal';
import type { DbOrTx } from '../../../platform/db/client';
import { afterCommit, transaction } from '../../../platform/db/transaction';
import { realtimeChannels } from '../../../platform/events/channels';
import { invalidField } from '../../../platform/http/app-error';
import type { PostalAddress } from '../../accounts';
import { readTownVersionOncePerTransaction } from '../../../platform/db/town-cache';
import { computeSnapshotDueDate, findTownSnapshot, parisDayOf, type TownSnapshot } from '../../organisation';
import type { CitizenRecipient } from '../../messaging';
import { recipientOfRequest } from '../request-recipient';
import { appendTimelineEvent } from '../timeline';
import { acknowledgementVariables, type SilenceFacts } from '../acknowledgement-mail';
import type { RequestStatus } from '../lifecycle';
import { allocateReference, insertRequestWithUniqueTrackingCode, type Request } from '../requests.repository';
import type { RequestChannel, RequestContact, RequestPriority } from '../requests.tables';
import { subjectMinLength } from '../requests.schemas';
import { channelsWithoutLetter, hasRequester, sendRequestMessage } from '../request-messages';

export interface SubmitRequestInput {
  channel: RequestChannel;
  /** The logged-in citizen; without one, `contact` is required. */
  citizen?: { id: string; email: string; firstName: string; lastName: string } | null;
  /** Required from citizens; an agent at a desk may leave it for the qualification. */
  categoryId?: string | null;
  subject: string;
  description: string;
  location?: { address?: string; latitude?: number; longitude?: number };
  contact?: { name: string; email?: string; phone?: string; postalAddress?: PostalAddress };
  priority?: RequestPriority;
  /** Desk intake: when the town received it (the date on a letter); never in the future. Defaults to now. */
  receivedAt?: Date;
  /** Letter intake: a scanned letter may be filed before anyone reads who sent it (agents only). */
  contactOptional?: boolean;
  /** Runs inside the intake's transaction after the request and its `created` event (scans' files, jobs). */
  inTransaction?: (tx: DbOrTx, request: Request) => Promise<void>;
  /** Inbound e-mail or SMS: filed without a category, waiting for reception's qualification. */
  awaitsQualification?: boolean;
}

export interface SubmittedRequest {
  id: string;
  reference: string;
  trackingCode: string;
  status: RequestStatus;
  dueAt: Date | null;
}

/** A postal address reaches someone only at a desk (an agent answers by letter); the portal needs e-mail or phone. */
function cleanContact(
  input: SubmitRequestInput['contact'],
  acceptsPostalAddress: boolean,
): RequestContact | null {
  if (!input) return null;
  const name = input.name.trim();
  const email = input.email?.trim().toLowerCase() || undefined;
  const phone = input.phone?.trim() || undefined;
  const postalAddress = acceptsPostalAddress ? cleanPostalAddress(input.postalAddress) : undefined;
  if (!name) throw invalidField('contact.name', 'is required');
  if (!email && !phone && !postalAddress) {
    throw invalidField(
      'contact',
      acceptsPostalAddress
        ? 'needs an e-mail address, a phone number or a postal address'
        : 'needs an e-mail address or a phone number',
    );
  }
  return {
    name,
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(postalAddress ? { postalAddress } : {}),
  };
}

function cleanPostalAddress(input: PostalAddress | undefined): PostalAddress | undefined {
  if (!input) return undefined;
  const line1 = input.line1.trim();
  const line2 = input.line2?.trim();
  const postcode = input.postcode.trim();
  const city = input.city.trim();
  if (!line1) throw invalidField('contact.postalAddress.line1', 'is required');
  if (!city) throw invalidField('contact.postalAddress.city', 'is required');
  return { line1, ...(line2 ? { line2 } : {}), postcode, city };
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

function requireActiveCategory(town: TownSnapshot, categoryId: string) {
  const category = town.categories.get(categoryId);
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
 * Whom to acknowledge a request to: as for any message about it, except that someone with an
 * account who writes in by SMS or e-mail is answered on that channel, which they are using now.
 */
function acknowledgementRecipient(request: Request): CitizenRecipient {
  const recipient = recipientOfRequest(request);
  if (request.citizenId && (request.channel === 'sms' || request.channel === 'email')) {
    return { ...recipient, preferredChannel: request.channel };
  }
  return recipient;
}

/** After the commit: every agent's queue, and the citizen's own account, hear of the new request. */
async function publishNewRequest(ctx: Pick<AppContext, 'bus'>, request: Request): Promise<void> {
  await ctx.bus.publish({
    channel: realtimeChannels.tenantAgents(request.tenantId),
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
}

/**
 * A citizen (logged in or not) files a request, or an agent records one at a desk (phone, counter,
 * letter…), possibly without a category yet: reference, due date, department, tracking code,
 * the `created` event and the acknowledgement (messaging pipeline: preferred channel, never a
 * letter after a phone call or a visit) in one transaction; agents hear of it after.
 */
export async function submitRequest(
  ctx: AppContext,
  principal: Principal,
  input: SubmitRequestInput,
): Promise<SubmittedRequest> {
  const subject = input.subject.trim();
  if (subject.length < subjectMinLength) throw invalidField('subject', 'must be at least 3 characters long');
  const description = input.description.trim();
  if (!description) throw invalidField('description', 'is required');
  // Desk intake: the agent who records the request is the actor of the `created` event.
  const agent = agentOf(principal);
  if (agent && input.citizen && input.contact) {
    throw invalidField('contact', 'must be left out when the request is filed for a citizen account');
  }
  const contact = input.citizen ? null : cleanContact(input.contact, agent !== null);
  if (!input.citizen && !contact && !(agent && input.contactOptional)) {
    throw invalidField('contact', 'is required when nobody is logged in (a name and an e-mail or a phone)');
  }
  if (!agent && !input.awaitsQualification && !input.categoryId)
    throw invalidField('categoryId', 'is required');
  const location = cleanLocation(input.location);
  const { tenantId } = principal;
  const now = ctx.clock.now();
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime()) throw invalidField('receivedAt', 'must not be in the future');

  // The reference is taken in its own short transaction: the counter row is locked only for that
  // one statement instead of the whole intake, so concurrent submissions do not queue on it. A
  // refused or failed intake leaves a gap in the numbering, which references allow.
  const reference = await allocateReference(ctx.db, tenantId, Number(parisDayOf(receivedAt).slice(0, 4)));

  const request: Request = await transaction(ctx.db, async (tx) => {
    // The town's settings, categories, departments, calendar and templates come from the
    // per-process caches, checked by one read of the town's version (platform/db/town-cache.ts);
    // the intake changes none of them, so its caches share that one read.
    readTownVersionOncePerTransaction(tx);
    const town = await findTownSnapshot(tx, tenantId);
    const category = input.categoryId ? requireActiveCategory(town, input.categoryId) : null;
    const department = category?.defaultDepartmentId
      ? town.departments.get(category.defaultDepartmentId)
      : undefined;
    const tenant = town.tenant;
    // Without a category (desk intake), the town's default deadline holds until qualification.
    const deadlineDays = category?.deadlineDays ?? town.settings.defaultDeadlineDays;
    const { dueAt } = computeSnapshotDueDate(town, receivedAt, deadlineDays);
    const citizen = input.citizen ?? null;
    const inserted = await insertRequestWithUniqueTrackingCode(tx, {
      tenantId,
      reference,
      channel: input.channel,
      categoryId: category?.id ?? null,
      departmentId: department?.id ?? null,
      priority: input.priority ?? 'normal',
      status: 'received',
      subject,
      description,
      ...location,
      citizenId: citizen?.id ?? null,
      contact,
      searchExtra: citizen ? `${citizen.firstName} ${citizen.lastName} ${citizen.email}` : '',
      dueAt,
      receivedAt,
      createdAt: now,
      updatedAt: now,
    });
    await appendTimelineEvent(
      tx,
      inserted,
      agent ? { kind: 'agent', id: agent.id } : { kind: 'citizen', id: citizen?.id ?? null },
      {
        type: 'created',
        visibility: 'public',
        data: {
          channel: input.channel,
          categoryId: category?.id ?? null,
          departmentId: department?.id ?? null,
          ...(agent ? { receivedAt: receivedAt.toISOString() } : {}),
          // The channel's unit cost from the town's settings at intake, for the statistics.
          unitCostCents: town.settings.unitCostsCents[input.channel] ?? null,
        },
      },
      now,
    );
    if (hasRequester(inserted)) {
      await sendRequestMessage(tx, ctx, {
        request: inserted,
        key: `request-ack:${inserted.id}`,
        template: 'acknowledgement',
        variables: acknowledgementVariables({
          receivedAt,
          dueAt,
          department: department
            ? {
                name: department.name,
                postalAddress: department.postalAddress,
                email: department.email,
                phone: department.phone,
              }
            : null,
          silence: category ? silenceFactsOf(category) : { rule: 'none' },
        }),
        recipient: acknowledgementRecipient(inserted),
        // Someone who phoned or came to the counter was there: never a letter to acknowledge it.
        ...(inserted.channel === 'phone' || inserted.channel === 'counter'
          ? { channels: channelsWithoutLetter }
          : {}),
        ...(tenant ? { town: tenant } : {}),
        ...(citizen ? { citizenName: `${citizen.firstName} ${citizen.lastName}`.trim() } : {}),
        keyIsNew: true,
        settings: town.settings,
      });
    }
    await input.inTransaction?.(tx, inserted);
    afterCommit(tx, () => publishNewRequest(ctx, inserted));
    return inserted;
  });

  return {
    id: request.id,
    reference: request.reference,
    trackingCode: request.trackingCode,
    status: request.status,
    dueAt: request.dueAt,
  };
}
