// Who a job belongs to: owner ids name the user (or the local editor) first, so sight and caps follow the user.

/** The companion's own pairing token (the local editor, the admin) or a named per-user token. */
export interface Viewer {
  user: string | null;
}

const USER_PREFIX = 'user:';

/** A user's sessions are filed under the user, so two people can never pick up each other's jobs. */
export function ownerIdFor(viewer: Viewer, where: { session?: string; connection: string }): string {
  const user = viewer.user === null ? '' : `${USER_PREFIX}${viewer.user}/`;
  return where.session ? `${user}session:${where.session}` : `${user}conn:${where.connection}`;
}

/**
 * The principal an owner id counts against: the named user, or "local" for every connection and CLI run
 * on the companion's own token. Caps are per principal, so ten sockets with one token share one cap.
 */
export function principalOf(ownerId: string): string {
  if (!ownerId.startsWith(USER_PREFIX)) return 'local';
  const slash = ownerId.indexOf('/');
  return slash < 0 ? ownerId : ownerId.slice(0, slash);
}

/** The admin (the companion's own token) sees every job; a named user sees only their own. */
export function canSee(viewer: Viewer, ownerId: string): boolean {
  if (viewer.user === null) return true;
  return principalOf(ownerId) === `${USER_PREFIX}${viewer.user}`;
}
