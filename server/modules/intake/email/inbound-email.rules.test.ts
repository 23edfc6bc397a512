import { describe, expect, it } from 'vitest';
import {
  autoReplyReason,
  deliveryOutcomeOf,
  fitDescription,
  htmlToPlainText,
  isDeliveryReportContentType,
  judgeAttachment,
  loopReason,
  messageIdOfReturnedHeaders,
  parseDeliveryStatus,
  replyTokensOf,
  requestSubjectOf,
  stripQuotedReply,
  threadHintsOfSubject,
} from './inbound-email.rules';

const headers =
  (values: Record<string, string>) =>
  (name: string): string | undefined =>
    values[name];

describe('delivery status notifications', () => {
  it('recognises multipart/report with report-type delivery-status only', () => {
    expect(isDeliveryReportContentType('multipart/report; report-type=delivery-status; boundary="x"')).toBe(
      true,
    );
    expect(isDeliveryReportContentType('multipart/report; report-type="delivery-status"')).toBe(true);
    expect(isDeliveryReportContentType('multipart/report; report-type=disposition-notification')).toBe(false);
    expect(isDeliveryReportContentType('multipart/mixed')).toBe(false);
    expect(isDeliveryReportContentType(undefined)).toBe(false);
  });

  it('parses per-recipient fields, folded lines included', () => {
    const body = [
      'Reporting-MTA: dns; mx.example.org',
      'Arrival-Date: Sun, 29 Nov 2026 10:00:00 +0100',
      '',
      'Final-Recipient: rfc822; Jeanne@Example.org',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <jeanne@example.org>:',
      ' Recipient address rejected: User unknown',
      '',
      'Final-Recipient: rfc822; paul@example.org',
      'Action: delayed',
      'Status: 4.4.1',
    ].join('\r\n');
    const recipients = parseDeliveryStatus(body);
    expect(recipients).toEqual([
      {
        recipient: 'jeanne@example.org',
        action: 'failed',
        status: '5.1.1',
        diagnostic: 'smtp; 550 5.1.1 <jeanne@example.org>: Recipient address rejected: User unknown',
      },
      { recipient: 'paul@example.org', action: 'delayed', status: '4.4.1', diagnostic: null },
    ]);
    expect(deliveryOutcomeOf(recipients[0]!)).toBe('failed');
    expect(deliveryOutcomeOf(recipients[1]!)).toBeNull();
  });

  it('finds the Message-ID of the returned headers', () => {
    const returned = 'From: a@b.fr\r\nMessage-ID:\r\n <1234@guichet.example.fr>\r\nSubject: x\r\n\r\nbody';
    expect(messageIdOfReturnedHeaders(returned)).toBe('<1234@guichet.example.fr>');
    expect(messageIdOfReturnedHeaders('Subject: nothing\r\n\r\n')).toBeNull();
  });
});

describe('automatic replies and loops', () => {
  it('recognises RFC 3834 and the usual responder headers', () => {
    expect(autoReplyReason(headers({ 'auto-submitted': 'auto-replied' }), 'a@b.fr')).toContain(
      'auto-replied',
    );
    expect(autoReplyReason(headers({ 'auto-submitted': 'no' }), 'a@b.fr')).toBeNull();
    expect(autoReplyReason(headers({ 'x-autoreply': 'yes' }), 'a@b.fr')).toContain('x-autoreply');
    expect(autoReplyReason(headers({ 'x-autorespond': 'yes' }), 'a@b.fr')).toContain('x-autorespond');
    expect(autoReplyReason(headers({ precedence: 'bulk' }), 'a@b.fr')).toContain('bulk');
    expect(autoReplyReason(headers({ precedence: 'auto_reply' }), 'a@b.fr')).toContain('auto_reply');
    expect(autoReplyReason(headers({ 'list-id': '<voisins.example.org>' }), 'a@b.fr')).toContain('List-Id');
    expect(autoReplyReason(headers({ 'return-path': '<>' }), 'a@b.fr')).toContain('Return-Path');
    expect(autoReplyReason(headers({}), '')).toContain('vide');
    expect(autoReplyReason(headers({ 'x-auto-response-suppress': 'None' }), 'a@b.fr')).toBeNull();
    expect(
      autoReplyReason(headers({ 'return-path': '<jeanne@example.org>' }), 'jeanne@example.org'),
    ).toBeNull();
  });

  it('recognises our own messages coming back', () => {
    const base = {
      header: headers({}),
      from: 'x@y.fr',
      mailDomain: 'ville.fr',
      ownAddresses: ['no-reply@ville.fr'],
    };
    expect(loopReason({ ...base, messageId: '<0b0c8f3e-8a7e-4d8e-9b7a-1f2e3d4c5b6a@ville.fr>' })).toContain(
      'Message-ID',
    );
    expect(
      loopReason({ ...base, messageId: '<0b0c8f3e-8a7e-4d8e-9b7a-1f2e3d4c5b6a@ailleurs.fr>' }),
    ).toBeNull();
    expect(loopReason({ ...base, messageId: null, header: headers({ 'x-guichet-loop': '1' }) })).toContain(
      'X-Guichet-Loop',
    );
    expect(loopReason({ ...base, messageId: null, from: 'No-Reply@ville.fr' })).toContain('expéditeur');
    expect(loopReason({ ...base, messageId: '<abc@gmail.com>' })).toBeNull();
  });
});

