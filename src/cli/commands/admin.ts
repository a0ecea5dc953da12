import type { Command } from 'commander';
import { TokenService } from '../../auth/index.js';
import { FanzhaError } from '../../domain/errors.js';
import { isIndicatorKind } from '../../domain/indicator.js';
import { isRole, ROLES } from '../../domain/role.js';
import { normalizeAllowValue } from '../../indicators/index.js';
import { CLI_ACTOR, run, withRuntime } from '../runtime.js';

/** `fanzha tokens …` and `fanzha allowlist …` */
export function adminCommands(program: Command): void {
  const tokens = program.command('tokens').description('API tokens (each carries one role)');
  tokens
    .command('create')
    .requiredOption('--role <role>', ROLES.join(', '))
    .requiredOption('--name <name>', 'who holds it')
    .option('--scope <scope>', 'station_officer: a station or district code; bank_partner: the bank name')
    .action((opts: { role: string; name: string; scope?: string }) =>
      run(async () => {
        const role = opts.role;
        if (!isRole(role)) throw new FanzhaError('VALIDATION_FAILED', `unknown role ${role}; use ${ROLES.join(', ')}`);
        // Officers and banks see only their own warnings: without a scope such a token would see nothing.
        if ((role === 'station_officer' || role === 'bank_partner') && !opts.scope) {
          throw new FanzhaError('VALIDATION_FAILED', `a ${role} token needs --scope (${role === 'bank_partner' ? 'the bank name' : 'a station or district code'})`);
        }
        await withRuntime({ index: false }, async (rt) => {
          if (role === 'station_officer') {
            const units = await rt.store.dispatch.units();
            const unit = units.find((u) => u.code === opts.scope);
            if (units.length && !unit) throw new FanzhaError('INVALID_VALUE', `no unit ${opts.scope} in the jurisdiction tree`);
          }
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
