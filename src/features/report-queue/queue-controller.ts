// The app's one report queue: keeps queued reports in the store, sends what is due when the app
// starts, when the browser says it is back online, when a backoff ends and when the reporter asks,
// and tells the panel what happened. The form files through it too: a report is stored before its
// first request, so closing the tab mid-send loses nothing, and the same key makes a resend safe.
import {
  enqueueReport, isDue, nextDueAt, queuePhotoKey, recoverInterrupted, retryNow, type QueuedPhoto, type QueuedReport,
} from './queue-state.ts';
import { reportStore, type ReportStore } from './report-store.ts';
import { networkTransport, sendQueuedReport, type ReportsTransport } from './send-report.ts';
import type { ReportDraft } from '../../domain/reports/index.ts';
import type { ReportFormDraft } from '../report-form/draft.ts';

export type QueueEvent =
  /** Sent in the background (the form announces its own sends). */
  | { kind: 'sent'; item: QueuedReport }
  | { kind: 'failed'; item: QueuedReport };

export interface QueueControllerOptions {
  store: Promise<ReportStore>;
  transport: ReportsTransport;
  isOnline?: () => boolean;
  now?: () => number;
}

export class ReportQueueController {
  private items: readonly QueuedReport[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly eventListeners = new Set<(event: QueueEvent) => void>();
  private readonly busy = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private started = false;
  private readonly isOnline: () => boolean;
  private readonly now: () => number;
  private readonly onlineListener = () => { void this.processDue(); };

  constructor(private readonly options: QueueControllerOptions) {
    this.isOnline = options.isOnline ?? (() => navigator.onLine);
    this.now = options.now ?? Date.now;
  }

  /** For useSyncExternalStore: the same array until something changes. */
  readonly snapshot = (): readonly QueuedReport[] => this.items;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onEvent(listener: (event: QueueEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Loads what an earlier visit left and sends what is due; listens for the browser coming back online. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    window.addEventListener('online', this.onlineListener);
    const store = await this.options.store;
    const stored = await store.listQueued().catch(() => [] as QueuedReport[]);
    const recovered = stored.map((item) => recoverInterrupted(item, this.now()));
    this.setItems([...this.items.filter((item) => !recovered.some((other) => other.key === item.key)), ...recovered]
      .toSorted((first, second) => first.queuedAt.localeCompare(second.queuedAt)));
    await this.processDue();
  }

  stop(): void {
    window.removeEventListener('online', this.onlineListener);
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.started = false;
  }

  /**
   * Queues a checked report with its photos and, when online, sends it now. Resolves with the item
   * after the attempt: sent, waiting (offline, network failure, server busy) or failed. A report
   * the server refused outright is taken off the queue again: the form shows why and keeps the draft.
   */
  async submit(entry: { key: string; report: ReportDraft; form: ReportFormDraft; photos: readonly { photo: QueuedPhoto; blob: Blob }[] }): Promise<QueuedReport> {
    const store = await this.options.store;
    const existing = this.items.find((item) => item.key === entry.key);
    const item = existing && existing.state !== 'sent'
      ? retryNow({ ...existing, report: entry.report, form: entry.form }, this.now())
      : enqueueReport({ key: entry.key, report: entry.report, form: entry.form, photos: entry.photos.map(({ photo }) => photo) }, this.now());
    await Promise.all(entry.photos.map(({ blob }, index) => store.putPhoto(queuePhotoKey(entry.key, index), blob)));
    await this.save(item);
    if (!this.isOnline()) return item;
    const after = await this.attempt(item, { background: false });
    if (after.state === 'failed' && after.reportId === null) await this.remove(after.key);
    this.scheduleNext();
    return after;
  }

  /** The reporter asks for another try now. */
  async retry(key: string): Promise<void> {
    const item = this.items.find((candidate) => candidate.key === key);
    if (!item) return;
    await this.save(retryNow(item, this.now()));
    await this.processDue();
  }

  /** Drops an item and its photos. */
  async discard(key: string): Promise<void> {
    await this.remove(key);
  }

  /** Takes an item off the queue to open it again in the form, with its photos' bytes. */
  async takeForEditing(key: string): Promise<{ item: QueuedReport; photos: Blob[] } | null> {
    const item = this.items.find((candidate) => candidate.key === key);
    if (!item || this.busy.has(key)) return null;
    const store = await this.options.store;
    const photos = await Promise.all(item.photos.map((_photo, index) => store.getPhoto(queuePhotoKey(key, index))));
    await this.remove(key);
    return { item, photos: photos.filter((photo): photo is Blob => photo !== null) };
  }

  /** Sends every due item, one at a time, then sets a timer for the next one due. */
  async processDue(): Promise<void> {
    if (!this.isOnline()) return;
    for (const item of this.items) {
      if (!isDue(item, this.now()) || this.busy.has(item.key)) continue;
      await this.attempt(item, { background: true });
      if (!this.isOnline()) break;
    }
    this.scheduleNext();
  }

  private scheduleNext(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const due = nextDueAt(this.items);
    if (due === null || !this.started) return;
    this.timer = setTimeout(() => { void this.processDue(); }, Math.max(0, due - this.now()));
  }

  private async attempt(item: QueuedReport, { background }: { background: boolean }): Promise<QueuedReport> {
    this.busy.add(item.key);
    try {
      const store = await this.options.store;
      const after = await sendQueuedReport(item, this.options.transport, (index) => store.getPhoto(queuePhotoKey(item.key, index)), {
        now: this.now,
        onStep: (step) => this.save(step),
      });
      if (after.state === 'sent') {
        await store.deleteQueued(after.key);
        await store.deletePhotos(after.photos.map((_photo, index) => queuePhotoKey(after.key, index)));
        if (background) this.emit({ kind: 'sent', item: after });
        // Sent in the form: the form shows the confirmation; nothing is left to list.
        if (!background) this.setItems(this.items.filter((candidate) => candidate.key !== after.key));
      } else if (after.state === 'failed' && background) {
        this.emit({ kind: 'failed', item: after });
      }
      return after;
    } finally {
      this.busy.delete(item.key);
    }
  }

  private async save(item: QueuedReport): Promise<void> {
    const index = this.items.findIndex((candidate) => candidate.key === item.key);
    this.setItems(index === -1 ? [...this.items, item] : this.items.map((candidate) => (candidate.key === item.key ? item : candidate)));
    const store = await this.options.store;
    // Sent items are only shown for this session; the store keeps what is still to do.
    if (item.state !== 'sent') await store.putQueued(item);
  }

  private async remove(key: string): Promise<void> {
    const item = this.items.find((candidate) => candidate.key === key);
    this.setItems(this.items.filter((candidate) => candidate.key !== key));
    const store = await this.options.store;
    await store.deleteQueued(key);
    if (item) await store.deletePhotos(item.photos.map((_photo, index) => queuePhotoKey(key, index)));
  }

  private setItems(items: readonly QueuedReport[]): void {
    this.items = items;
    for (const listener of this.listeners) listener();
  }

  private emit(event: QueueEvent): void {
    for (const listener of this.eventListeners) listener(event);
  }
}

/** The app's queue over the device's store and the network; `csrfToken` gives the signed-in session's token, if any, at each request. */
export function createReportQueue(csrfToken?: () => string | undefined): { queue: ReportQueueController; store: Promise<ReportStore> } {
  const store = reportStore();
  return { queue: new ReportQueueController({ store, transport: networkTransport(csrfToken ? { csrfToken } : {}) }), store };
}
