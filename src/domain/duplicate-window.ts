/**
 * Suppresses the same code seen again within `windowMs`: the camera sees one card in many frames.
 * The window restarts while the code stays in view, so a card held up for 10 s is still one check-in;
 * once it has been out of view for `windowMs`, showing it again is a new check-in.
 */
export class DuplicateWindow {
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly windowMs = 4000) {}

  /** Records a sighting; returns true when it is a repeat that must not be logged again. */
  isRepeat(code: string, now: number): boolean {
    const last = this.lastSeen.get(code);
    this.lastSeen.set(code, now);
    if (this.lastSeen.size > 256) this.prune(now);
    return last !== undefined && now - last < this.windowMs && now >= last;
  }

  /** Forgets a code, e.g. when its write failed and the next sighting must retry. */
  forget(code: string): void {
    this.lastSeen.delete(code);
  }

  private prune(now: number): void {
    for (const [code, t] of this.lastSeen) if (now - t >= this.windowMs) this.lastSeen.delete(code);
  }
}
