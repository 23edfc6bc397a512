/**
 * The words the request generator draws from: French streets, places, first and last names, and
 * per-category templates for subjects, descriptions, agents' answers and notes. Placeholders in
 * braces ({street}, {address}, {duration}…) are filled by generator.ts; French spacing before
 * : ; ? ! and inside « » is added there too (see `frenchTypography`).
 */

/**
 * Comma-separated list, kept compact (names may contain spaces and hyphens). The lines of a list
 * are joined without a space after their last comma: split on the comma and trim.
 */
export function splitList(list: string): string[] {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export const streets = [
  'rue Victor-Hugo',
  'avenue Jean-Jaurès',
  'boulevard Gambetta',
  'rue de la République',
  'place du Marché',
  'rue Pasteur',
  'allée des Tilleuls',
  'impasse des Rosiers',
  'chemin des Vignes',
  'rue Émile-Zola',
  'avenue du Général-de-Gaulle',
  'rue Jules-Ferry',
  'rue Anatole-France',
  'quai de l’Indre',
  'rue du Moulin',
  'rue des Écoles',
  'rue Voltaire',
  'rue Jean-Moulin',
  'avenue de la Gare',
  'rue Gutenberg',
  'rue de la Fontaine',
  'place de la Libération',
  'rue Georges-Sand',
  'boulevard de la Victoire',
  'rue des Lilas',
  'rue du Château',
  'rue Nationale',
  'avenue Marcel-Lemoine',
  'rue Saint-Luc',
  'rue des Jardins',
  'rue Pierre-et-Marie-Curie',
  'rue Albert-Camus',
  'allée des Peupliers',
  'rue de Verdun',
  'avenue de Paris',
  'rue du 8-Mai-1945',
  'rue Aristide-Briand',
  'rue Condorcet',
  'chemin de la Croix-Blanche',
  'rue des Acacias',
  'rue Jean-Jacques-Rousseau',
  'rue de l’Église',
  'place Sainte-Hélène',
  'rue Denis-Papin',
  'boulevard du Moulin-Neuf',
  'rue des Tanneurs',
  'rue de la Poste',
  'avenue François-Mitterrand',
  'rue Louise-Michel',
  'rue Jean-Giraudoux',
  'rue du Stade',
  'impasse du Lavoir',
  'rue Montaigne',
  'rue Racine',
  'rue des Cerisiers',
  'avenue des Marins',
  'rue Paul-Bert',
  'rue Lamartine',
  'rue Simone-Veil',
  'rue Olympe-de-Gouges',
] as const;

export const schools = [
  'école maternelle Les Capucines',
  'école élémentaire Jules-Ferry',
  'école Paul-Bert',
  'école Jean-Zay',
  'école maternelle du Parc',
  'école élémentaire Georges-Sand',
  'école Simone-Veil',
] as const;

export const parks = [
  'parc Balsan',
  'square de la Mairie',
  'jardin public',
  'square Lamartine',
  'parc des Prés',
  'square des Tilleuls',
] as const;

export const firstNames: readonly string[] = splitList(
  'Camille, Léa, Manon, Chloé, Emma, Inès, Jade, Louise, Sarah, Julie, Nathalie, Isabelle,' +
    'Sylvie, Catherine, Martine, Monique, Françoise, Valérie, Sandrine, Aurélie, Lucas, Hugo,' +
    'Louis, Gabriel, Jules, Arthur, Nathan, Thomas, Théo, Maxime, Nicolas, Julien, Sébastien,' +
    'Laurent, Philippe, Michel, Alain, Patrick, Jean-Pierre, Christophe, Yasmine, Mehdi, Karim,' +
    'Fatima, Sofiane, Nadia, Amadou, Aïcha, Océane, Anaïs, Gérard, Bernard, Jacqueline, Josiane,' +
    'Hélène, Élodie, Noémie, Benoît, Cédric, Stéphane',
);

export const lastNames: readonly string[] = splitList(
  'Martin, Bernard, Thomas, Petit, Robert, Richard, Durand, Dubois, Moreau, Laurent, Simon,' +
    'Michel, Lefèvre, Leroy, Roux, David, Bertrand, Morel, Fournier, Girard, Bonnet, Dupont,' +
    'Lambert, Fontaine, Rousseau, Vincent, Muller, Lefebvre, Faure, André, Mercier, Blanc,' +
    'Guérin, Boyer, Garnier, Chevalier, François, Legrand, Gauthier, Garcia, Perrin, Robin,' +
    'Clément, Morin, Nicolas, Henry, Roussel, Mathieu, Gautier, Masson, Marchand, Duval, Denis,' +
    'Dumont, Marie, Lemaire, Noël, Meyer, Dufour, Meunier, Brun, Blanchard, Giraud, Joly,' +
    'Rivière, Lucas, Brunet, Gaillard, Barbier, Arnaud, Benali, Diallo, Nguyen, Da Silva,' +
    'Ferreira, Haddad, Traoré, Le Gall, Le Goff, Cousin',
);

/** Reserved or fictitious mail domains only: nothing generated may reach a real mailbox. */
export const mailDomains = ['example.fr', 'example.com', 'example.org', 'example.net'] as const;

export const durations = [
  'deux jours',
  'trois jours',
  'une semaine',
  'plus d’une semaine',
  'quinze jours',
  'hier soir',
  'ce matin',
  'samedi',
] as const;

export interface CategoryTemplates {
  /** Whether requests of this category point at a place (address and coordinates). */
  located: boolean;
  subjects: readonly string[];
  descriptions: readonly string[];
  /** The town's answer, public. */
  answers: readonly string[];
  /** An agent's internal note during treatment. */
  notes: readonly string[];
  /** What the town asks the citizen when it needs more from them (waiting_citizen). */
  questions: readonly string[];
}

const genericNotes = [
  'Transmis à l’équipe de terrain.',
  'Intervention programmée dans la semaine.',
  'Vu avec le chef d’équipe : à traiter en priorité.',
  'Demandeur rappelé pour préciser l’emplacement.',
];
const genericQuestions = [
  'Pourriez-vous nous préciser l’adresse exacte ou un point de repère ?',
  'Pourriez-vous nous transmettre une photo ?',
];
const civilQuestions = [
  'Merci de nous indiquer les noms et prénoms des parents de la personne concernée.',
  'Merci de joindre une copie de votre pièce d’identité.',
];

export const categoryTemplates: Readonly<Record<string, CategoryTemplates>> = {
  'nid-de-poule': {
    located: true,
    subjects: [
      'Nid-de-poule dangereux {street}',
      'Trou dans la chaussée {street}',
      'Chaussée affaissée devant le {address}',
      'Gros nid-de-poule au carrefour {street}',
    ],
    descriptions: [
      'Un nid-de-poule s’est formé sur la chaussée au niveau du {address}. Il est profond et les cyclistes font des écarts pour l’éviter. Il est là depuis {duration}.',
      'Bonjour, il y a un trou important dans la chaussée {street}, près du passage piéton. Ma voiture a tapé dedans {duration}. Pouvez-vous intervenir ?',
      'La chaussée s’est affaissée devant le {address} après les pluies. Les voitures ralentissent brusquement, c’est dangereux.',
    ],
    answers: [
      'Bonjour, le nid-de-poule signalé {street} a été rebouché par nos équipes. Merci de votre signalement.',
      'Bonjour, une réfection provisoire de la chaussée a été faite {street} ; la réfection définitive est prévue au programme de voirie.',
    ],
    notes: genericNotes,
    questions: genericQuestions,
  },
  'trottoir-degrade': {
    located: true,
    subjects: [
      'Trottoir défoncé {street}',
      'Dalle descellée devant le {address}',
      'Bordure de trottoir cassée {street}',
    ],
    descriptions: [
      'Le trottoir est très abîmé devant le {address} : plusieurs dalles bougent et une personne âgée a failli tomber.',
      'Bonjour, la bordure du trottoir {street} est cassée sur deux mètres, les poussettes ne passent plus.',
    ],
    answers: [
      'Bonjour, le trottoir {street} a été remis en état. Merci pour votre vigilance.',
      'Bonjour, les dalles descellées ont été reposées par le service Voirie.',
    ],
    notes: genericNotes,
    questions: genericQuestions,
  },
  signalisation: {
    located: true,
    subjects: [
      'Panneau stop arraché {street}',
      'Panneau de signalisation tordu {street}',
      'Feu tricolore en panne {street}',
    ],
    descriptions: [
      'Le panneau stop {street} a été arraché, sans doute par un camion. Le carrefour est dangereux.',
      'Le panneau de limitation de vitesse {street} est tordu et illisible depuis {duration}.',
      'Le feu tricolore au carrefour {street} reste à l’orange clignotant depuis {duration}.',
    ],
    answers: ['Bonjour, le panneau a été remplacé {street}. Merci de votre signalement.'],
    notes: genericNotes,
    questions: genericQuestions,
  },
  'eclairage-en-panne': {
    located: true,
    subjects: [
      'Lampadaire éteint {street} depuis {duration}',
      'Éclairage public en panne {street}',
      'Lampadaire qui clignote devant le {address}',
      'Rue plongée dans le noir : lampadaires éteints {street}',
    ],
    descriptions: [
      'Le lampadaire situé devant le {address} ne s’allume plus depuis {duration}. La rue est très sombre le soir.',
      'Bonjour, plusieurs lampadaires sont éteints {street}. On ne voit rien en rentrant du travail, ce n’est pas rassurant.',
      'Le lampadaire en face du {address} clignote toute la nuit et reste allumé en plein jour.',
    ],
    answers: [
      'Bonjour, le lampadaire {street} a été réparé : la lampe défectueuse a été remplacée.',
      'Bonjour, l’éclairage {street} est rétabli. Le câble endommagé a été remplacé.',
    ],
    notes: [
      'Lampe à remplacer, nacelle réservée.',
      'Défaut d’alimentation : prévenir le concessionnaire.',
      ...genericNotes,
    ],
    questions: genericQuestions,
  },
  'depot-sauvage': {
    located: true,
    subjects: [
      'Dépôt sauvage {street}',
      'Encombrants abandonnés devant le {address}',
      'Gravats déposés {street}',
      'Sacs poubelles éventrés {street}',
    ],
    descriptions: [
      'Un tas d’encombrants (matelas, meubles, sacs) a été abandonné sur le trottoir devant le {address} depuis {duration}.',
      'Des gravats et des pots de peinture ont été déposés {street}, au pied des conteneurs. Ça attire les rats.',
      'Des poubelles éventrées traînent {street}, les déchets s’envolent sur la chaussée.',
    ],
    answers: [
      'Bonjour, le dépôt sauvage {street} a été enlevé par le service Propreté.',
      'Bonjour, les encombrants ont été ramassés. Rappel : la déchèterie est ouverte du lundi au samedi.',
    ],
    notes: [
      'Enlèvement programmé demain matin.',
      'Photos transmises à la police municipale.',
      ...genericNotes,
    ],
    questions: genericQuestions,
  },
  'tags-graffitis': {
    located: true,
    subjects: [
      'Tags sur la façade du {address}',
      'Graffitis sur l’abribus {street}',
      'Tags injurieux {street}',
    ],
    descriptions: [
      'Des tags ont été faits cette nuit sur la façade du {address}. Pouvez-vous les effacer ?',
      'L’abribus {street} est couvert de graffitis, dont certains injurieux.',
    ],
    answers: ['Bonjour, les tags {street} ont été effacés par nos équipes.'],
    notes: genericNotes,
    questions: genericQuestions,
  },
  'corbeille-pleine': {
    located: true,
    subjects: [
      'Poubelles qui débordent {street}',
      'Corbeille pleine au {address}',
      'Colonne à verre pleine {street}',
      'Conteneur cassé {street}',
    ],
    descriptions: [
      'Les poubelles {street} débordent depuis {duration}, les sacs s’entassent à côté.',
      'La colonne à verre {street} est pleine, les gens déposent les bouteilles par terre.',
      'Le couvercle du conteneur devant le {address} est cassé.',
    ],
    answers: ['Bonjour, la corbeille {street} a été vidée et la fréquence de collecte sera augmentée.'],
    notes: genericNotes,
    questions: genericQuestions,
  },
  'acte-de-naissance': {
    located: false,
    subjects: [
      'Demande d’acte de naissance',
      'Copie intégrale d’acte de naissance pour {person}',
      'Extrait d’acte de naissance avec filiation',
    ],
    descriptions: [
      'Bonjour, je souhaiterais obtenir une copie intégrale de mon acte de naissance (né(e) le {birthDate} à Ville-de-Démo) pour un dossier de mariage.',
      'Je vous prie de bien vouloir m’adresser un extrait d’acte de naissance avec filiation au nom de {person}, né(e) le {birthDate}. Il est demandé pour une carte d’identité.',
      'Pouvez-vous m’envoyer un acte de naissance de {person} ? C’est pour un dossier de retraite.',
    ],
    answers: [
      'Bonjour, votre acte de naissance vous a été envoyé par courrier ce jour.',
      'Bonjour, l’extrait d’acte de naissance demandé est disponible à l’accueil de l’état civil.',
    ],
    notes: ['Acte trouvé au registre, envoi par courrier.', 'Vérification de la filiation en cours.'],
    questions: civilQuestions,
  },
  'acte-de-mariage': {
    located: false,
    subjects: ['Demande d’acte de mariage', 'Copie d’acte de mariage de {person}'],
    descriptions: [
      'Bonjour, je souhaite obtenir une copie intégrale de mon acte de mariage célébré à Ville-de-Démo le {birthDate}.',
      'Merci de m’adresser un extrait d’acte de mariage pour une procédure de divorce.',
    ],
    answers: ['Bonjour, la copie de votre acte de mariage vous a été envoyée par courrier.'],
    notes: ['Acte trouvé au registre.'],
    questions: civilQuestions,
  },
  'acte-de-deces': {
    located: false,
    subjects: ['Demande d’acte de décès de {person}', 'Copie d’acte de décès pour la succession'],
    descriptions: [
      'Bonjour, le notaire me demande une copie de l’acte de décès de {person}, décédé(e) le {birthDate}.',
      'Je vous remercie de m’envoyer trois copies de l’acte de décès de mon père, {person}.',
    ],
    answers: [
      'Bonjour, les copies d’acte de décès vous ont été adressées. Nous vous présentons nos condoléances.',
    ],
    notes: ['Envoi en trois exemplaires.'],
    questions: civilQuestions,
  },
  'inscription-scolaire': {
    located: false,
    subjects: [
      'Inscription scolaire de {person} à l’{school}',
      'Première inscription en maternelle',
      'Demande de dérogation de secteur scolaire',
    ],
    descriptions: [
      'Bonjour, nous emménageons {street} et souhaitons inscrire notre enfant {person} en CE1 à l’{school} pour la rentrée.',
      'Notre fille {person} aura trois ans cette année : comment l’inscrire en petite section à l’{school} ?',
      'Nous demandons une dérogation pour que {person} reste à l’{school} malgré notre déménagement.',
    ],
    answers: [
      'Bonjour, l’inscription de votre enfant à l’{school} est enregistrée. Le certificat d’inscription vous a été envoyé.',
      'Bonjour, votre demande de dérogation a été examinée en commission : elle est acceptée.',
    ],
    notes: ['Dossier complet, transmis à la directrice.', 'Capacité de la classe à vérifier.'],
    questions: ['Merci de nous transmettre un justificatif de domicile de moins de trois mois.'],
  },
  'restauration-scolaire': {
    located: false,
    subjects: [
      'Inscription à la cantine et au périscolaire',
      'Inscription périscolaire de {person}',
      'Question sur la facture de cantine',
      'Régime sans porc à la cantine de l’{school}',
    ],
    descriptions: [
      'Bonjour, je souhaite inscrire {person} à la cantine et à l’accueil périscolaire du soir à l’{school} à partir du mois prochain.',
      'La facture de cantine du mois dernier compte des repas alors que mon fils {person} était malade. Pouvez-vous la corriger ?',
      'Mon enfant {person} a une allergie aux arachides : comment mettre en place un PAI à la cantine ?',
    ],
    answers: [
      'Bonjour, l’inscription périscolaire de votre enfant est enregistrée à compter du 1er du mois.',
      'Bonjour, la facture a été corrigée : les repas d’absence pour maladie ont été déduits.',
    ],
    notes: ['Vu avec la régie : avoir à émettre.'],
    questions: ['Merci de nous transmettre le certificat médical correspondant.'],
  },
  'permis-de-construire': {
    located: true,
    subjects: [
      'Renseignement sur un permis de construire au {address}',
      'Extension de maison : faut-il un permis de construire ?',
    ],
    descriptions: [
      'Nous envisageons une extension de 35 m² de notre maison au {address}. Faut-il un permis de construire et quelles sont les règles du PLU dans ce secteur ?',
      'Je souhaite construire un garage {street}. Quelle est la hauteur maximale autorisée ?',
    ],
    answers: [
      'Bonjour, au-delà de 20 m² en zone urbaine un permis de construire est nécessaire ; le règlement du PLU est joint.',
    ],
    notes: ['Zone UB du PLU, secteur des abords.'],
    questions: ['Pourriez-vous nous transmettre le numéro de la parcelle cadastrale ?'],
  },
  'declaration-prealable': {
    located: true,
    subjects: [
      'Déclaration préalable pour une clôture {street}',
      'Abri de jardin : déclaration préalable ?',
      'Ravalement de façade au {address}',
    ],
    descriptions: [
      'Je souhaite remplacer ma clôture au {address} par un mur de 1,80 m. Une déclaration préalable est-elle nécessaire ?',
      'Nous voulons installer un abri de jardin de 12 m² au {address}. Quelles démarches faut-il faire ?',
    ],
    answers: [
      'Bonjour, une déclaration préalable est nécessaire (formulaire Cerfa 13703) ; vous pouvez la déposer en ligne.',
    ],
    notes: ['Secteur protégé : avis de l’architecte des Bâtiments de France.'],
    questions: ['Pourriez-vous nous transmettre un plan de situation ?'],
  },
  'occupation-domaine-public': {
    located: true,
    subjects: [
      'Autorisation de stationnement pour un déménagement {street}',
      'Demande de terrasse pour le café du {address}',
      'Pose d’un échafaudage {street}',
    ],
    descriptions: [
      'Nous déménageons le {birthDate} et souhaitons réserver deux places de stationnement devant le {address} pour le camion.',
      'Je tiens le café au {address} et demande l’autorisation d’installer une terrasse de six tables pour l’été.',
      'Notre entreprise doit poser un échafaudage {street} pendant trois semaines pour un ravalement.',
    ],
    answers: [
      'Bonjour, l’arrêté d’occupation du domaine public vous a été envoyé. Les panneaux seront posés la veille.',
    ],
    notes: ['Arrêté en préparation, à signer par le maire.'],
    questions: ['Merci de nous indiquer les dates exactes et l’emprise souhaitée.'],
  },
  'carte-stationnement-resident': {
    located: true,
    subjects: ['Demande de carte de stationnement résident', 'Renouvellement carte résident {street}'],
    descriptions: [
      'Bonjour, j’habite au {address} et souhaite obtenir une carte de stationnement résident pour mon véhicule.',
      'Ma carte de résident expire à la fin du mois, comment la renouveler ?',
    ],
    answers: [
      'Bonjour, votre carte de stationnement résident est prête : vous pouvez la retirer à l’accueil de la mairie.',
    ],
    notes: ['Justificatifs vérifiés.'],
    questions: ['Merci de nous transmettre la carte grise du véhicule et un justificatif de domicile.'],
  },
  elagage: {
    located: true,
    subjects: [
      'Branches dangereuses {street}',
      'Élagage d’un arbre devant le {address}',
      'Arbre penché au-dessus de la chaussée {street}',
    ],
    descriptions: [
      'Les branches d’un platane {street} touchent les fenêtres du {address} et bouchent les gouttières.',
      'Après le coup de vent {duration}, une grosse branche menace de tomber sur le trottoir {street}.',
    ],
    answers: ['Bonjour, l’arbre {street} a été élagué par le service des Espaces verts.'],
    notes: ['Nacelle à prévoir, fermeture de la voie.'],
    questions: genericQuestions,
  },
  'entretien-espaces-verts': {
    located: true,
    subjects: ['Jeu cassé au {park}', 'Herbes hautes au {park}', 'Banc abîmé au {park}'],
    descriptions: [
      'Le toboggan du {park} est cassé, une planche dépasse et les enfants risquent de se blesser.',
      'L’herbe n’a pas été tondue au {park} depuis {duration}, on ne peut plus s’y promener.',
    ],
    answers: ['Bonjour, le jeu du {park} a été réparé et contrôlé.'],
    notes: genericNotes,
    questions: genericQuestions,
  },
  'autre-demande': {
    located: false,
    subjects: [
      'Demande de renseignement',
      'Nuisances sonores {street}',
      'Question sur les horaires de la mairie',
      'Objet trouvé {street}',
      'Demande de rendez-vous avec un élu',
    ],
    descriptions: [
      'Bonjour, je voudrais savoir quels documents apporter pour faire une carte d’identité.',
      'Un voisin du {address} fait du bruit tous les soirs après 22 heures. Que puis-je faire ?',
      'J’ai trouvé un portefeuille {street} et l’ai déposé à l’accueil de la mairie.',
      'Je souhaiterais rencontrer l’adjoint au maire chargé du quartier au sujet de la circulation {street}.',
    ],
    answers: [
      'Bonjour, les informations demandées sont disponibles sur le site de la ville ; l’accueil reste à votre disposition.',
      'Bonjour, votre demande a été transmise au service compétent, qui vous recontactera.',
    ],
    notes: ['Orienté vers le service compétent.'],
    questions: ['Pourriez-vous nous préciser votre demande ?'],
  },
};

export const rejectionReasons = [
  'La demande ne relève pas de la compétence de la commune (voirie départementale).',
  'La demande concerne une propriété privée.',
  'Les informations fournies ne permettent pas de traiter la demande.',
] as const;

export const satisfactionComments = [
  'Très rapide, merci !',
  'Intervention efficace.',
  'Un peu long mais le problème est réglé.',
  'Merci au service pour la réactivité.',
  'Délai trop long.',
] as const;

export const citizenReplies = [
  'Voici les informations demandées.',
  'Je vous joins le document demandé.',
  'C’est juste en face de la boulangerie.',
  'Merci, je reste disponible au besoin.',
] as const;
