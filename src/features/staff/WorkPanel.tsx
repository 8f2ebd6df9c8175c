// "My work" for signed-in staff: a responsible unit's open items (age in days, overdue marked,
// oldest first), the patrol list around the map centre (nearest first), and for reviewers and
// admins the exports of the district's reports. Each item opens the report's page or the facility.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LngLat } from '../../domain/facilities/model.ts';
import { faultWords } from '../report-page/report-words.ts';
import type { CurrentSession } from '../../api/session-client.ts';
import type { Language } from '../../i18n/index.ts';
import { createStaffTranslate, type StaffTranslate } from './messages.ts';
import {
  exportHref, fetchAssignedWork, fetchPatrolList, workListsFor, type AssignedWorkOutcome, type PatrolOutcome, type PatrolWorkItem,
} from './staff-client.ts';

interface Props {
  language: Language;
  session: CurrentSession;
  districtId: string;
  mapCentre(): LngLat;
  /** A facility's name in the current language, or null when the district has no such facility. */
  facilityName(facilityId: string): string | null;
  onOpenReport(reportId: string): void;
  onOpenFacility(facilityId: string): void;
  onAnnounce(message: string): void;
  onClose(): void;
}

const PATROL_REASON_KEYS = {
  verify_report: 'workReason_verify_report',
  reinspect_fix: 'workReason_reinspect_fix',
  never_verified: 'workReason_never_verified',
  verified_long_ago: 'workReason_verified_long_ago',
  recent_fault: 'workReason_recent_fault',
} as const;

function reasonWords(t: StaffTranslate, kind: string): string {
  return kind in PATROL_REASON_KEYS ? t(PATROL_REASON_KEYS[kind as keyof typeof PATROL_REASON_KEYS]) : kind;
}

type Loaded<Outcome> = { kind: 'loading' } | Outcome | { kind: 'off' };