describe('threading hints', () => {
  it('reads references and tracking codes in a subject', () => {
    expect(threadHintsOfSubject('Re: Votre demande 2026-000123 a bien été reçue')).toEqual({
      references: ['2026-000123'],
      trackingCodes: [],
    });
    expect(threadHintsOfSubject('[2026-000042] suite, code BCDFGHJK').references).toEqual(['2026-000042']);
    expect(threadHintsOfSubject('suivi bcdfghjk').trackingCodes).toEqual(['BCDFGHJK']);
    // Vowels are not in the alphabet; longer runs are not codes; phone numbers are not references.
    expect(threadHintsOfSubject('BONJOURS et BCDFGHJKL').trackingCodes).toEqual([]);
    expect(threadHintsOfSubject('appelez le 2026-0001234-5').references).toEqual([]);
  });

  it('reads reply tokens from recipients', () => {
    expect(replyTokensOf(['mairie@ville.fr', 'Reply+ABC234@ville.fr', 'reply+abc234@ville.fr'])).toEqual([
      'abc234',
    ]);
    expect(replyTokensOf(['replyabc@ville.fr'])).toEqual([]);
  });
});

describe('text', () => {
  it('turns HTML into text', () => {
    expect(
      htmlToPlainText('<p>Bonjour&nbsp;!</p><p>Le trottoir <b>est</b> cassé.<br>Merci</p><style>p{}</style>'),
    ).toBe('Bonjour !\nLe trottoir est cassé.\nMerci');
  });

  it('drops the quoted message of a reply', () => {
    const reply = [
      'Voici la photo demandée.',
      '',
      'Le dim. 29 nov. 2026 à 10:00, Mairie <no-reply@ville.fr> a écrit :',
      '> Pouvez-vous nous envoyer une photo ?',
    ].join('\n');
    expect(stripQuotedReply(reply)).toBe('Voici la photo demandée.');
    expect(stripQuotedReply('Merci\n\n-----Original Message-----\nFrom: x')).toBe('Merci');
    expect(stripQuotedReply('> only quoted')).toBe('> only quoted');
  });

  it('fits descriptions and subjects', () => {
    expect(fitDescription('x'.repeat(20_000)).length).toBeLessThanOrEqual(10_000);
    expect(fitDescription('x'.repeat(20_000))).toContain('tronqué');
    expect(requestSubjectOf('RE: TR: Lampadaire éteint')).toBe('Lampadaire éteint');
    expect(requestSubjectOf('')).toBe('E-mail sans objet');
    expect(requestSubjectOf(undefined)).toBe('E-mail sans objet');
    expect(requestSubjectOf('a'.repeat(300)).length).toBe(200);
  });
});

describe('attachments', () => {
  it('keeps accepted types, refuses programs and active content, leaves out the rest', () => {
    expect(
      judgeAttachment({ fileName: 'photo.jpg', declaredType: 'image/jpeg', sniffedType: 'image/jpeg' }),
    ).toEqual({
      kind: 'keep',
    });
    expect(
      judgeAttachment({
        fileName: 'facture.pdf',
        declaredType: 'application/pdf',
        sniffedType: 'application/x-msdownload',
      }).kind,
    ).toBe('refuse');
    expect(
      judgeAttachment({ fileName: 'lisez.js', declaredType: 'text/plain', sniffedType: 'text/plain' }).kind,
    ).toBe('refuse');
    expect(
      judgeAttachment({
        fileName: 'photos.zip',
        declaredType: 'application/zip',
        sniffedType: 'application/zip',
      }).kind,
    ).toBe('refuse');
    expect(
      judgeAttachment({ fileName: 'page.html', declaredType: 'text/html', sniffedType: 'text/html' }).kind,
    ).toBe('refuse');
    expect(
      judgeAttachment({
        fileName: 'smime.p7s',
        declaredType: 'application/pkcs7-signature',
        sniffedType: 'application/octet-stream',
      }).kind,
    ).toBe('ignore');
    expect(
      judgeAttachment({
        fileName: 'budget.xlsx',
        declaredType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        sniffedType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }).kind,
    ).toBe('ignore');
  });
});
