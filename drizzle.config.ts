import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Every module owns its tables in `*.tables.ts` files (platform ones included).
  schema: './server/**/*.tables.ts',
  out: './server/platform/db/migrations',
});
