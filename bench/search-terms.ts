/** Terms an agent types, accents and plurals as people write them. */
export const searchTerms = [
  'lampadaire',
  'chaussee',
  'poubelles',
  'acte de naissance',
  'nid-de-poule',
  'dépôt sauvage',
  'encombrants',
  'trottoir',
  'cantine',
  'périscolaire',
  'élagage',
  'tags',
  'Victor-Hugo',
  'Jean Jaurès',
  'stationnement résident',
  'martin',
];
