import type { Command } from 'commander';
import readline from 'node:readline';
import { requireScope, TokenService, UserService } from '../../auth/index.js';
import { FanzhaError } from '../../domain/errors.js';
import { isIndicatorKind } from '../../domain/indicator.js';
import { isRole, ROLES, type Role } from '../../domain/role.js';
import { normalizeAllowValue } from '../../indicators/index.js';
import { CLI_ACTOR, run, withRuntime, type Runtime } from '../runtime.js';

const userService = (rt: Runtime) => new UserService(rt.store, new TokenService(rt.store), rt.config.FANZHA_SESSION_HOURS * 3_600_000);

/** A known role, with the scope officers and banks need. */
function roleWithScope(role: string, scope: string | undefined): Role {
  if (!isRole(role)) throw new FanzhaError('VALIDATION_FAILED', `unknown role ${role}; use ${ROLES.join(', ')}`);
  requireScope(role, scope);
  return role;
}

/** An officer's scope must be a unit of the jurisdiction tree (once the tree is stored). */
async function checkUnit(rt: Runtime, role: Role, scope: string | undefined): Promise<void> {
  if (role !== 'station_officer') return;
  const units = await rt.store.dispatch.units();
  if (units.length && !units.some((u) => u.code === scope)) throw new FanzhaError('INVALID_VALUE', `no unit ${scope} in the jurisdiction tree`);
}

/** The first line of standard input: passwords are never taken as arguments (they would stay in the shell history). */
async function passwordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password (one line): ');
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  throw new FanzhaError('VALIDATION_FAILED', 'give the password as the first line of standard input');
}

/** `fanzha tokens …`, `fanzha users …` and `fanzha allowlist …` */
export function adminCommands(program: Command): void {
  const tokens = program.command('tokens').description('API tokens (each carries one role)');
  tokens
    .command('create')
    .requiredOption('--role <role>', ROLES.join(', '))
    .requiredOption('--name <name>', 'who holds it')
    .option('--scope <scope>', 'station_officer: a station or district code; bank_partner: the bank name')
    .action((opts: { role: string; name: string; scope?: string }) =>
      run(async () => {
        const role = roleWithScope(opts.role, opts.scope);
        await withRuntime({ index: false }, async (rt) => {
          await checkUnit(rt, role, opts.scope);
          const { token, secret } = await new TokenService(rt.store).create(role, opts.name, CLI_ACTOR.name, opts.scope ?? null);
          process.stderr.write(`token ${token.id} for ${token.name} (${token.role}${token.scope ? `, scope ${token.scope}` : ''}); shown once:\n`);
          process.stdout.write(`${secret}\n`);
        });
      }),
    );
  tokens.command('list').action(() =>
    run(async () => {
      await withRuntime({ index: false }, async (rt) => {
        for (const t of await new TokenService(rt.store).list()) {
          process.stdout.write(`${t.id}\t${t.role}\t${t.scope ?? '-'}\t${t.revokedAt ? 'revoked' : 'active'}\t${t.name}\n`);
        }
      });
    }),
  );
  tokens
    .command('revoke')
    .argument('<id>')
    .action((id: string) =>
      run(async () => {
        await withRuntime({ index: false }, async (rt) => {
          await new TokenService(rt.store).revoke(Number(id));
          process.stdout.write(`token ${id} revoked\n`);
        });
      }),
    );

  const users = program.command('users').description('console users who sign in with a username and password');
  users
    .command('create')
    .requiredOption('--username <username>', 'what they sign in with (a-z, 0-9, . _ -)')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--role <role>', ROLES.join(', '))
    .option('--scope <scope>', 'station_officer: a station or district code; bank_partner: the bank name')
    .description('creates a user; the password is read from the first line of standard input')
    .action((opts: { username: string; name: string; role: string; scope?: string }) =>
      run(async () => {
        const role = roleWithScope(opts.role, opts.scope);
        const password = await passwordFromStdin();
        await withRuntime({ index: false }, async (rt) => {
          await checkUnit(rt, role, opts.scope);
          const user = await userService(rt).create({ username: opts.username, displayName: opts.name, role, scope: opts.scope ?? null, password }, CLI_ACTOR.name);
          process.stdout.write(`user ${user.id} ${user.username} (${user.role}${user.scope ? `, scope ${user.scope}` : ''})\n`);
        });
      }),
    );
  users.command('list').action(() =>
    run(async () => {
      await withRuntime({ index: false }, async (rt) => {
        for (const u of await userService(rt).list()) {
          process.stdout.write(`${u.id}\t${u.username}\t${u.role}\t${u.scope ?? '-'}\t${u.disabledAt ? 'disabled' : 'active'}\t${u.displayName}\n`);
        }
      });
    }),
  );
  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    users
      .command(name)
      .argument('<username>')
      .action((username: string) =>
        run(async () => {
          await withRuntime({ index: false }, async (rt) => {
            const service = userService(rt);
            const user = await service.setDisabled((await service.byName(username)).id, disabled);
            process.stdout.write(`user ${user.username} ${disabled ? 'disabled; their sessions ended' : 'enabled'}\n`);
          });
        }),
      );
  }
  users
    .command('password')
    .argument('<username>')
    .description('sets a new password from the first line of standard input; open sessions end')
    .action((username: string) =>
      run(async () => {
        const password = await passwordFromStdin();
        await withRuntime({ index: false }, async (rt) => {
          const service = userService(rt);
          await service.setPassword((await service.byName(username)).id, password);
          process.stdout.write(`password of ${username} changed; their sessions ended\n`);
        });
      }),
    );

  const allow = program.command('allowlist').description('values that can never be blocked');
  allow.command('list').action(() =>
    run(async () => {
      await withRuntime({ index: false }, async (rt) => {
        for (const e of await rt.store.allowlist.all()) process.stdout.write(`${e.kind}\t${e.value}\t${e.reason}\n`);
      });
    }),
  );
  allow
    .command('add')
    .argument('<kind>')
    .argument('<value>')
    .requiredOption('--reason <text>')
    .action((kind: string, value: string, opts: { reason: string }) =>
      run(async () => {
        if (!isIndicatorKind(kind)) throw new FanzhaError('VALIDATION_FAILED', `unknown kind ${kind}`);
        const n = normalizeAllowValue(kind, value);
        if (!n.ok) throw new FanzhaError('INVALID_VALUE', `${n.code}: ${n.reason}`);
        await withRuntime({ index: false }, async (rt) => {
          await rt.store.allowlist.add([{ kind, value: n.canonical, reason: opts.reason, addedBy: CLI_ACTOR.name, addedAt: Date.now() }]);
          process.stdout.write(`allow-listed ${kind} ${n.canonical}\n`);
        });
      }),
    );
  allow
    .command('remove')
    .argument('<kind>')
    .argument('<value>')
    .action((kind: string, value: string) =>
      run(async () => {
        if (!isIndicatorKind(kind)) throw new FanzhaError('VALIDATION_FAILED', `unknown kind ${kind}`);
        const n = normalizeAllowValue(kind, value);
        await withRuntime({ index: false }, async (rt) => {
          const canonical = n.ok ? n.canonical : value;
          if (!(await rt.store.allowlist.remove(kind, canonical))) throw new FanzhaError('NOT_FOUND', `${canonical} is not on the allow-list`);
          process.stdout.write(`removed ${kind} ${canonical}\n`);
        });
      }),
    );
}
