import { parseArgs } from 'node:util';
import { AppError } from '../platform/http/app-error';
import { CliError, openCliContext, runCommand } from './cli-context';
import { createTown } from './create-town';
import { describeTownCreation } from './town-report';

const usage = `Usage: npm run town:create -- --name "Ville de Saint-Exemple" --host saint-exemple.fr
         [--host www.saint-exemple.fr …] --admin-email dgs@saint-exemple.fr [--slug saint-exemple] [--insee 12345]

Adds a town to this instance and invites its first administrator by e-mail. Run it with the
server's environment (DATABASE_URL, or DATA_DIR for the embedded database; PUBLIC_URL; SMTP_URL).`;

/** `npm run town:create`: an instance operator adds a town (see server/cli/create-town.ts). */
async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        name: { type: 'string' },
        host: { type: 'string', multiple: true },
        'admin-email': { type: 'string' },
        slug: { type: 'string' },
        insee: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${usage}`, 64);
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const missing = (['name', 'host', 'admin-email'] as const).filter((option) => values[option] === undefined);
  if (missing.length > 0) {
    throw new CliError(`Missing ${missing.map((option) => `--${option}`).join(', ')}.\n\n${usage}`, 64);
  }

  const cli = await openCliContext();
  try {
    const result = await createTown(cli, {
      name: values.name!,
      hostNames: values.host!,
      adminEmail: values['admin-email']!,
      slug: values.slug,
      inseeCode: values.insee,
    });
    console.log(describeTownCreation(result, cli.config).join('\n'));
    return result.outcome === 'exists' && !result.sameName ? 1 : 0;
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION_FAILED') {
      const errors = (error.details?.errors as { field: string; message: string }[] | undefined) ?? [];
      const lines = errors.map((entry) => `  --${entry.field}: ${entry.message}`);
      throw new CliError(['No town was created:', ...lines].join('\n'), 64);
    }
    throw error;
  } finally {
    await cli.close();
  }
}

runCommand(main);
