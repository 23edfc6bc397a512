/** People, their contacts and French text: what the generator writes about and for. */
import type { PostalAddress } from '../server/modules/accounts/accounts.tables';
import { hashSeed, Random } from './random';
import * as words from './vocabulary';

export interface GeneratedPerson {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  postalAddress: PostalAddress;
}

/** French spacing: non-breaking space before « : » and inside « », narrow one before ; ? ! */
export function frenchTypography(text: string): string {
  return text
    .replace(/ :/g, '\u00a0:')
    .replace(/ ([;?!])/g, '\u202f$1')
    .replace(/« /g, '«\u00a0')
    .replace(/ »/g, '\u00a0»');
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function emailOf(firstName: string, lastName: string, random: Random): string {
  const local = stripAccents(`${firstName}.${lastName}`)
    .toLowerCase()
    .replace(/[^a-z.-]/g, '');
  const suffix = random.chance(0.4) ? String(random.between(1, 99)) : '';
  return `${local}${suffix}@${random.pick(words.mailDomains)}`;
}

/** Numbers in the ranges ARCEP sets aside for fiction (06 39 98 …, 01 99 00 …). */
function phoneOf(random: Random): string {
  const tail = String(random.int(10_000)).padStart(4, '0');
  const prefix = random.chance(0.7) ? '06 39 98' : '01 99 00';
  return `${prefix} ${tail.slice(0, 2)} ${tail.slice(2)}`;
}

export function personOf(random: Random): GeneratedPerson {
  const firstName = random.pick(words.firstNames);
  const lastName = random.pick(words.lastNames);
  return {
    firstName,
    lastName,
    email: emailOf(firstName, lastName, random),
    phone: phoneOf(random),
    postalAddress: {
      line1: `${random.between(1, 180)} ${random.pick(words.streets)}`,
      postcode: '99999',
      city: 'Ville-de-Démo',
    },
  };
}

/** The citizen account at `index` of the pool: the same person for the same seed and index. */
export function generateCitizen(seed: number, index: number): GeneratedPerson {
  return personOf(new Random(hashSeed('citizen', seed, index)));
}

export function birthDateOf(random: Random): string {
  const months = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre'];
  return `${random.between(1, 28)} ${random.pick([...months, 'octobre', 'novembre', 'décembre'])} ${random.between(1940, 2020)}`;
}

/** Fills the placeholders of a template. */
export function fill(template: string, values: Record<string, string>): string {
  return frenchTypography(template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? key));
}
