// One polite live region for the whole app. The region exists in the page from load and is never
// re-created (screen readers ignore regions inserted with their text). Messages are debounced so a
// burst of changes (typing, several map moves) is read once, latest wins.

export const ANNOUNCE_DELAY_MILLISECONDS = 500;

export class Announcer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private region: HTMLElement | null = null;

  attach(region: HTMLElement | null): void {
    this.region = region;
  }

  announce(message: string): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.region === null) return;
      // The same message twice in a row would not be read again: clear first, then set.
      this.region.textContent = '';
      const region = this.region;
      requestAnimationFrame(() => { region.textContent = message; });
    }, ANNOUNCE_DELAY_MILLISECONDS);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
