/** French labels of the messaging screens (kept beside them; to merge into i18n/fr.ts later). */
import {
  isDeliveryStatus,
  isOutboundChannel,
  type DeliveryStatus,
  type OutboundChannel,
} from '../../../common/messaging';

const nbsp = '\u00a0';

export const messagingLabels = {
  messages: {
    title: 'Messages envoyés',
    intro:
      'Chaque message envoyé par la mairie, quel que soit le canal, avec son état de remise. Un message en échec peut être renvoyé.',
    statusFilter: 'État',
    channelFilter: 'Canal',
    allChannels: 'Tous les canaux',
    allStatuses: 'Tous les états',
    tableLabel: 'Messages envoyés',
    empty: 'Aucun message.',
    total: (count: number) => (count <= 1 ? `${count} message` : `${count} messages`),
    retry: 'Renvoyer',
    retryLabel: (subject: string) => `Renvoyer le message «${nbsp}${subject}${nbsp}»`,
    retried: 'Le message a été remis dans la file d’envoi.',
    columns: {
      queuedAt: 'Créé le',
      channel: 'Canal',
      recipient: 'Destinataire',
      subject: 'Objet',
      status: 'État',
      attempts: 'Tentatives',
      lastError: 'Dernière erreur',
      cost: 'Coût',
      actions: 'Actions',
    },
    status: {
      queued: 'En attente',
      sending: 'En cours d’envoi',
      sent: 'Envoyé',
      delivered: 'Remis',
      failed: 'Échec',
    } satisfies Record<DeliveryStatus, string>,
    channel: {
      email: 'Courriel',
      sms: 'SMS',
      letter: 'Courrier',
      portal: 'Portail',
    } satisfies Record<OutboundChannel, string>,
    fallbackOf: 'repli après un échec',
    request: (reference: string) => `Demande ${reference}`,
  },
  templates: {
    title: 'Modèles de messages',
    intro: `Le texte des messages envoyés aux usagers. Les variables s’écrivent entre doubles accolades, par exemple {{reference}}${nbsp}; une variable inconnue est refusée.`,
    listLabel: 'Modèles',
    custom: 'Personnalisé',
    byDefault: 'Texte par défaut',
    subject: 'Objet',
    body: 'Texte',
    bodyHint: 'Texte brut ; une ligne vide sépare deux paragraphes. La version HTML en est tirée.',
    shortBody: 'Texte court (SMS)',
    shortBodyHint:
      'Facultatif ; à défaut, le texte complet est utilisé. La notification du portail reprend toujours le texte complet.',
    variables: 'Variables disponibles',
    save: 'Enregistrer',
    saved: 'Le modèle a été enregistré.',
    reset: 'Revenir au texte par défaut',
    resetDone: 'Le texte par défaut est rétabli.',
    preview: 'Aperçu',
    previewTitle: 'Aperçu avec des valeurs d’exemple',
    previewSubject: 'Objet',
    previewShort: 'Texte court',
    test: 'M’envoyer un essai',
    testSent: 'Un essai du modèle enregistré vous a été envoyé par courriel.',
    choose: 'Choisissez un modèle dans la liste.',
  },
};

/** The line a `message_status` timeline event shows: « Courriel · Envoyé · 2 tentatives ». */
export function messageStatusDetail(data: Record<string, unknown>): string {
  const labels = messagingLabels.messages;
  const parts: string[] = [];
  if (typeof data.channel === 'string') {
    parts.push(isOutboundChannel(data.channel) ? labels.channel[data.channel] : data.channel);
  }
  if (typeof data.status === 'string') {
    parts.push(isDeliveryStatus(data.status) ? labels.status[data.status] : data.status);
  }
  if (typeof data.attempts === 'number' && data.attempts > 1) parts.push(`${data.attempts} tentatives`);
  if (data.fallbackOfId) parts.push(labels.fallbackOf);
  return parts.join(' · ');
}
