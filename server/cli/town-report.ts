import path from 'node:path';
import type { Config } from '../config';
import type { Tenant } from '../modules/organisation';
import type { CreateTownResult } from './create-town';

/** What `npm run town:create` and `npm run town:list` print: plain text for an operator's terminal. */

function describeTown(tenant: Tenant): string {
  const insee = tenant.inseeCode ? `, INSEE ${tenant.inseeCode}` : '';
  return `« ${tenant.name} » (slug ${tenant.slug}${insee})`;
}

/** Where the invitation goes once the worker sends it: the SMTP relay, or the outbox folder. */
function describeMailRoute(config: Pick<Config, 'smtpUrl' | 'dataDir'>): string {
  return config.smtpUrl
    ? 'It goes out through the SMTP relay of SMTP_URL.'
    : `Without SMTP_URL it is written as an .eml file to ${path.join(config.dataDir, 'outbox')}: the link is in it.`;
}

export function describeTownCreation(
  result: CreateTownResult,
  config: Pick<Config, 'smtpUrl' | 'dataDir' | 'databaseUrl'>,
): string[] {
  if (result.outcome === 'exists') {
    const { tenant } = result;
    return result.sameName
      ? [
          `The town ${describeTown(tenant)} exists already: nothing was changed.`,
          `  host names: ${tenant.hostNames.join(', ') || '(none)'}`,
        ]
      : [
          `The slug ${tenant.slug} belongs to another town, ${describeTown(tenant)}: nothing was changed.`,
          '  Choose another slug with --slug.',
        ];
  }

  const { tenant, admin, baseUrl } = result;
  const whenSent = config.databaseUrl
    ? 'at once by a running server, otherwise when one starts'
    : 'when the server next starts';
  return [
    `Created the town ${describeTown(tenant)}.`,
    `  host names: ${tenant.hostNames.join(', ')}`,
    `  portal: ${baseUrl}/    back office: ${baseUrl}/agent`,
    `  first administrator: ${admin.email}, invited. The invitation e-mail (its link is valid 7 days) is`,
    `    queued in the database; the server's job worker sends it ${whenSent}.`,
    `    ${describeMailRoute(config)}`,
    '',
    'Next steps:',
    `  1. DNS: point ${tenant.hostNames.join(', ')} at this server. The reverse proxy must answer for`,
    '     these names (with their TLS certificate) and pass the Host header through unchanged.',
    '  2. The administrator follows the link, chooses a password and, in the back office',
    `     (${baseUrl}/agent), sets up the town:`,
    '     - Services: the departments of the town hall;',
    '     - Natures de demande: the kinds of request, each with its department. The portal cannot',
    '       take a request before the town has at least one;',
    '     - Réglages de la commune: contact e-mail, phone and postal address (they appear in the',
    '       acknowledgements of receipt);',
    '     - Agents: invite the other agents; Canaux de communication: the town’s own mail server, if any.',
  ];
}

export interface TownRow {
  tenant: Tenant;
  activeAgents: number;
}

/** One line per town, in columns: name, slug, host names, default, active agents, creation day. */
export function describeTownList(rows: TownRow[]): string[] {
  if (rows.length === 0) {
    return ['No town yet: the server creates the default one at its first start (or the demo town).'];
  }
  const header = ['name', 'slug', 'host names', 'default', 'agents', 'created'];
  const lines = rows.map(({ tenant, activeAgents }) => [
    tenant.name,
    tenant.slug,
    tenant.hostNames.join(', ') || '-',
    tenant.isDefault ? 'yes' : '',
    String(activeAgents),
    tenant.createdAt.toISOString().slice(0, 10),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]!.length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  const footer = rows.some(({ tenant }) => tenant.isDefault)
    ? ['', 'The default town also answers on the host of PUBLIC_URL and on localhost.']
    : [];
  return [format(header), ...lines.map(format), ...footer];
}
