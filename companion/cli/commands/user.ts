// `shotline user add NAME`: a per-user pairing token for a shared (studio) companion.
import { join } from 'node:path';
import type { Command } from 'commander';
import { defaultDataDir, prepareDataDir } from '../../config/data-dir';

export function registerUser(program: Command): void {
  const user = program.command('user').description('per-user pairing tokens for a shared companion');
  user
    .command('add')
    .description('create (or replace) a user and print their token once; only its hash is kept')
    .argument('<name>', 'user name: letters, digits, ".", "_" or "-"')
    .option('--data-dir <dir>', "the companion's data folder", defaultDataDir())
    .action(async (name: string, flags: { dataDir: string }) => {
      const { addUser } = await import('../../config/user-tokens');
      const layout = prepareDataDir(flags.dataDir);
      const token = await addUser(join(layout.root, 'users.json'), name);
      process.stdout.write(`Token for ${name} (shown once; give it to them privately):\n${token}\n`);
    });
  user
    .command('list')
    .description('list the users that have tokens')
    .option('--data-dir <dir>', "the companion's data folder", defaultDataDir())
    .action(async (flags: { dataDir: string }) => {
      const { readUsers } = await import('../../config/user-tokens');
      const layout = prepareDataDir(flags.dataDir);
      for (const u of readUsers(join(layout.root, 'users.json')).users)
        process.stdout.write(`${u.name}\t${u.createdAt}\n`);
    });
}
