/** Every Drizzle table, for the client and drizzle-kit. Modules own their tables; this only gathers them. */
export * from '../../modules/organisation/organisation.tables';
export * from '../../modules/accounts/accounts.tables';
export * from '../jobs/jobs.tables';
export * from '../mail/mail.tables';
export * from '../../modules/requests/requests.tables';
export * from '../../modules/messaging/messaging.tables';
