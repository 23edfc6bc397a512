/**
 * Module boundaries and import cycles, checked by `npm run check` (dependency-cruiser).
 * - No import cycle anywhere in server/ or common/.
 * - platform/ knows no business module.
 * - A module is entered through its index.ts only: nobody imports another module's tables or
 *   internals. One exception: a *.tables.ts may import another module's *.tables.ts, for foreign
 *   keys (schema only). Tests and their set-up files may reach inside modules.
 * - common/ is shared with the web app: it imports nothing from the server.
 */
const testFiles = '(\\.test\\.ts|-test-setup\\.ts|test-data\\.ts|test-files\\.ts)$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make modules impossible to load, test or replace alone.',
      from: { path: '^(server|common)/' },
      // A cycle made only of type imports (the app context and the manifest naming each other)
      // vanishes at compile time; any value import in it counts.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'platform-knows-no-module',
      severity: 'error',
      comment: 'platform/ holds technical capabilities; app.ts assembles the modules.',
      from: { path: '^server/platform/', pathNot: testFiles },
      to: { path: '^server/(modules/|modules\\.ts|demo/|cli/|app\\.ts|main\\.ts)' },
    },
    {
      name: 'module-internals-from-another-module',
      severity: 'error',
      comment: 'Import another module through its index.ts only.',
      from: { path: '^server/modules/([^/]+)/', pathNot: [testFiles, '\\.tables\\.ts$'] },
      to: {
        path: '^server/modules/([^/]+)/',
        pathNot: ['^server/modules/$1/', '^server/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'foreign-keys-only-between-tables',
      severity: 'error',
      comment: 'A table file may reference another module’s table file (foreign keys), nothing more.',
      from: { path: '\\.tables\\.ts$' },
      to: { path: '^server/modules/', pathNot: ['\\.tables\\.ts$', '^server/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'module-internals-from-outside',
      severity: 'error',
      comment: 'Outside the modules (app, cli, demo), enter a module through its index.ts only.',
      from: { path: '^server/', pathNot: ['^server/modules/', testFiles] },
      to: { path: '^server/modules/[^/]+/', pathNot: '^server/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'common-stands-alone',
      severity: 'error',
      comment: 'common/ is bundled into the web app: no server code, no Node built-ins.',
      from: { path: '^common/' },
      to: {
        path: '^(server|web|test|bench)/|^node:|^(fs|path|crypto|os|child_process)$',
        dependencyTypes: ['local', 'core'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|data)/' },
    // Type-only imports count too: a type is part of a module's internals like a value.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
