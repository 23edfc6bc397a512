import { describe, expect, it } from 'vitest';
import * as words from './vocabulary';
import {
  isOpen,
  isTerminal,
  listAllowedTransitions,
  type RequestStatus,
} from '../server/modules/requests/lifecycle';
import { parseReference } from '../server/modules/requests/reference';
import { isTrackingCode } from '../server/modules/requests/tracking-code';
import {
  expectedChannelShares,
  frenchTypography,
  RequestGenerator,
  type GeneratedRequest,
} from './generator';

const end = new Date('2026-11-20T10:00:00Z');
const day = 86_400_000;

function generate(count: number, seed = 1): GeneratedRequest[] {
  return [...new RequestGenerator({ seed, count, end })];
}

describe('RequestGenerator', () => {
  const requests = generate(20_000);

  it('is deterministic: the same seed gives the same requests, another seed others', () => {
    expect(generate(300, 7)).toEqual(generate(300, 7));
    const first = generate(300, 1).map((request) => request.subject + request.receivedAt.toISOString());
    const second = generate(300, 1).map((request) => request.subject + request.receivedAt.toISOString());
    const other = generate(300, 2).map((request) => request.subject + request.receivedAt.toISOString());
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('follows the town’s yearly channel mix (counter and e-mail first, then letters, calls)', () => {
    const shares = expectedChannelShares();
    for (const [channel, share] of Object.entries(shares)) {
      const actual = requests.filter((request) => request.channel === channel).length / requests.length;
      expect(Math.abs(actual - share), channel).toBeLessThan(0.015);
    }
    expect(shares.counter).toBeCloseTo(0.3, 5);
    expect(shares.letter).toBeCloseTo(0.2, 5);
  });

  it('receives requests over two years, in order, at office hours for the counter and calls', () => {
    const first = requests[0]!.receivedAt.getTime();
    expect(end.getTime() - first).toBeGreaterThan(720 * day);
    for (let index = 1; index < requests.length; index += 1) {
      expect(requests[index]!.receivedAt.getTime()).toBeGreaterThanOrEqual(
        requests[index - 1]!.receivedAt.getTime(),
      );
    }
    expect(requests.at(-1)!.receivedAt.getTime()).toBeLessThanOrEqual(end.getTime());
    const hourFormat = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    const outsideOfficeHours = requests.filter((request) => {
      if (request.channel !== 'counter' && request.channel !== 'phone') return false;
      const hour = Number(hourFormat.format(request.receivedAt));
      return hour < 8 || hour >= 18;
    });
    expect(outsideOfficeHours).toEqual([]);
  });

  it('numbers references per year without gaps or duplicates, and draws unique tracking codes', () => {
    const byYear = new Map<number, number[]>();
    for (const request of requests) {
      const reference = parseReference(request.reference)!;
      expect(reference.year).toBe(Number(request.reference.slice(0, 4)));
      byYear.set(reference.year, [...(byYear.get(reference.year) ?? []), reference.sequence]);
      expect(isTrackingCode(request.trackingCode)).toBe(true);
    }
    for (const sequences of byYear.values())
      expect(sequences).toEqual(sequences.map((_, index) => index + 1));
    expect(new Set(requests.map((request) => request.trackingCode)).size).toBe(requests.length);
  });

  it('gives old requests an outcome and keeps a realistic open backlog, some of it overdue', () => {
    const old = requests.filter((request) => request.receivedAt.getTime() < end.getTime() - 120 * day);
    const oldOpen = old.filter((request) => isOpen(request.status));
    expect(oldOpen.length / old.length).toBeLessThan(0.01); // only the stalled backlog
    expect(old.filter((request) => request.status === 'closed').length / old.length).toBeGreaterThan(0.85);
    const recent = requests.filter((request) => request.receivedAt.getTime() > end.getTime() - 3 * day);
    expect(recent.filter((request) => isOpen(request.status)).length / recent.length).toBeGreaterThan(0.5);
    const overdue = requests.filter((request) => isOpen(request.status) && request.dueAt < end);
    expect(overdue.length).toBeGreaterThan(0);
  });

  it('writes each timeline in order, starting at receipt and following the lifecycle to the status', () => {
    // Problems are collected rather than asserted one by one: 100,000 expect() calls are slow.
    const problems: string[] = [];
    const allowedFrom = (status: string) =>
      (['agent', 'citizen', 'system'] as const).flatMap((actor) =>
        listAllowedTransitions(status as RequestStatus, actor),
      );
    for (const request of requests) {
      const [created, ...rest] = request.events;
      if (created?.type !== 'created' || created.at.getTime() !== request.receivedAt.getTime()) {
        problems.push(`${request.reference}: does not start with its receipt`);
      }
      let status = 'received';
      let previous = request.receivedAt.getTime();
      for (const event of rest) {
        if (event.at.getTime() < previous) problems.push(`${request.reference}: ${event.type} out of order`);
        previous = event.at.getTime();
        const to = event.data.to;
        if (typeof to !== 'string') continue;
        if (event.data.from !== status || !allowedFrom(status).includes(to as RequestStatus)) {
          problems.push(`${request.reference}: ${String(event.data.from)} (${status}) → ${to}`);
        }
        status = to;
      }
      if (status !== request.status)
        problems.push(`${request.reference}: timeline ends ${status}, row ${request.status}`);
      if (request.updatedAt.getTime() !== previous) problems.push(`${request.reference}: updatedAt`);
      if (isTerminal(request.status) && !request.closedAt) problems.push(`${request.reference}: closedAt`);
      if ((request.status === 'answered' || request.status === 'closed') && !request.answeredAt) {
        problems.push(`${request.reference}: answeredAt`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('writes French: subjects filled from the templates, French spacing, fictitious contacts', () => {
    for (const request of requests.slice(0, 2000)) {
      expect(request.subject).not.toMatch(/[{}]/);
      expect(request.description).not.toMatch(/[{}]/);
      expect(request.subject).not.toMatch(/ [:;?!]/);
      if (request.contact?.email) expect(request.contact.email).toMatch(/@example\.(fr|com|org|net)$/);
      if (request.contact?.phone) expect(request.contact.phone).toMatch(/^(06 39 98|01 99 00) \d\d \d\d$/);
      expect(request.contact !== null || request.citizenIndex !== null).toBe(true);
    }
    const subjects = requests.map((request) => request.subject).join('\n');
    expect(subjects).toContain('Lampadaire éteint');
    expect(subjects).toContain('Nid-de-poule dangereux');
    expect(frenchTypography('Où ? Ici : « là » !')).toBe('Où\u202f? Ici\u00a0: «\u00a0là\u00a0»\u202f!');
  });

  it('draws whole names: no comma, no stray space (« Robin,Clément » once came from a list)', () => {
    for (const name of [...words.firstNames, ...words.lastNames]) {
      expect(name, name).toMatch(/^\p{Lu}[\p{L} '-]*\p{Ll}$/u);
    }
    expect(words.lastNames).toContain('Clément');
    expect(words.splitList('Robin,\n Clément, Le Gall,')).toEqual(['Robin', 'Clément', 'Le Gall']);
  });
});
