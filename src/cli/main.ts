import { Command } from 'commander';
import { adminCommands } from './commands/admin.js';
import { casesCommands } from './commands/cases.js';
import { fundsCommands } from './commands/funds.js';
import { checkCommand } from './commands/check.js';
import { classifyCommand } from './commands/classify.js';
import { evaluateCommand } from './commands/evaluate.js';
import { indicatorsCommand } from './commands/indicators.js';
import { screeningCommands } from './commands/screening.js';
import { serveCommand } from './commands/serve.js';
import { simulateCommand } from './commands/simulate.js';
import { statsCommand } from './commands/stats.js';
import { warningsCommands } from './commands/warnings.js';

const program = new Command('fanzha')
  .description('Fanzha (反诈): anti-telecom-fraud platform. Configuration comes from the environment (see README).')
  .version('0.1.0');

serveCommand(program);
checkCommand(program);
classifyCommand(program);
indicatorsCommand(program);
screeningCommands(program);
adminCommands(program);
simulateCommand(program);
evaluateCommand(program);
warningsCommands(program);
casesCommands(program);
fundsCommands(program);
statsCommand(program);

await program.parseAsync(process.argv);
