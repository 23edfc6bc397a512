import type { PostalAddress } from '../modules/accounts';
import type { SilenceRule, TenantSettings } from '../modules/organisation';
import type { AgentRole } from '../platform/http/request-context';

/**
 * "Ville de Démo": the fictitious town seeded when DEMO is on. Phone numbers are in the ranges
 * ARCEP sets aside for fiction (01 99 00 …, 06 39 98 …); 99999 is no real postcode or INSEE code.
 */

export const demoPassword = 'guichet-demo';

const cityLine = '99999 Ville-de-Démo';
const townHall = `Hôtel de ville\n1 place de la République\n${cityLine}`;
const technicalCentre = `Centre technique municipal\n24 rue des Artisans\n${cityLine}`;

export const demoTown = {
  slug: 'demo',
  name: 'Ville de Démo',
  inseeCode: '99999',
  /** Browsers resolve *.localhost to this machine: the demo stays reachable even when not the default. */
  hostNames: ['demo.localhost'],
  settings: {
    defaultDeadlineDays: 15,
    autoCloseDays: 15,
    contactEmail: 'contact@demo.guichet.fr',
    contactPhone: '01 99 00 00 00',
    postalAddress: townHall,
  } satisfies Partial<TenantSettings>,
};

export interface DemoDepartment {
  code: string;
  name: string;
  parentCode?: string;
  email: string;
  phone: string;
  postalAddress: string;
}

/** Parents come before their sub-departments. */
export const demoDepartments: DemoDepartment[] = [
  {
    code: 'accueil',
    name: 'Accueil',
    email: 'accueil.mairie@demo.guichet.fr',
    phone: '01 99 00 01 00',
    postalAddress: townHall,
  },
  {
    code: 'voirie',
    name: 'Voirie',
    email: 'service.voirie@demo.guichet.fr',
    phone: '01 99 00 02 10',
    postalAddress: technicalCentre,
  },
  {
    code: 'proprete',
    name: 'Propreté',
    email: 'service.proprete@demo.guichet.fr',
    phone: '01 99 00 02 20',
    postalAddress: technicalCentre,
  },
  {
    code: 'eclairage-public',
    name: 'Éclairage public',
    parentCode: 'voirie',
    email: 'eclairage.public@demo.guichet.fr',
    phone: '01 99 00 02 30',
    postalAddress: technicalCentre,
  },
  {
    code: 'etat-civil',
    name: 'État civil',
    email: 'etat.civil@demo.guichet.fr',
    phone: '01 99 00 01 20',
    postalAddress: townHall,
  },
  {
    code: 'urbanisme',
    name: 'Urbanisme',
    email: 'urbanisme@demo.guichet.fr',
    phone: '01 99 00 01 40',
    postalAddress: `Hôtel de ville – 2e étage\n1 place de la République\n${cityLine}`,
  },
  {
    code: 'education',
    name: 'Éducation',
    email: 'education@demo.guichet.fr',
    phone: '01 99 00 03 10',
    postalAddress: `Maison de l’enfance\n8 allée des Écoliers\n${cityLine}`,
  },
  {
    code: 'espaces-verts',
    name: 'Espaces verts',
    email: 'espaces.verts@demo.guichet.fr',
    phone: '01 99 00 02 40',
    postalAddress: `Serres municipales\n3 chemin du Parc\n${cityLine}`,
  },
];

export interface DemoCategory {
  code: string;
  name: string;
  description: string;
  departmentCode: string;
  deadlineDays: number;
  /** What silence is worth after `silencePeriodDays` calendar days (CRPA L231-1, L231-4); `none` by default. */
  silenceRule?: SilenceRule;
  silencePeriodDays?: number;
}

