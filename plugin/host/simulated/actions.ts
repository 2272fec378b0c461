// Simulated Actions and the project lock: Premiere 26.3+ rejects Actions created outside lockedAccess.
import type { PremiereAction, PremiereCompoundAction } from '../premiere/premiere-api';

/** An undoable edit, applied only when its transaction runs. */
export class SimAction {
  constructor(
    readonly label: string,
    readonly apply: () => void,
  ) {}
}

export class SimLock {
  private depth = 0;

  /** @param enforced 26.3 made creating Actions outside the lock an error; 25.6 let it pass. */
  constructor(private readonly enforced = true) {}

  get held(): boolean {
    return this.depth > 0;
  }

  run(callback: () => void): void {
    this.depth += 1;
    try {
      const result: unknown = callback();
      // The real lock covers only the synchronous part of the callback; awaited work would run unlocked.
      if (result instanceof Promise) {
        throw new Error('project.lockedAccess() callback must be synchronous; it returned a Promise.');
      }
    } finally {
      this.depth -= 1;
    }
  }

  /** Called by every create…Action: mirrors the error Premiere 26.3 raises. */
  assertHeld(creator: string): void {
    if (this.enforced && !this.held) {
      throw new Error(`${creator}: Actions must be created inside project.lockedAccess().`);
    }
  }
}

export class SimCompoundAction implements PremiereCompoundAction {
  readonly actions: SimAction[] = [];

  get empty(): boolean {
    return this.actions.length === 0;
  }

  addAction(action: PremiereAction): boolean {
    if (!(action instanceof SimAction)) {
      throw new TypeError('CompoundAction.addAction expects an Action created by the host API.');
    }
    this.actions.push(action);
    return true;
  }
}
