// `npm run admin -- <command> [options]`: organizations, users, memberships and devices for IT.
// Only argv parsing and printing live here; the work is in commands.ts.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openServerDatabase } from '../db/open.ts';
import {
  addMember,
  CommandError,
  createOrganization,
  createUser,
  listDevices,
  listOrganizations,
  revokeDevice,
  setPassword,
} from './commands.ts';
import type { ServerDatabase } from '../db/database.ts';

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-org     --name "<name>"
  create-user    --email <email> --name "<name>" (--password <pw> | --password-stdin)
  add-member     --email <email> --org <id|name> --role <OWNER|ORG_ADMIN|APPRAISER|CLIENT_VIEWER>
  set-password   --email <email> (--password <pw> | --password-stdin)
  list-orgs
  list-devices   --email <email>
  revoke-device  --device <id>     (ends every session of the device at once)

Database: DATABASE_URL (or --database-url) for PostgreSQL; otherwise the embedded database in
--data-dir (default: $SHAMAY_DATA_DIR/server/pgdata, i.e. .shamay-data/server/pgdata). Stop the
server first when using the embedded database: it allows one process at a time.
Prefer --password-stdin: a --password value stays in the shell history.
Add --json for machine-readable output.`;

const OPTIONS = {
  name: { type: 'string' },
  email: { type: 'string' },
  password: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  org: { type: 'string' },
  role: { type: 'string' },
  device: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

const REQUIRED: Record<string, (keyof Values)[]> = {
  'create-org': ['name'],
  'create-user': ['email', 'name'],
  'add-member': ['email', 'org', 'role'],
  'set-password': ['email'],
  'list-orgs': [],
  'list-devices': ['email'],
  'revoke-device': ['device'],
};

class UsageError extends Error {}

function readPassword(values: Values): string {
  if (values['password-stdin']) {
    if (values.password !== undefined) throw new UsageError('Give either --password or --password-stdin, not both.');
    return readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  }
  if (values.password === undefined) throw new UsageError('A password is required: --password-stdin (preferred) or --password.');
  return values.password;
}

function table(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '(none)';
  const keys = Object.keys(rows[0] ?? {});
  const cells = rows.map((row) => keys.map((k) => String(row[k] ?? '-')));
  const widths = keys.map((k, i) => Math.max(k.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(keys), ...cells.map(line)].join('\n');
}

async function run(
  command: string,
  values: Values,
  password: string | undefined,
  db: ServerDatabase,
): Promise<{ text: string; json: unknown }> {
  switch (command) {
    case 'create-org': {
      const org = await createOrganization(db, { name: values.name });
      return { text: `Created organization "${org.name}" (${org.id}).`, json: org };
    }
    case 'create-user': {
      const user = await createUser(db, { email: values.email, name: values.name, password });
      return { text: `Created user ${user.email} (${user.id}). Add them to an organization with add-member.`, json: user };
    }
    case 'add-member': {
      const { membership, outcome } = await addMember(db, { email: values.email, org: values.org, role: values.role });
      const what = { created: 'is now', 'role-changed': 'now has the role', unchanged: 'already was' }[outcome];
      return { text: `${values.email} ${what} ${membership.role} in "${membership.organizationName}".`, json: { ...membership, outcome } };
    }
    case 'set-password': {
      const user = await setPassword(db, { email: values.email, password });
      return { text: `Password of ${user.email} replaced. Existing sessions continue; revoke devices to end them.`, json: user };
    }
    case 'list-orgs': {
      const orgs = await listOrganizations(db);
      return { text: table(orgs.map((o) => ({ id: o.id, name: o.name, members: o.members, created: o.createdAt }))), json: orgs };
    }
    case 'list-devices': {
      const devices = await listDevices(db, { email: values.email });
      const rows = devices.map((d) => ({
        id: d.id,
        name: d.name,
        platform: d.platform,
        version: d.appVersion,
        'last seen': d.lastSeenAt,
        sessions: d.activeSessions,
        revoked: d.revokedAt,
      }));
      return { text: table(rows), json: devices };
    }
    case 'revoke-device': {
      const result = await revokeDevice(db, { deviceId: values.device });
      const text = result.alreadyRevoked
        ? `Device ${result.deviceId} (${result.email}) was already revoked; ${result.sessionsRevoked} session(s) ended now.`
        : `Revoked device ${result.deviceId} (${result.email}); ${result.sessionsRevoked} session(s) ended.`;
      return { text, json: result };
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

async function main(argv: string[]): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command, ...extra] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 1;
  }
  const required = REQUIRED[command];
  if (!required) throw new UsageError(`Unknown command "${command}".`);
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}" (quote values that contain spaces).`);
  const missing = required.filter((key) => values[key] === undefined);
  if (missing.length) throw new UsageError(`${command} needs ${missing.map((k) => `--${k}`).join(', ')}.`);

  // Read before the database is opened, so that input errors touch nothing.
  const password = command === 'create-user' || command === 'set-password' ? readPassword(values) : undefined;

  const databaseUrl = values['database-url'] ?? (process.env.DATABASE_URL || undefined);
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : join(resolve(process.env.SHAMAY_DATA_DIR ?? '.shamay-data'), 'server', 'pgdata');
  const { db } = await openServerDatabase(databaseUrl ? { databaseUrl } : { dataDir });
  try {
    const result = await run(command, values, password, db);
    console.log(values.json ? JSON.stringify(result.json, null, 2) : result.text);
    return 0;
  } finally {
    await db.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}\n\n${USAGE}`);
  } else if (error instanceof CommandError) {
    console.error(`error: ${error.message}`);
  } else {
    console.error(`error: ${(error as Error).message ?? String(error)}`);
  }
  process.exitCode = 1;
}
