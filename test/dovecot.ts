import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

export const dovecotBinary = '/usr/sbin/dovecot';

/** Why Dovecot tests cannot run here, or null when they can (Debian package `dovecot-imapd`). */
export function dovecotMissingReason(): string | null {
  if (!existsSync(dovecotBinary)) {
    return `${dovecotBinary} is absent: install Debian's dovecot-imapd to run the IMAP tests`;
  }
  return null;
}

export interface TestDovecotAccount {
  user: string;
  password: string;
}

export interface TestDovecot {
  host: string;
  port: number;
  /** The first account. */
  user: string;
  password: string;
  /** `imap://user:password@127.0.0.1:port/INBOX` of the first account, for IMAP_URL. */
  url: string;
  /** Every account, each with a mailbox of its own. */
  accounts: TestDovecotAccount[];
  /** Appends a raw message to a mailbox (INBOX by default) of an account (the first by default), unseen. */
  deliver(raw: string | Buffer, mailbox?: string, user?: string): Promise<void>;
  /** Number of messages in a mailbox of an account (0 when the mailbox does not exist). */
  count(mailbox: string, user?: string): Promise<number>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, process: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (process.exitCode !== null) throw new Error(`Dovecot exited (${process.exitCode}):\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Dovecot did not listen on ${port}:\n${log()}`);
}

/**
 * A private Dovecot (Debian's `dovecot-imapd`) on a free loopback port with a temporary mail
 * directory: plain-text login from a passwd file, no TLS, Maildir. As root, mail belongs to
 * `nobody` (Dovecot never gives mail access to uid 0); as another user, to that user. One account
 * `mairie` unless `accounts` lists others (one mailbox each, e.g. for two towns).
 */
export async function startDovecot(options: { accounts?: TestDovecotAccount[] } = {}): Promise<TestDovecot> {
  const missing = dovecotMissingReason();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(path.join(tmpdir(), 'guichet-dovecot-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const accounts = options.accounts ?? [{ user: 'mairie', password: 'secret-imap-password' }];
  const { user, password } = accounts[0]!;
  const isRoot = process.getuid?.() === 0;
  const uid = isRoot ? 65534 : (process.getuid?.() ?? 1000);
  const gid = isRoot ? 65534 : (process.getgid?.() ?? 1000);
  const currentUser = process.env.USER || 'root';
  const mailDir = path.join(dir, 'mail');
  mkdirSync(mailDir, { mode: 0o755 });
  if (isRoot) chownSync(mailDir, uid, gid);
  writeFileSync(
    path.join(dir, 'passwd'),
    accounts.map((account) => `${account.user}:{PLAIN}${account.password}\n`).join(''),
    { mode: 0o644 },
  );
  const logFile = path.join(dir, 'dovecot.log');
  const config = [
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `log_path = ${logFile}`,
    'protocols = imap',
    `listen = 127.0.0.1`,
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    `mail_location = maildir:${mailDir}/%u`,
    'first_valid_uid = 1',
    ...(isRoot ? [] : [`default_internal_user = ${currentUser}`, `default_login_user = ${currentUser}`]),
    'namespace inbox {',
    '  inbox = yes',
    '  separator = /',
    '}',
    'passdb {',
    '  driver = passwd-file',
    `  args = scheme=PLAIN username_format=%u ${dir}/passwd`,
    '}',
    'userdb {',
    '  driver = static',
    `  args = uid=${uid} gid=${gid} home=${mailDir}/%u`,
    '}',
    'service imap-login {',
    '  chroot =',
    '  inet_listener imap {',
    `    port = ${port}`,
    '  }',
    '  inet_listener imaps {',
    '    port = 0',
    '  }',
    '}',
    'service anvil {',
    '  chroot =',
    '}',
    '',
  ].join('\n');
  const configFile = path.join(dir, 'dovecot.conf');
  writeFileSync(configFile, config);
  const child = spawn(dovecotBinary, ['-F', '-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const readLog = () => {
    const file = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    return `${output}\n${file}`;
  };
  try {
    await waitForPort(port, child, readLog);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  const client = (login = user) => {
    const account = accounts.find((candidate) => candidate.user === login);
    if (!account) throw new Error(`No Dovecot account ${login}`);
    return new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user: account.user, pass: account.password },
      logger: false,
      disableAutoIdle: true,
    });
  };

  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    url: `imap://${user}:${password}@127.0.0.1:${port}/INBOX`,
    accounts,
    async deliver(raw, mailbox = 'INBOX', login) {
      const imap = client(login);
      await imap.connect();
      try {
        await imap.append(mailbox, raw, []);
      } finally {
        await imap.logout();
      }
    },
    async count(mailbox, login) {
      const imap = client(login);
      await imap.connect();
      try {
        const status = await imap.status(mailbox, { messages: true }).catch(() => null);
        return status ? (status.messages ?? 0) : 0;
      } finally {
        await imap.logout();
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
