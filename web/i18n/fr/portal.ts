/**
 * The French catalogue, part « portal ». The citizen portal: accounts, requests, tracking, satisfaction
 * survey, notifications. Re-assembled with the other parts in ../fr.ts; typography checked by
 * ../fr.test.ts.
 */

// French typography needs non-breaking spaces inside the strings and templates of this catalogue.
/* eslint no-irregular-whitespace: ["error", { "skipStrings": true, "skipTemplates": true }] */

import type { RequestStatus } from '../../../common/requests';
import { plural } from '../../../common/plural';

export const portalTexts = {
  portal: {
    tagline: 'Le guichet en ligne de votre mairie',
    home: {
      title: 'Accueil',
      lead: 'Votre mairie vous accueille aussi en ligne : posez une question ou signalez un problème, puis suivez votre demande étape par étape.',
      todayTitle: 'Ce que vous pouvez faire dès aujourd’hui',
      today: [
        'Faire une demande à la mairie : une question, un signalement, une réclamation.',
        'Suivre votre demande étape par étape grâce à son code de suivi, et recevoir la réponse.',
        'Créer votre compte pour retrouver toutes vos demandes et choisir comment la mairie vous répond.',
      ],
      soonTitle: 'Bientôt sur ce guichet',
      soon: ['Accomplir vos démarches administratives en ligne, sans vous déplacer.'],
      soonNote:
        'Ce service arrive prochainement. En attendant, la mairie vous accueille à ses guichets et par téléphone.',
      ctaNewRequest: 'Faire une demande',
      ctaTrack: 'Suivre une demande',
      ctaRegister: 'Créer mon compte',
      ctaLogin: 'J’ai déjà un compte',
      ctaAccount: 'Accéder à mon compte',
      welcomeBack: (name: string) => `Bonjour ${name}, vous êtes connecté·e.`,
      agentsLink: 'Vous êtes agent de la mairie ? Accédez à l’espace agents',
    },
    register: {
      title: 'Créer un compte',
      intro: 'Tous les champs sont obligatoires, sauf mention contraire.',
      submit: 'Créer mon compte',
      submitting: 'Création en cours…',
      successTitle: 'Vérifiez votre messagerie',
      success: (email: string) =>
        `Nous venons d’envoyer un lien de confirmation à ${email}. Ouvrez-le pour activer votre compte : il reste valable 48 heures.`,
      successHint: 'Rien reçu ? Regardez dans vos courriers indésirables, ou demandez un nouveau lien.',
      resend: 'Renvoyer le lien de confirmation',
      resent: 'Si un compte attend une confirmation à cette adresse, un nouveau lien vient d’être envoyé.',
      haveAccount: 'Vous avez déjà un compte ?',
    },
    confirmEmail: {
      title: 'Confirmation de l’adresse e-mail',
      pending: 'Confirmation de votre adresse en cours…',
      success: 'Votre adresse e-mail est confirmée. Vous pouvez maintenant vous connecter.',
      failure:
        'Ce lien de confirmation n’est plus valable : il a déjà servi ou il a expiré. Connectez-vous pour en recevoir un nouveau.',
      missingToken: 'Le lien est incomplet. Copiez l’adresse complète reçue par e-mail.',
      goToLogin: 'Se connecter',
      goToAccount: 'Accéder à mon compte',
    },
    login: {
      title: 'Connexion',
      intro: 'Connectez-vous pour accéder à votre compte.',
      submit: 'Se connecter',
      submitting: 'Connexion…',
      forgot: 'Mot de passe oublié ?',
      noAccount: 'Pas encore de compte ?',
      providersTitle: 'Ou connectez-vous avec',
      providerButton: (label: string) => `Se connecter avec ${label}`,
      oidcError:
        'La connexion avec le service externe n’a pas abouti. Réessayez, ou connectez-vous avec votre adresse e-mail.',
      notConfirmed:
        'Votre adresse e-mail n’est pas encore confirmée. Ouvrez le lien que nous vous avons envoyé.',
      resend: 'Recevoir un nouveau lien',
      resent: 'Si votre compte attend une confirmation, un nouveau lien vient d’être envoyé.',
      sessionExpired: 'Votre session a expiré. Connectez-vous de nouveau.',
    },
    forgot: {
      title: 'Mot de passe oublié',
      intro:
        'Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.',
      submit: 'Recevoir le lien',
      submitting: 'Envoi…',
      done: 'Si un compte existe pour cette adresse, vous allez recevoir un e-mail avec un lien valable une heure. Pensez à regarder dans vos courriers indésirables.',
      backToLogin: 'Retour à la connexion',
    },
    reset: {
      title: 'Choisir un nouveau mot de passe',
      intro:
        'Ce nouveau mot de passe remplacera l’ancien. Par sécurité, vous serez déconnecté·e de tous vos appareils.',
      submit: 'Enregistrer le mot de passe',
      submitting: 'Enregistrement…',
      done: 'Votre mot de passe a été modifié. Vous pouvez vous connecter.',
      invalidToken: 'Ce lien n’est plus valable : il a déjà servi ou il a expiré.',
      askAgain: 'Demander un nouveau lien',
      missingToken: 'Le lien est incomplet. Copiez l’adresse complète reçue par e-mail.',
    },
    account: {
      title: 'Mon compte',
      intro: (name: string) => `Bonjour ${name}. Retrouvez ici vos coordonnées et vos préférences.`,
      profileTitle: 'Mes coordonnées',
      emailLabel: 'Adresse e-mail',
      emailVerified: 'confirmée',
      emailNotVerified: 'non confirmée',
      saveProfile: 'Enregistrer mes coordonnées',
      profileSaved: 'Vos coordonnées sont enregistrées.',
      passwordTitle: 'Changer de mot de passe',
      savePassword: 'Changer le mot de passe',
      passwordSaved: 'Votre mot de passe a été modifié.',
      wrongCurrentPassword: 'Le mot de passe actuel est incorrect.',
      sessionsTitle: 'Déconnexion',
      sessionsIntro:
        'Vous avez utilisé un appareil partagé, ou perdu votre téléphone ? Déconnectez-vous de tous vos appareils.',
      logout: 'Se déconnecter',
      logoutEverywhere: 'Se déconnecter de tous les appareils',
    },
    newRequest: {
      title: 'Faire une demande',
      intro:
        'Posez une question, signalez un problème ou faites une réclamation. Tous les champs sont obligatoires, sauf mention contraire.',
      category: 'Nature de la demande',
      categoryHint:
        'Tapez quelques lettres pour chercher, par exemple « voirie », puis choisissez dans la liste.',
      categoryEmpty: 'Aucune nature de demande ne correspond à votre recherche.',
      categoryLoadError: 'La liste des natures de demande n’a pas pu être chargée.',
      showCategories: 'Afficher toutes les natures de demande',
      deadline: (days: number) =>
        `Réponse attendue sous ${days} ${plural(days, 'jour ouvré', 'jours ouvrés')}.`,
      subject: 'Objet',
      subjectHint: 'En quelques mots, par exemple : lampadaire éteint rue des Lilas.',
      description: 'Description',
      descriptionHint: 'Ce qui se passe, depuis quand, ce que vous attendez de la mairie.',
      counter: (count: number, max: number) =>
        `${count.toLocaleString('fr-FR')} caractères sur ${max.toLocaleString('fr-FR')}`,
      address: 'Adresse du lieu concerné (facultatif)',
      addressHint: 'Par exemple : 12 rue de la Mairie, ou devant l’école Jules-Ferry.',
      contactTitle: 'Vos coordonnées',
      contactIntro:
        'Pour que la mairie puisse vous répondre, indiquez une adresse e-mail ou un numéro de téléphone : au moins l’un des deux est obligatoire.',
      contactName: 'Nom et prénom',
      contactEmail: 'Adresse e-mail (ou téléphone)',
      contactEmailHint: 'Vous y recevrez l’accusé de réception. Format attendu : nom@exemple.fr',
      contactPhone: 'Téléphone (ou adresse e-mail)',
      contactNeeded: 'Indiquez une adresse e-mail ou un numéro de téléphone.',
      haveAccount: 'Vous avez un compte ?',
      loginInstead: 'Connectez-vous pour retrouver cette demande dans votre espace',
      asUser: (name: string, email: string) =>
        `Vous faites cette demande en tant que ${name} (${email}) : vous la retrouverez dans votre compte.`,
      submit: 'Envoyer ma demande',
      submitting: 'Envoi…',
    },
    confirmation: {
      title: 'Votre demande est enregistrée',
      reference: (reference: string) => `Référence de votre demande : ${reference}.`,
      codeLabel: 'Votre code de suivi',
      codeHint: 'Notez-le : il permet de suivre votre demande sans vous connecter.',
      dueAt: (date: string) => `Réponse attendue au plus tard le ${date}.`,
      acknowledgement: (email: string) => `Un accusé de réception vous a été envoyé à ${email}.`,
      track: 'Suivre ma demande',
      another: 'Faire une autre demande',
    },
    tracking: {
      title: 'Suivre une demande',
      intro: 'Saisissez le code de suivi reçu lors de votre demande, par exemple dans l’accusé de réception.',
      code: 'Code de suivi',
      codeHint: '8 lettres, par exemple BDFGHJKL.',
      submit: 'Afficher le suivi',
      requestTitle: (reference: string) => `Demande ${reference}`,
      notFoundTitle: 'Demande introuvable',
      notFound:
        'Aucune demande ne correspond à ce code. Vérifiez-le : il figure dans l’accusé de réception et sur la page de confirmation.',
      tryAnother: 'Saisir un autre code',
      live: 'Cette page se met à jour automatiquement.',
      updated: (time: string) => `Mis à jour à ${time}.`,
    },
    request: {
      status: 'État',
      category: 'Nature',
      noCategory: 'Non précisée',
      createdAt: 'Déposée le',
      updatedAt: 'Dernière mise à jour le',
      dueAt: 'Réponse attendue le',
      trackingCode: 'Code de suivi',
      progressLabel: 'Avancement de la demande',
      steps: ['Qualification', 'Traitement', 'Réponse'],
      stepState: {
        done: 'étape terminée',
        current: 'étape en cours',
        todo: 'étape à venir',
      } satisfies Record<'done' | 'current' | 'todo', string>,
      closed: 'Cette demande est terminée.',
      timelineTitle: 'Historique',
      timelineEmpty: 'Aucun événement pour le moment.',
      statuses: {
        received: 'Reçue',
        qualified: 'Qualifiée',
        in_progress: 'En cours de traitement',
        waiting_citizen: 'En attente de votre réponse',
        awaiting_approval: 'En cours de validation',
        answered: 'Répondue',
        closed: 'Clôturée',
        rejected: 'Rejetée',
        duplicate: 'Doublon',
        cancelled: 'Annulée',
      } satisfies Record<RequestStatus, string>,
    },
    myRequests: {
      title: 'Mes demandes',
      empty: 'Vous n’avez pas encore fait de demande.',
      listLabel: 'Mes demandes, de la plus récente à la plus ancienne',
      createdOn: (date: string) => `Déposée le ${date}`,
      back: 'Retour à mon compte',
      detailTitle: (reference: string) => `Demande ${reference}`,
      description: 'Votre demande',
      address: 'Lieu concerné',
      messageTitle: 'Écrire à la mairie',
      message: 'Votre message',
      messageHint: 'Un complément, une précision, une réponse à une question de la mairie.',
      send: 'Envoyer le message',
      sending: 'Envoi…',
      sent: 'Votre message a été envoyé à la mairie.',
    },
    attachments: {
      label: 'Pièces jointes (facultatif)',
      hint: (maxFiles: number, maxSize: string) =>
        `Photos, scans ou documents : PDF, JPEG, PNG, GIF, WebP, HEIC, TIFF, ODT ou DOCX. Jusqu’à ${maxFiles} fichiers de ${maxSize} chacun au plus.`,
      add: 'Ajouter des pièces jointes',
      chosenLabel: 'Fichiers choisis',
      remove: 'Retirer',
      removeLabel: (name: string) => `Retirer ${name}`,
      tooLarge: (name: string, maxSize: string) =>
        `« ${name} » dépasse la taille maximale de ${maxSize} : il n’a pas été ajouté.`,
      badType: (name: string) =>
        `« ${name} » n’est pas dans un format accepté (PDF, image ou document texte) : il n’a pas été ajouté.`,
      tooMany: (maxFiles: number) =>
        `Vous pouvez joindre ${maxFiles} fichiers au plus : les fichiers en trop n’ont pas été ajoutés.`,
      alreadyChosen: (name: string) => `« ${name} » est déjà dans la liste.`,
      uploading: (done: number, total: number) => `Envoi des pièces jointes (${done} sur ${total})…`,
      failedTitle: 'Certaines pièces jointes n’ont pas pu être envoyées',
      failedIntro: 'Votre demande est bien enregistrée, mais les fichiers suivants n’y ont pas été joints.',
      retry: 'Réessayer l’envoi',
      retrying: 'Nouvel envoi…',
      failedItem: (name: string, reason: string) => `${name} : ${reason}`,
      sentCount: (count: number) =>
        `${count} ${plural(count, 'pièce jointe envoyée', 'pièces jointes envoyées')} avec la demande.`,
      listTitle: 'Pièces jointes',
      empty: 'Aucune pièce jointe pour le moment.',
      download: (name: string) => `Télécharger ${name}`,
      fromTown: 'ajoutée par la mairie',
      addToRequest: 'Joindre un fichier',
      sending: 'Envoi du fichier…',
      added: (name: string) => `« ${name} » a été joint à votre demande.`,
    },
  },
  satisfaction: {
    title: 'Votre avis sur la réponse apportée',
    intro:
      'Votre demande est clôturée. Dites-nous si la réponse de la mairie vous a satisfait·e : vos avis nous aident à améliorer nos services.',
    rating: 'Votre satisfaction',
    ratings: [
      '1 — Très insatisfait',
      '2 — Plutôt insatisfait',
      '3 — Moyennement satisfait',
      '4 — Plutôt satisfait',
      '5 — Très satisfait',
    ],
    comment: 'Commentaire (facultatif)',
    commentHint: 'Ce qui vous a plu, ce que nous pourrions améliorer. 2 000 caractères au plus.',
    send: 'Envoyer mon avis',
    sending: 'Envoi…',
    thanks: 'Merci pour votre avis !',
    given: (rating: number) => `Vous avez donné la note de ${rating} sur 5.`,
  },
  notifications: {
    /** « 1er mars 2026 à 09:05 » */
    dateAtTime: (date: string, time: string) => `${date} à ${time}`,
    title: 'Notifications',
    lead: 'Les messages de la mairie au sujet de vos demandes.',
    navLabel: 'Notifications',
    /** Read after « Notifications » in the header link’s accessible name. */
    navUnread: (count: number) => `, ${count} ${plural(count, 'non lue', 'non lues')}`,
    summary: (count: number) =>
      count === 0
        ? 'Vous avez tout lu.'
        : `${count} ${plural(count, 'notification non lue', 'notifications non lues')}`,
    listLabel: 'Vos notifications, de la plus récente à la plus ancienne',
    unread: 'Non lue',
    unreadInHeading: ' (non lue)',
    receivedOn: (date: string) => `Reçue le ${date}`,
    seeRequest: 'Voir la demande',
    markRead: 'Marquer comme lue',
    markAllRead: 'Tout marquer comme lu',
    marking: 'Enregistrement…',
    markedRead: 'Notification marquée comme lue.',
    allMarkedRead: 'Toutes vos notifications sont marquées comme lues.',
    showMore: 'Voir plus',
    loadingMore: 'Chargement…',
    moreShown: (count: number) =>
      `${count} ${plural(count, 'notification plus ancienne affichée', 'notifications plus anciennes affichées')}.`,
    emptyTitle: 'Aucune notification pour le moment',
    empty:
      'Quand la mairie vous écrit au sujet d’une demande (une réponse, une question), son message apparaît ici.',
    channelHint:
      'Vous souhaitez recevoir ici les réponses de la mairie plutôt que par e-mail, SMS ou courrier ?',
    channelHintLink: 'Choisir « Dans mon espace en ligne » dans Mon compte',
    arrived: (title: string) => `Nouvelle notification : « ${title} »`,
    arrivedMany: (count: number) => `${count} nouvelles notifications.`,
    arrivedElsewhere: 'Vous avez une nouvelle notification.',
    notFound: 'Cette notification n’existe plus : la liste a été mise à jour.',
  },
};