export const demoCategories: DemoCategory[] = [
  {
    code: 'nid-de-poule',
    name: 'Nid-de-poule',
    description: 'Trou ou affaissement de la chaussée.',
    departmentCode: 'voirie',
    deadlineDays: 5,
  },
  {
    code: 'trottoir-degrade',
    name: 'Trottoir dégradé',
    description: 'Dalle descellée, bordure cassée, revêtement abîmé.',
    departmentCode: 'voirie',
    deadlineDays: 15,
  },
  {
    code: 'signalisation',
    name: 'Panneau de signalisation abîmé ou manquant',
    description: 'Panneau tordu, arraché, illisible ou masqué.',
    departmentCode: 'voirie',
    deadlineDays: 10,
  },
  {
    code: 'eclairage-en-panne',
    name: 'Éclairage public en panne',
    description: 'Lampadaire éteint, clignotant ou allumé en plein jour.',
    departmentCode: 'eclairage-public',
    deadlineDays: 5,
  },
  {
    code: 'depot-sauvage',
    name: 'Dépôt sauvage',
    description: 'Déchets, gravats ou encombrants abandonnés sur la voie publique.',
    departmentCode: 'proprete',
    deadlineDays: 3,
  },
  {
    code: 'tags-graffitis',
    name: 'Tags et graffitis',
    description: 'Inscriptions sur un bâtiment ou du mobilier public.',
    departmentCode: 'proprete',
    deadlineDays: 10,
  },
  {
    code: 'corbeille-pleine',
    name: 'Corbeille ou conteneur débordant',
    description: 'Corbeille de rue, colonne à verre ou conteneur plein ou endommagé.',
    departmentCode: 'proprete',
    deadlineDays: 3,
  },
  {
    code: 'acte-de-naissance',
    name: 'Demande d’acte de naissance',
    description: 'Copie intégrale ou extrait d’acte de naissance.',
    departmentCode: 'etat-civil',
    deadlineDays: 5,
  },
  {
    code: 'acte-de-mariage',
    name: 'Demande d’acte de mariage',
    description: 'Copie intégrale ou extrait d’acte de mariage.',
    departmentCode: 'etat-civil',
    deadlineDays: 5,
  },
  {
    code: 'acte-de-deces',
    name: 'Demande d’acte de décès',
    description: 'Copie d’acte de décès.',
    departmentCode: 'etat-civil',
    deadlineDays: 5,
  },
  {
    code: 'inscription-scolaire',
    name: 'Inscription scolaire',
    description: 'Première inscription en maternelle ou élémentaire, changement d’école.',
    departmentCode: 'education',
    deadlineDays: 15,
  },
  {
    code: 'restauration-scolaire',
    name: 'Cantine et accueil périscolaire',
    description: 'Inscription, menus, régime alimentaire, facturation.',
    departmentCode: 'education',
    deadlineDays: 10,
  },
  {
    code: 'permis-de-construire',
    name: 'Permis de construire — renseignement',
    description: 'Question sur un projet de construction ou le plan local d’urbanisme.',
    departmentCode: 'urbanisme',
    deadlineDays: 20,
    // A request for information calls for no decision: silence is worth nothing.
    silenceRule: 'none',
  },
  {
    code: 'declaration-prealable',
    name: 'Déclaration préalable de travaux — renseignement',
    description: 'Clôture, abri de jardin, ravalement, fenêtres de toit…',
    departmentCode: 'urbanisme',
    deadlineDays: 20,
    silenceRule: 'none',
  },
  {
    code: 'occupation-domaine-public',
    name: 'Occupation du domaine public — autorisation',
    description: 'Terrasse, étalage, échafaudage, benne ou stationnement pour un déménagement.',
    departmentCode: 'voirie',
    deadlineDays: 20,
    // An occupation of the public domain needs a written title: silence is worth rejection.
    silenceRule: 'rejection',
    silencePeriodDays: 60,
  },
  {
    code: 'carte-stationnement-resident',
    name: 'Carte de stationnement résident',
    description: 'Droit de stationner au tarif résident dans la zone de son domicile.',
    departmentCode: 'voirie',
    deadlineDays: 15,
    // The general rule (CRPA L231-1): two months of silence are worth acceptance.
    silenceRule: 'acceptance',
    silencePeriodDays: 60,
  },
  {
    code: 'elagage',
    name: 'Élagage d’arbre',
    description: 'Branches gênantes ou dangereuses sur le domaine public.',
    departmentCode: 'espaces-verts',
    deadlineDays: 20,
  },
  {
    code: 'entretien-espaces-verts',
    name: 'Entretien d’un parc ou d’un square',
    description: 'Tonte, massifs, aire de jeux, banc abîmé.',
    departmentCode: 'espaces-verts',
    deadlineDays: 15,
  },
  {
    code: 'autre-demande',
    name: 'Autre demande',
    description: 'Votre demande ne correspond à aucune autre catégorie : l’accueil l’orientera.',
    departmentCode: 'accueil',
    deadlineDays: 15,
  },
];

export interface DemoAccount {
  email: string;
  kind: 'citizen' | 'agent';
  roles: AgentRole[];
  departmentCodes: string[];
  firstName: string;
  lastName: string;
  phone?: string;
  postalAddress?: PostalAddress;
  /** What the start-up banner says the account is for. */
  description: string;
}

export const demoAccounts: DemoAccount[] = [
  {
    email: 'admin@demo.guichet.fr',
    kind: 'agent',
    roles: ['admin'],
    departmentCodes: [],
    firstName: 'Claire',
    lastName: 'Dubois',
    description: 'administrator',
  },
  {
    email: 'accueil@demo.guichet.fr',
    kind: 'agent',
    roles: ['reception'],
    departmentCodes: ['accueil'],
    firstName: 'Sophie',
    lastName: 'Laurent',
    description: 'reception agent (Accueil)',
  },
  {
    email: 'voirie@demo.guichet.fr',
    kind: 'agent',
    roles: ['agent'],
    departmentCodes: ['voirie'],
    firstName: 'Marc',
    lastName: 'Petit',
    description: 'agent (Voirie)',
  },
  {
    email: 'etat-civil@demo.guichet.fr',
    kind: 'agent',
    roles: ['agent'],
    departmentCodes: ['etat-civil'],
    firstName: 'Julie',
    lastName: 'Moreau',
    description: 'agent (État civil)',
  },
  {
    email: 'maire@demo.guichet.fr',
    kind: 'agent',
    roles: ['signatory'],
    departmentCodes: [],
    firstName: 'Jean',
    lastName: 'Lefèvre',
    description: 'signatory (the mayor)',
  },
  {
    email: 'camille.martin@example.fr',
    kind: 'citizen',
    roles: [],
    departmentCodes: [],
    firstName: 'Camille',
    lastName: 'Martin',
    phone: '06 39 98 12 34',
    postalAddress: { line1: '12 rue des Lilas', postcode: '99999', city: 'Ville-de-Démo' },
    description: 'citizen',
  },
];
