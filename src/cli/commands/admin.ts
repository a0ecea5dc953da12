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
    .action((opts: { role: string; name: string }) =>
      run(async () => {
        const role = opts.role;
        if (!isRole(role)) throw new FanzhaError('VALIDATION_FAILED', `unknown role ${role}; use ${ROLES.join(', ')}`);
        await withRuntime({ index: false }, async (rt) => {
          const { token, secret } = await new TokenService(rt.store).create(role, opts.name, CLI_ACTOR.name);
          process.stderr.write(`token ${token.id} for ${token.name} (${token.role}); shown once:\n`);
          process.stdout.write(`${secret}\n`);
        });
      }),
    );
  tokens.command('list').action(() =>
    run(async () => {
      await withRuntime({ index: false }, async (rt) => {
        for (const t of await new TokenService(rt.store).list()) {
          process.stdout.write(`${t.id}\t${t.role}\t${t.revokedAt ? 'revoked' : 'active'}\t${t.name}\n`);
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
