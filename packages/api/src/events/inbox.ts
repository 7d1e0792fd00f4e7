/**
 * Events waiting for a slow subscriber, at most `capacity`. Past that the
 * inbox drops them all and remembers it overflowed: the subscriber is told to
 * resync instead of the server holding an unbounded backlog for it.
 */
export class Inbox<T> {
  #items: T[] = [];
  #overflowed = false;
  #wake: (() => void) | null = null;

  constructor(private readonly capacity: number) {}

  push(items: readonly T[]) {
    if (items.length === 0) return;
    if (this.#overflowed) return;
    if (this.#items.length + items.length > this.capacity) {
      this.#items = [];
      this.#overflowed = true;
    } else this.#items.push(...items);
    this.#notify();
  }

  /** Wakes a waiting `take` without adding anything (an access check is due, say). */
  poke() {
    this.#notify();
  }

  /** What is waiting now, and whether some was dropped; resolves when there is something, or on `poke`. */
  async take(signal: AbortSignal): Promise<{ items: T[]; overflowed: boolean }> {
    if (this.#items.length === 0 && !this.#overflowed) {
      await new Promise<void>((resolve) => {
        const done = () => {
          signal.removeEventListener("abort", done);
          this.#wake = null;
          resolve();
        };
        this.#wake = done;
        signal.addEventListener("abort", done, { once: true });
      });
    }
    const taken = { items: this.#items, overflowed: this.#overflowed };
    this.#items = [];
    this.#overflowed = false;
    return taken;
  }

  get size() {
    return this.#items.length;
  }

  #notify() {
    this.#wake?.();
  }
}
