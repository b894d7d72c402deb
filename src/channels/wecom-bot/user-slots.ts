/**
 * At most `limit` turns per user at a time (WeCom keeps at most three messages of one user in progress with a
 * 智能机器人): a user's next turn waits for one of theirs to finish; other users are not held up.
 */
export class UserSlots {
  private readonly users = new Map<string, { running: number; waiting: Array<() => void> }>();

  constructor(private readonly limit = 3) {}

  async acquire(user: string): Promise<() => void> {
    let entry = this.users.get(user);
    if (!entry) {
      entry = { running: 0, waiting: [] };
      this.users.set(user, entry);
    }
    const slot = entry;
    if (slot.running >= this.limit) await new Promise<void>((resolve) => slot.waiting.push(resolve));
    else slot.running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = slot.waiting.shift();
      if (next) next(); // the slot passes straight on
      else {
        slot.running -= 1;
        if (slot.running === 0) this.users.delete(user);
      }
    };
  }

  running(user: string): number {
    return this.users.get(user)?.running ?? 0;
  }
}
