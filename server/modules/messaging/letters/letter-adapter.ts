import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../app-context';
import { findDepartmentById, findTenantById, parisDayOf, withDefaultSettings } from '../../organisation';
import { subjectHandlerOf } from '../subjects';
import { type ChannelAdapter, type OutboundMessage, PermanentDeliveryError } from '../channel-adapter';
import { isMessage } from '../message-queue';
import { type LetterAddress, outboundMessages } from '../messaging.tables';
import { type LetterContent, renderLetterPdf } from './letter-pdf';
import { lockOpenBatchFor } from './print-batches.repository';
import { transaction } from '../../../platform/db/transaction';

/** The address is complete enough for La Poste: a name, a street line, a postcode and a town. */
export function checkLetterAddress(address: LetterAddress | null): LetterAddress {
  const missing = (value: string | undefined) => !value || value.trim() === '';
  if (
    !address ||
    missing(address.name) ||
    missing(address.line1) ||
    missing(address.postcode) ||
    missing(address.city)
  ) {
    throw new PermanentDeliveryError(
      'Adresse postale incomplète (nom, voie, code postal et commune requis).',
    );
  }
  return address;
}

/** « Démo » from the last line of the town’s address (« 99000 Démo »), else from its name. */
export function placeOf(townName: string, postalAddress: string | null | undefined): string {
  const lastLine = (postalAddress ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1);
  const city = lastLine?.match(/\b\d{5}\s+([^,\d][^,]*)$/)?.[1]?.trim();
  if (city) return city;
  return townName.replace(/^(ville|commune|mairie)\s+(de\s+|d’|d')/i, '').trim() || townName;
}

/** What to print for this message: the town's letterhead, the department's when it has one. */
export async function letterContentOf(ctx: AppContext, message: OutboundMessage): Promise<LetterContent> {
  const recipient = checkLetterAddress(message.letterAddress);
  const tenant = await findTenantById(ctx.db, message.tenantId);
  if (!tenant) throw new Error(`Tenant ${message.tenantId} not found.`);
  const settings = withDefaultSettings(tenant.settings);
  const about = message.subjectId
    ? await subjectHandlerOf(ctx, message.subjectType)?.letterContext?.(
        ctx.db,
        message.tenantId,
        message.subjectId,
      )
    : undefined;
  const department = about?.departmentId
    ? await findDepartmentById(ctx.db, message.tenantId, about.departmentId)
    : undefined;
  const postalAddress = department?.postalAddress ?? settings.postalAddress ?? null;
  return {
    letterhead: {
      townName: tenant.name,
      departmentName: department?.name ?? null,
      postalAddress,
      phone: department?.phone ?? settings.contactPhone ?? null,
      email: department?.email ?? settings.contactEmail ?? null,
    },
    place: placeOf(tenant.name, settings.postalAddress ?? postalAddress),
    date: ctx.clock.now(),
    reference: about?.reference ?? null,
    recipient,
    subject: message.subject,
    body: message.bodyText,
  };
}

/**
 * A postal letter: rendered to an A4 PDF for a window envelope, stored (its key, page count and
 * rendering time in the message's letter columns; the enclosures stay in `attachments`), and added
 * to the day's print batch. `sent` means handed to the print room; whether it arrived is never
 * known. At most once: a retry finds the message already in a batch and changes nothing (the batch
 * row lock makes closing a batch wait for a letter being added to it).
 */
export const letterAdapter: ChannelAdapter = {
  channel: 'letter',
  async send(message, ctx) {
    const costCents = withDefaultSettings((await findTenantById(ctx.db, message.tenantId))?.settings)
      .unitCostsCents.letter;
    if (message.printBatchId) {
      return { status: 'sent', providerMessageId: message.printBatchId, costCents };
    }

    const content = await letterContentOf(ctx, message);
    const rendered = await renderLetterPdf(content);
    const stored = await ctx.files.put(rendered.pdf);

    const batchId = await transaction(ctx.db, async (tx) => {
      const [current] = await tx
        .select({ printBatchId: outboundMessages.printBatchId })
        .from(outboundMessages)
        .where(isMessage(message))
        .for('update');
      if (!current) throw new Error(`Outbound message ${message.id} not found.`);
      if (current.printBatchId) return current.printBatchId;
      const batch = await lockOpenBatchFor(tx, message.tenantId, parisDayOf(ctx.clock.now()));
      await tx
        .update(outboundMessages)
        .set({
          printBatchId: batch.id,
          letterPdfKey: stored.key,
          letterPageCount: rendered.pageCount,
          letterRenderedAt: content.date,
          updatedAt: ctx.clock.now(),
        })
        .where(and(eq(outboundMessages.id, message.id), eq(outboundMessages.tenantId, message.tenantId)));
      return batch.id;
    });
    return { status: 'sent', providerMessageId: batchId, costCents };
  },
};
