import type { Command } from 'commander';
import { TokenService } from '../../auth/index.js';
import { FanzhaError } from '../../domain/errors.js';
import { isIndicatorKind } from '../../domain/indicator.js';
import { isRole, ROLES } from '../../domain/role.js';
import { normalizeAllowValue } from '../../indicators/index.js';
import { CLI_ACTOR, openRuntime, run } from '../runtime.js';

/** `fanzha tokens …` and `fanzha allowlist …` */
export function adminCommands(program: Command): void {
  const tokens = program.command('tokens').description('API tokens (each carries one role)');
  tokens
    .command('create')
    .requiredOption('--role <role>', ROLES.join(', '))
    .requiredOption('--name <name>', 'who holds it')
    .action((opts: { role: string; name: string }) =>
      run(async () => {
        if (!isRole(opts.role)) throw new FanzhaError('VALIDATION_FAILED', `unknown role ${opts.role}; use ${ROLES.join(', ')}`);
        const rt = await openRuntime({ index: false });
        try {
          const { token, secret } = await new TokenService(rt.store).create(opts.role, opts.name, CLI_ACTOR.name);
          process.stderr.write(`token ${token.id} for ${token.name} (${token.role}); shown once:\n`);
          process.stdout.write(`${secret}\n`);
        } finally {
          await rt.store.close();
        }
      }),
    );
  tokens.command('list').action(() =>
    run(async () => {
      const rt = await openRuntime({ index: false });
      try {
        for (const t of await new TokenService(rt.store).list()) {
          process.stdout.write(`${t.id}\t${t.role}\t${t.revokedAt ? 'revoked' : 'active'}\t${t.name}\n`);
        }
      } finally {
        await rt.store.close();
      }
    }),
  );
  tokens
    .command('revoke')
    .argument('<id>')
    .action((id: string) =>
      run(async () => {
        const rt = await openRuntime({ index: false });
        try {
          await new TokenService(rt.store).revoke(Number(id));
          process.stdout.write(`token ${id} revoked\n`);
        } finally {
          await rt.store.close();
        }
      }),
    );

  const allow = program.command('allowlist').description('values that can never be blocked');
  allow.command('list').action(() =>
    run(async () => {
      const rt = await openRuntime({ index: false });
      try {
        for (const e of await rt.store.allowlist.all()) process.stdout.write(`${e.kind}\t${e.value}\t${e.reason}\n`);
      } finally {
        await rt.store.close();
      }
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
        const rt = await openRuntime({ index: false });
        try {
          await rt.store.allowlist.add([{ kind, value: n.canonical, reason: opts.reason, addedBy: CLI_ACTOR.name, addedAt: Date.now() }]);
          process.stdout.write(`allow-listed ${kind} ${n.canonical}\n`);
        } finally {
          await rt.store.close();
        }
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
        const rt = await openRuntime({ index: false });
        try {
          const canonical = n.ok ? n.canonical : value;
          if (!(await rt.store.allowlist.remove(kind, canonical))) throw new FanzhaError('NOT_FOUND', `${canonical} is not on the allow-list`);
          process.stdout.write(`removed ${kind} ${canonical}\n`);
        } finally {
          await rt.store.close();
        }
      }),
    );
}
