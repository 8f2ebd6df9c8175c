// Registers the service worker (dist/sw.js, built by scripts/service-worker-build.ts) in
// production builds. Registration waits for the load event, so installing the offline copy never
// competes with the first paint.
import { LOADED_FILES_MESSAGE, type LoadedFilesMessage } from './strategy.ts';

export function registerServiceWorker(baseUrl: string): void {
  if (!('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  const register = (): void => {
    container.register(`${baseUrl}sw.js`, { scope: baseUrl }).catch((error: unknown) => {
      // The app works without it; only the offline copy is missing.
      console.warn('The offline copy of the app could not be set up:', error);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
  // A page loaded before any worker was active is never controlled by one (the worker does not
  // claim open pages); it tells the worker what it loaded, so the next visit works offline.
  if (!container.controller) forwardLoadedFiles(container);
}

function forwardLoadedFiles(container: ServiceWorkerContainer): void {
  if (typeof PerformanceObserver === 'undefined') return;
  let worker: ServiceWorker | null = null;
  const pending = new Set<string>();
  const send = (): void => {
    if (worker === null || pending.size === 0) return;
    const message: LoadedFilesMessage = { type: LOADED_FILES_MESSAGE, urls: [...pending] };
    worker.postMessage(message);
    pending.clear();
  };
  // Resource timing lists every file fetched, including those fetched before this ran (buffered).
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (new URL(entry.name).origin === location.origin) pending.add(entry.name);
    }
    send();
  }).observe({ type: 'resource', buffered: true });
  void container.ready.then((registration) => {
    worker = registration.active;
    send();
  });
}
