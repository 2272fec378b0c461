// Per-user pairing tokens for a shared companion: only SHA-256 hashes are stored, each token names its user.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../media/atomic-file';

const UsersFileSchema = z.object({
  users: z.array(
    z.object({
      name: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'user names are letters, digits, ".", "_" or "-"'),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      createdAt: z.string(),
    }),
  ),
});
type UsersFile = z.infer<typeof UsersFileSchema>;

const hash = (token: string) => createHash('sha256').update(token).digest();

export function readUsers(file: string): UsersFile {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { users: [] };
    throw err;
  }
  const parsed = UsersFileSchema.safeParse(JSON.parse(raw));
  if (!parsed.success)
    throw new Error(`${file}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/** Adds (or replaces) a user and returns the new token: it is shown once and never stored. */
export async function addUser(file: string, name: string): Promise<string> {
  const current = readUsers(file);
  const token = randomBytes(32).toString('hex');
  const entry = { name, sha256: hash(token).toString('hex'), createdAt: new Date().toISOString() };
  const next = UsersFileSchema.parse({ users: [...current.users.filter((u) => u.name !== name), entry] });
  await writeFileAtomic(file, JSON.stringify(next, null, 2) + '\n');
  chmodSync(file, 0o600);
  return token;
}

/** Who a token belongs to: the companion's own pairing token (the local editor) or a named user. */
export class TokenBook {
  private readonly primary: Buffer;
  private readonly users: { name: string; digest: Buffer }[];

  constructor(primaryToken: string, users: UsersFile = { users: [] }) {
    this.primary = hash(primaryToken);
    this.users = users.users.map((u) => ({ name: u.name, digest: Buffer.from(u.sha256, 'hex') }));
  }

  get hasUsers(): boolean {
    return this.users.length > 0;
  }

  /** Compares against every entry in constant time per entry, so timing tells nothing about which matched. */
  identify(offered: string): { user: string | null } | undefined {
    const digest = hash(offered);
    let found: { user: string | null } | undefined;
    if (timingSafeEqual(digest, this.primary)) found = { user: null };
    for (const u of this.users) if (timingSafeEqual(digest, u.digest) && !found) found = { user: u.name };
    return found;
  }
}
