import type { Department } from '../api/types';

/** The ids of every department under `id` (children, grandchildren…). */
export function descendantIds(departments: Department[], id: string): Set<string> {
  const result = new Set<string>();
  const pending = [id];
  while (pending.length > 0) {
    const current = pending.pop();
    for (const department of departments) {
      if (department.parentId === current && !result.has(department.id)) {
        result.add(department.id);
        pending.push(department.id);
      }
    }
  }
  return result;
}

/**
 * Departments in tree order (each parent followed by its children, alphabetically), with
 * their depth. A department whose parent is missing is shown at the top level.
 */
export function sortAsTree(departments: Department[]): { department: Department; depth: number }[] {
  const ids = new Set(departments.map((department) => department.id));
  const byName = (a: Department, b: Department) => a.name.localeCompare(b.name, 'fr');
  const childrenOf = (parentId: string | null) =>
    departments
      .filter((department) =>
        parentId === null
          ? department.parentId === null || !ids.has(department.parentId)
          : department.parentId === parentId,
      )
      .sort(byName);
  const result: { department: Department; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (department: Department, depth: number) => {
    if (seen.has(department.id)) return;
    seen.add(department.id);
    result.push({ department, depth });
    for (const child of childrenOf(department.id)) visit(child, depth + 1);
  };
  for (const root of childrenOf(null)) visit(root, 0);
  return result;
}
