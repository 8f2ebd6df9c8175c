// Keeps the current district's effective facility statuses from the server: fetched when the
// district loads, then again every minute, when the page becomes visible and when the browser is
// back online (a 304 costs nothing). Without a server API the data's statuses stand.
import { useEffect, useState } from 'react';
import { fetchFacilityStatuses, type FacilityStatuses } from '../../api/facility-statuses-client.ts';

const REFRESH_MILLISECONDS = 60_000;

export type FacilityStatusesState =
  | { kind: 'loading' }
  | { kind: 'ready'; statuses: FacilityStatuses }
  | { kind: 'unavailable'; detail: string };

export function useFacilityStatuses(districtId: string | null): FacilityStatusesState {
  const [state, setState] = useState<{ districtId: string; value: FacilityStatusesState } | null>(null);
  useEffect(() => {
    if (!districtId) return;
    let cancelled = false;
    let etag: string | null = null;
    const refresh = (): void => {
      void fetchFacilityStatuses(import.meta.env.BASE_URL, districtId, etag).then((answer) => {
        if (cancelled || answer.kind === 'unchanged') return;
        if (answer.kind === 'statuses') {
          etag = answer.etag;
          setState({ districtId, value: { kind: 'ready', statuses: answer.statuses } });
        } else {
          // Statuses already shown stay (they were right a minute ago); only a first failure says so.
          setState((current) => (current?.districtId === districtId && current.value.kind === 'ready' ? current : { districtId, value: { kind: 'unavailable', detail: answer.detail } }));
        }
      });
    };
    refresh();
    const timer = setInterval(refresh, REFRESH_MILLISECONDS);
    const onVisible = (): void => { if (document.visibilityState === 'visible') refresh(); };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('online', refresh);
    return () => {
      cancelled = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', refresh);
    };
  }, [districtId]);
  return state && state.districtId === districtId ? state.value : { kind: 'loading' };
}
