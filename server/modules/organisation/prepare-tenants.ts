// PLACEHOLDER: seeds the demo town when DEMO is on, makes sure a default tenant exists.
import type { AppContext } from '../../app-context';

/** Returns lines to print at start (demo accounts). */
export async function prepareTenants(_ctx: AppContext): Promise<string[]> {
  return [];
}
