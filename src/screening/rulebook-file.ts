import fs from 'node:fs';
import { readRulebook, type Rulebook } from './rulebook.js';

/**
 * The typology file, reloaded without a restart: its modification time is polled, and a changed file that
 * compiles replaces the rule book; one that does not is reported and the running rules stay.
 */
export class RulebookFile {
  private current: Rulebook;
  private mtimeMs: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly path: string,
    private readonly onChange: (rb: Rulebook) => void = () => undefined,
  ) {
    this.current = readRulebook(path);
    this.mtimeMs = fs.statSync(path).mtimeMs;
  }

  get rulebook(): Rulebook {
    return this.current;
  }

  /** Re-reads the file if it changed; returns the error text when the new file is bad. */
  reload(): string | null {
    const mtimeMs = fs.statSync(this.path).mtimeMs;
    if (mtimeMs === this.mtimeMs) return null;
    this.mtimeMs = mtimeMs;
    try {
      this.current = readRulebook(this.path);
    } catch (err) {
      return (err as Error).message;
    }
    this.onChange(this.current);
    return null;
  }

  watch(everyMs = 2000): void {
    this.timer = setInterval(() => {
      const problem = this.reload();
      if (problem) console.error(`[screening] kept typologies v${this.current.version}: ${problem}`);
    }, everyMs).unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
