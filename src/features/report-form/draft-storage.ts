// Keeps the form's draft across reloads: text and choices in localStorage, photo bytes in
// IndexedDB (report-store.ts). Storage can be blocked or full; the form then works without a
// saved draft rather than failing.
import { draftStorageKey, parseStoredDraft, photoStorageKey, serialiseDraft, type DraftTarget, type ReportFormDraft } from './draft.ts';
import type { ReportStore } from '../report-queue/report-store.ts';
import type { ReportQueueController } from '../report-queue/queue-controller.ts';
import { keyStillUsable } from '../report-queue/queue-state.ts';

/**
 * A new idempotency key: a random UUID (RFC 9562 version 4). crypto.randomUUID exists only in
 * secure contexts (https, localhost); elsewhere the same 122 random bits come from getRandomValues.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The stored draft for this district and target, or null when there is none (or storage is blocked). */
export function loadDraft(districtId: string, target: DraftTarget): ReportFormDraft | null {
  try {
    return parseStoredDraft(localStorage.getItem(draftStorageKey(districtId, target)), { districtId, target }, newIdempotencyKey);
  } catch {
    return null;
  }
}

/** Saves the draft and returns it with its saving time; false in `saved` when storage refused. */
export function saveDraft(draft: ReportFormDraft, now: Date = new Date()): { draft: ReportFormDraft; saved: boolean } {
  const stamped = { ...draft, savedAt: now.toISOString() };
  try {
    localStorage.setItem(draftStorageKey(draft.districtId, draft.target), serialiseDraft(stamped));
    return { draft: stamped, saved: true };
  } catch {
    return { draft, saved: false };
  }
}

/** Removes the draft and its photos. */
export async function clearDraft(draft: ReportFormDraft, store: Promise<ReportStore>): Promise<void> {
  const key = draftStorageKey(draft.districtId, draft.target);
  try {
    localStorage.removeItem(key);
  } catch {
    // Storage blocked: there was nothing saved to remove.
  }
  await (await store).deletePhotos(draft.photos.map((photo) => photoStorageKey(key, photo.id))).catch(() => undefined);
}

export async function putDraftPhoto(draft: ReportFormDraft, photoId: string, blob: Blob, store: Promise<ReportStore>): Promise<void> {
  await (await store).putPhoto(photoStorageKey(draftStorageKey(draft.districtId, draft.target), photoId), blob);
}

export async function deleteDraftPhoto(draft: ReportFormDraft, photoId: string, store: Promise<ReportStore>): Promise<void> {
  await (await store).deletePhotos([photoStorageKey(draftStorageKey(draft.districtId, draft.target), photoId)]);
}

/** The bytes of the draft's photos that are still stored, by photo id. */
export async function loadDraftPhotos(draft: ReportFormDraft, store: Promise<ReportStore>): Promise<Map<string, Blob>> {
  const resolved = await store;
  const key = draftStorageKey(draft.districtId, draft.target);
  const entries = await Promise.all(draft.photos.map(async (photo) => [photo.id, await resolved.getPhoto(photoStorageKey(key, photo.id)).catch(() => null)] as const));
  return new Map(entries.filter((entry): entry is readonly [string, Blob] => entry[1] !== null));
}

/**
 * Takes a refused report off the queue and makes it the draft of its target again, photos
 * included, so the form opens with it. Resolves with the target, or null when the item is gone
 * (or being sent right now).
 */
export async function reopenQueuedReport(queue: ReportQueueController, store: Promise<ReportStore>, key: string): Promise<ReportFormDraft['target'] | null> {
  const taken = await queue.takeForEditing(key);
  if (!taken) return null;
  const form = taken.item.form;
  const photos = form.photos.slice(0, taken.photos.length).map((photo, index) => ({ ...photo, byteLength: taken.photos[index]?.size ?? photo.byteLength }));
  const draft: ReportFormDraft = { ...form, idempotencyKey: keyStillUsable(taken.item) ? form.idempotencyKey : newIdempotencyKey(), photos };
  await Promise.all(photos.map((photo, index) => {
    const blob = taken.photos[index];
    return blob ? putDraftPhoto(draft, photo.id, blob, store) : Promise.resolve();
  }));
  saveDraft(draft);
  return draft.target;
}