export function WorkPanel(props: Props) {
  const { language, session, districtId, onAnnounce } = props;
  const t = useMemo(() => createStaffTranslate(language), [language]);
  const lists = workListsFor(session.user);
  const [assigned, setAssigned] = useState<Loaded<AssignedWorkOutcome>>(lists.assigned ? { kind: 'loading' } : { kind: 'off' });
  const [patrol, setPatrol] = useState<Loaded<PatrolOutcome>>(lists.patrol ? { kind: 'loading' } : { kind: 'off' });
  const [serial, setSerial] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const mapCentreRef = useRef(props.mapCentre);
  const announceRef = useRef(onAnnounce);
  // The latest callbacks, read when the lists load, so a parent's new function does not reload them.
  useEffect(() => { mapCentreRef.current = props.mapCentre; announceRef.current = onAnnounce; });

  useEffect(() => { headingRef.current?.focus(); }, []);

  useEffect(() => {
    const controller = new AbortController();
    const wanted = workListsFor(session.user);
    const loads: Promise<number>[] = [];
    if (wanted.assigned) {
      loads.push(fetchAssignedWork({ signal: controller.signal }).then((outcome) => {
        if (!controller.signal.aborted) setAssigned(outcome);
        return outcome.kind === 'found' ? outcome.items.length : 0;
      }));
    }
    if (wanted.patrol) {
      loads.push(fetchPatrolList(districtId, mapCentreRef.current(), { signal: controller.signal }).then((outcome) => {
        if (!controller.signal.aborted) setPatrol(outcome);
        return outcome.kind === 'found' ? outcome.items.length : 0;
      }));
    }
    void Promise.all(loads).then((counts) => {
      if (!controller.signal.aborted && counts.length > 0) announceRef.current(t('workAnnounceLoaded', { count: counts.reduce((sum, count) => sum + count, 0) }));
    });
    return () => controller.abort();
  }, [session.user, districtId, serial, t]);

  const patrolWhat = (item: PatrolWorkItem): string => (item.facilityId ? props.facilityName(item.facilityId) ?? item.facilityId : t('workPointReport'));

  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <section
      className="work-panel"
      aria-labelledby="work-heading"
      onKeyDown={(event) => { if (event.key === 'Escape') { event.preventDefault(); props.onClose(); } }}
    >
      <div className="details-header">
        <h2 id="work-heading" ref={headingRef} tabIndex={-1}>{t('workHeading')}</h2>
        <button type="button" className="button secondary" onClick={props.onClose}>{t('workClose')}</button>
      </div>
      <div className="button-row">
        <button type="button" className="button secondary" onClick={() => setSerial((count) => count + 1)}>{t('workRefresh')}</button>
      </div>

      {assigned.kind !== 'off' ? (
        <section aria-labelledby="work-assigned-heading">
          <h3 id="work-assigned-heading">{t('workAssignedHeading')}</h3>
          <p className="hint">{t('workAssignedIntro')}</p>
          {assigned.kind === 'loading' ? <p role="status">{t('workLoading')}</p> : null}
          {assigned.kind === 'refused' ? <p className="error-text" role="alert">{t('workFailed', { message: assigned.message[language] })}</p> : null}
          {assigned.kind === 'network' ? <p className="error-text" role="alert">{t('workFailed', { message: assigned.detail })}</p> : null}
          {assigned.kind === 'found' && assigned.items.length === 0 ? <p>{t('workAssignedEmpty')}</p> : null}
          {assigned.kind === 'found' && assigned.items.length > 0 ? (
            <ol className="work-list work-assigned">
              {assigned.items.map((item) => {
                const what = faultWords(language, item.report.category, item.report.faultCode);
                const place = item.report.facilityId ? props.facilityName(item.report.facilityId) : null;
                return (
                  <li key={item.report.id} data-report-id={item.report.id}>
                    <button type="button" className="link-button" onClick={() => props.onOpenReport(item.report.id)}>
                      {t('workOpenReport', { what: place ? `${place}，${what}` : what })}
                    </button>
                    <span className="hint work-age"> {t('workAge', { days: item.ageDays })}</span>
                    {item.overdue ? <strong className="work-overdue"> {t('workOverdue')}</strong> : null}
                  </li>
                );
              })}
            </ol>
          ) : null}
        </section>
      ) : null}

      {patrol.kind !== 'off' ? (
        <section aria-labelledby="work-patrol-heading">
          <h3 id="work-patrol-heading">{t('workPatrolHeading')}</h3>
          <p className="hint">{t('workPatrolIntro')}</p>
          {patrol.kind === 'loading' ? <p role="status">{t('workLoading')}</p> : null}
          {patrol.kind === 'refused' ? <p className="error-text" role="alert">{t('workFailed', { message: patrol.message[language] })}</p> : null}
          {patrol.kind === 'network' ? <p className="error-text" role="alert">{t('workFailed', { message: patrol.detail })}</p> : null}
          {patrol.kind === 'found' && patrol.items.length === 0 ? <p>{t('workPatrolEmpty')}</p> : null}
          {patrol.kind === 'found' && patrol.items.length > 0 ? (
            <ol className="work-list work-patrol">
              {patrol.items.map((item) => {
                const reportId = item.reportId ?? item.reason.reportIds?.[0] ?? null;
                return (
                  <li key={item.facilityId ?? item.reportId ?? `${item.location[0]},${item.location[1]}`}>
                    {item.facilityId ? (
                      <button type="button" className="link-button" onClick={() => props.onOpenFacility(item.facilityId ?? '')}>
                        {t('workOpenFacility', { what: patrolWhat(item) })}
                      </button>
                    ) : reportId ? (
                      <button type="button" className="link-button" onClick={() => props.onOpenReport(reportId)}>
                        {t('workOpenReport', { what: patrolWhat(item) })}
                      </button>
                    ) : <span>{patrolWhat(item)}</span>}
                    <span className="hint"> {reasonWords(t, item.reason.kind)} · {t('workDistance', { meters: Math.round(item.distanceMeters) })}</span>
                    {item.facilityId && reportId ? (
                      <> · <button type="button" className="link-button" onClick={() => props.onOpenReport(reportId)}>{t('workOpenReport', { what: reasonWords(t, item.reason.kind) })}</button></>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          ) : null}
        </section>
      ) : null}

      {lists.exports ? (
        <section aria-labelledby="work-exports-heading">
          <h3 id="work-exports-heading">{t('workExportsHeading')}</h3>
          <ul className="plain-list">
            <li><a href={exportHref('csv', districtId, language)} download>{t('workExportCsv')}</a></li>
            <li><a href={exportHref('geojson', districtId, language)} download>{t('workExportGeoJson')}</a></li>
          </ul>
        </section>
      ) : null}
    </section>
  );
}
