import { describe, expect, it } from 'vitest';
import { createBusinessCalendar, isBusinessDay } from '../modules/organisation/business-calendar';
import { listDemoClosures } from './demo-closures';

describe('listDemoClosures', () => {
  it('bridges the Friday after Ascension and Tuesday or Thursday holidays', () => {
    expect(listDemoClosures(2026)).toEqual([
      { day: '2026-05-15', label: 'Pont de l’Ascension' },
      { day: '2026-07-13', label: 'Pont du 14 juillet' }, // 14 July 2026 is a Tuesday
    ]);
    expect(listDemoClosures(2027)).toEqual([
      { day: '2027-05-07', label: 'Pont de l’Ascension' },
      { day: '2027-11-12', label: 'Pont du 11 novembre' }, // 11 November 2027 is a Thursday
    ]);
  });

  it('only closes days that would otherwise be business days', () => {
    const calendar = createBusinessCalendar();
    for (let year = 2024; year <= 2040; year += 1) {
      for (const closure of listDemoClosures(year)) {
        if (closure.day === `${year}-05-08`) continue; // Ascension on 7 May: its Friday is already 8 May
        expect(isBusinessDay(closure.day, calendar), closure.day).toBe(true);
      }
    }
  });
});
