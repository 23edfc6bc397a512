import { describe, expect, it } from 'vitest';
import type { Department } from '../api/types';
import { descendantIds, sortAsTree } from './department-tree';

const department = (id: string, name: string, parentId: string | null = null): Department => ({
  id,
  code: id.toUpperCase(),
  name,
  parentId,
  email: null,
  phone: null,
  postalAddress: null,
  isActive: true,
});

const departments = [
  department('tech', 'Services techniques'),
  department('voirie', 'Voirie', 'tech'),
  department('eclairage', 'Éclairage public', 'voirie'),
  department('accueil', 'Accueil'),
];

describe('department tree', () => {
  it('finds every descendant, so a department cannot be moved under itself', () => {
    expect([...descendantIds(departments, 'tech')].sort()).toEqual(['eclairage', 'voirie']);
    expect(descendantIds(departments, 'accueil').size).toBe(0);
  });

  it('lists parents before their children, alphabetically in French', () => {
    expect(sortAsTree(departments).map(({ department, depth }) => `${depth}:${department.id}`)).toEqual([
      '0:accueil',
      '0:tech',
      '1:voirie',
      '2:eclairage',
    ]);
  });
});
