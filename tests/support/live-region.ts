// Records what a screen reader would hear from the live regions: the app's one polite status
// region ([data-live-region], present from load) and role=alert elements. Only changes are
// recorded, never the text a region already had, so a page that announces nothing on load
// records nothing.
import type { Page } from '@playwright/test';

export interface Announcement {
  text: string;
  politeness: 'polite' | 'assertive' | 'off';
  /** Milliseconds since the page started loading (performance.now()). */
  time: number;
}

type RecordingWindow = Window & { __announcements?: Announcement[] };

/** Runs in the page before any of its scripts, on every navigation; it must be self-contained. */
function recordAnnouncements(): void {
  const recordingWindow = window as RecordingWindow;
  if (recordingWindow.__announcements) return;
  const recorded: Announcement[] = [];
  recordingWindow.__announcements = recorded;
  const regionSelector = '[data-live-region], [role="alert"]';
  const lastText = new WeakMap<Element, string>();

  const politenessOf = (region: Element): Announcement['politeness'] => {
    const live = region.getAttribute('aria-live');
    if (live === 'polite' || live === 'assertive' || live === 'off') return live;
    // WAI-ARIA 1.2 gives role alert an implicit aria-live of assertive, role status polite.
    return region.getAttribute('role') === 'alert' ? 'assertive' : 'polite';
  };

  const textOf = (region: Element): string => (region.textContent ?? '').replace(/\s+/g, ' ').trim();

  const check = (region: Element): void => {
    const text = textOf(region);
    const previous = lastText.get(region) ?? '';
    lastText.set(region, text);
    // Clearing is silent; the same text set again after a clear is a new announcement.
    if (text !== '' && text !== previous) recorded.push({ text, politeness: politenessOf(region), time: performance.now() });
  };

  const observer = new MutationObserver((mutations) => {
    const changed = new Set<Element>();
    const inserted = new Set<Element>();
    for (const mutation of mutations) {
      for (const added of Array.from(mutation.addedNodes)) {
        if (!(added instanceof Element)) continue;
        const regions = [...(added.matches(regionSelector) ? [added] : []), ...Array.from(added.querySelectorAll(regionSelector))];
        for (const region of regions) {
          if (region.getAttribute('role') === 'alert') {
            // Screen readers speak an alert when it is inserted with its text.
            changed.add(region);
          } else if (!lastText.has(region)) {
            // A status region's content at insertion is not spoken; only later changes are.
            lastText.set(region, textOf(region));
            inserted.add(region);
          }
        }
      }
      const target = mutation.target instanceof Element ? mutation.target : mutation.target.parentElement;
      const region = target?.closest(regionSelector);
      if (region && !inserted.has(region)) changed.add(region);
    }
    for (const region of changed) check(region);
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
}

export async function installAnnouncementRecorder(page: Page): Promise<void> {
  await page.addInitScript(recordAnnouncements);
}

/** The texts announced so far on the current page, oldest first. */
export async function announcements(page: Page): Promise<string[]> {
  return page.evaluate(() => ((window as RecordingWindow).__announcements ?? []).map((announcement) => announcement.text));
}

/**
 * Waits until an announcement made on the current page (also before this call, so a fast app
 * cannot slip past) matches, and returns the latest matching text.
 */
export async function waitForAnnouncement(page: Page, matcher: RegExp | string, timeoutMs = 5000): Promise<string> {
  const pattern = typeof matcher === 'string' ? { source: null, flags: '', text: matcher } : { source: matcher.source, flags: matcher.flags, text: null };
  try {
    const handle = await page.waitForFunction(
      ({ source, flags, text }) => {
        const texts = ((window as RecordingWindow).__announcements ?? []).map((announcement) => announcement.text);
        const expression = source === null ? null : new RegExp(source, flags);
        const matching = texts.filter((candidate) => (expression ? expression.test(candidate) : candidate.includes(text ?? '')));
        return matching.length > 0 ? matching[matching.length - 1] : false;
      },
      pattern,
      { timeout: timeoutMs },
    );
    return String(await handle.jsonValue());
  } catch (error) {
    const recorded = await announcements(page).catch(() => [] as string[]);
    throw new Error(`No announcement matching ${String(matcher)} within ${timeoutMs} ms. Recorded: ${JSON.stringify(recorded)}\n${(error as Error).message}`);
  }
}
