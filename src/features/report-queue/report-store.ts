// Where queued reports and photo bytes are kept on the device: IndexedDB, which survives reloads
// and going offline and stores Blobs as they are. Two object stores: "queue" (QueuedReport, keyed
// by its idempotency key) and "photos" (Blobs, keyed by draft or queue photo keys). When IndexedDB
// cannot be opened (blocked storage, some private modes) a store in memory keeps the session working.
import type { QueuedReport } from './queue-state.ts';

export interface ReportStore {
  /** "indexeddb", or "memory" when nothing outlives the page. */
  readonly kind: 'indexeddb' | 'memory';
  listQueued(): Promise<QueuedReport[]>;
  putQueued(item: QueuedReport): Promise<void>;
  deleteQueued(key: string): Promise<void>;
  putPhoto(key: string, photo: Blob): Promise<void>;
  getPhoto(key: string): Promise<Blob | null>;
  deletePhotos(keys: readonly string[]): Promise<void>;
}

export const REPORTS_DATABASE_NAME = 'bfmap-reports';
const DATABASE_VERSION = 1;
const QUEUE_STORE = 'queue';
const PHOTO_STORE = 'photos';

function requestResult<Value>(request: IDBRequest<Value>): Promise<Value> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function transactionDone(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(REPORTS_DATABASE_NAME, DATABASE_VERSION);
    request.onupgradeneeded = () => {
      const database = request.result;
      if (!database.objectStoreNames.contains(QUEUE_STORE)) database.createObjectStore(QUEUE_STORE, { keyPath: 'key' });
      if (!database.objectStoreNames.contains(PHOTO_STORE)) database.createObjectStore(PHOTO_STORE);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab with an older version open'));
  });
}

class IndexedDbStore implements ReportStore {
  readonly kind = 'indexeddb';

  constructor(private readonly database: IDBDatabase) {}

  async listQueued(): Promise<QueuedReport[]> {
    const transaction = this.database.transaction(QUEUE_STORE, 'readonly');
    return requestResult(transaction.objectStore(QUEUE_STORE).getAll() as IDBRequest<QueuedReport[]>);
  }

  async putQueued(item: QueuedReport): Promise<void> {
    const transaction = this.database.transaction(QUEUE_STORE, 'readwrite');
    transaction.objectStore(QUEUE_STORE).put(item);
    await transactionDone(transaction);
  }

  async deleteQueued(key: string): Promise<void> {
    const transaction = this.database.transaction(QUEUE_STORE, 'readwrite');
    transaction.objectStore(QUEUE_STORE).delete(key);
    await transactionDone(transaction);
  }

  async putPhoto(key: string, photo: Blob): Promise<void> {
    const transaction = this.database.transaction(PHOTO_STORE, 'readwrite');
    transaction.objectStore(PHOTO_STORE).put(photo, key);
    await transactionDone(transaction);
  }

  async getPhoto(key: string): Promise<Blob | null> {
    const transaction = this.database.transaction(PHOTO_STORE, 'readonly');
    const value = await requestResult(transaction.objectStore(PHOTO_STORE).get(key) as IDBRequest<unknown>);
    return value instanceof Blob ? value : null;
  }

  async deletePhotos(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const transaction = this.database.transaction(PHOTO_STORE, 'readwrite');
    const store = transaction.objectStore(PHOTO_STORE);
    for (const key of keys) store.delete(key);
    await transactionDone(transaction);
  }
}

/** A store that lasts as long as the page: used when IndexedDB is unavailable. */
export function createMemoryStore(): ReportStore {
  const queue = new Map<string, QueuedReport>();
  const photos = new Map<string, Blob>();
  return {
    kind: 'memory',
    listQueued: async () => [...queue.values()].map((item) => structuredClone(item)),
    putQueued: async (item) => { queue.set(item.key, structuredClone(item)); },
    deleteQueued: async (key) => { queue.delete(key); },
    putPhoto: async (key, photo) => { photos.set(key, photo); },
    getPhoto: async (key) => photos.get(key) ?? null,
    deletePhotos: async (keys) => { for (const key of keys) photos.delete(key); },
  };
}

let shared: Promise<ReportStore> | null = null;

/** The app's one store: IndexedDB when it opens, memory otherwise. */
export function reportStore(): Promise<ReportStore> {
  shared ??= (typeof indexedDB === 'undefined' ? Promise.reject(new Error('no IndexedDB')) : openDatabase())
    .then((database): ReportStore => new IndexedDbStore(database))
    .catch((): ReportStore => createMemoryStore());
  return shared;
}
