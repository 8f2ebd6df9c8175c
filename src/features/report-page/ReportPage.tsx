// The follow page: what anyone with a report's link sees (the app opened with ?report=<id>): its
// status in words, where and what the fault is, and its whole history as an ordered list. A
// signed-in account also gets the transitions the server offers it (ReportActions).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Facility } from '../../domain/facilities/model.ts';
import { findMeasurementKind, type PublicReport, type PublicReportEvent } from '../../domain/reports/index.ts';
import type { CurrentSession } from '../../api/session-client.ts';
import { fetchStaffReport, type StaffReportOutcome } from '../staff/staff-client.ts';
import { ReportActions } from '../staff/ReportActions.tsx';
import type { Language, Translate } from '../../i18n/index.ts';
import { coordinatesText, faultWords, placeWords, roleWords, severityWords, statusWords, timeWords } from './report-words.ts';

interface Props {
  t: Translate;
  language: Language;
  reportId: string;
  /** Looks a facility up in the loaded district, to name it. */
  findFacility(facilityId: string): Facility | null;
  /** The signed-in account, whose CSRF token goes with a transition; null for residents. */
  session: CurrentSession | null;
  onAnnounce(message: string): void;
  onClose(): void;
}

type Loading = { kind: 'loading' } | StaffReportOutcome;

function HistoryItem({ t, language, event }: { t: Translate; language: Language; event: PublicReportEvent }) {
  const role = roleWords(t, event.actorRole);
  const change = event.fromStatus === null
    ? `${statusWords(t, event.toStatus)} — ${t('reportHistoryFiled', { role })}`
    : t('reportHistoryChange', { from: statusWords(t, event.fromStatus), to: statusWords(t, event.toStatus), role });
  return (
    <li>
      <time dateTime={event.at}>{timeWords(language, event.at)}</time>
      {language === 'zh' ? '：' : ': '}
      <span className="report-history-change">{change}</span>
      {event.note.trim() !== '' ? <p className="report-history-note">{t('reportHistoryNote', { note: event.note })}</p> : null}
    </li>
  );
}

function ReportFacts({ t, language, report, facility }: { t: Translate; language: Language; report: PublicReport; facility: Facility | null }) {
  const place = report.facilityId === null
    ? t('reportPagePoint', { coordinates: coordinatesText(report.location) })
    : facility ? placeWords(t, language, facility, report.location) : t('reportPageUnknownFacility', { id: report.facilityId });
  return (
    <dl className="details-facts">
      <dt>{t('reportPagePlace')}</dt>
      <dd>{place}</dd>
      <dt>{t('reportPageFault')}</dt>
      <dd>{faultWords(language, report.category, report.faultCode)}</dd>
      <dt>{t('reportPageSeverity')}</dt>
      <dd>{severityWords(t, report.severity)}</dd>
      <dt>{t('reportPagePermanence')}</dt>
      <dd>{report.permanence === 'temporary' ? t('reportPermanenceTemporaryShort') : t('reportPermanencePermanentShort')}</dd>
      <dt>{t('reportPageFixDate')}</dt>
      <dd>{report.expectedFixDate ?? t('unknownValue')}</dd>
      <dt>{t('reportPageOutOfService')}</dt>
      <dd>{report.outOfService ? t('reportPageOutOfServiceYes') : t('reportPageOutOfServiceNo')}</dd>
      <dt>{t('reportPageUnit')}</dt>
      <dd>{report.assignedUnitId ?? t('reportPageUnassigned')}</dd>
      <dt>{t('reportPageDescription')}</dt>
      <dd className="report-description">{report.description}</dd>
      <dt>{t('reportPageMeasurements')}</dt>
      <dd>
        {report.measurements.length === 0 ? t('reportPageNone') : (
          <ul className="plain-list">
            {report.measurements.map((measurement) => {
              const kind = findMeasurementKind(report.category, measurement.name);
              return <li key={measurement.name}>{kind ? kind.label[language] : measurement.name}: {measurement.value} {measurement.unit}</li>;
            })}
          </ul>
        )}
      </dd>
    </dl>
  );
}

export function ReportPage({ t, language, reportId, findFacility, session, onAnnounce, onClose }: Props) {
  const [loading, setLoading] = useState<{ id: string; outcome: Loading }>({ id: reportId, outcome: { kind: 'loading' } });
  // Bumped to read the report again: after someone else changed it (409), or after signing in or out.
  const [reloadSerial, setReloadSerial] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const outcome: Loading = loading.id === reportId ? loading.outcome : { kind: 'loading' };
  const signedInAs = session?.user.username ?? null;

  useEffect(() => {
    const controller = new AbortController();
    fetchStaffReport(reportId, { signal: controller.signal }).then((result) => {
      if (!controller.signal.aborted) setLoading({ id: reportId, outcome: result });
    });
    return () => controller.abort();
  }, [reportId, reloadSerial, signedInAs]);
  const reload = useCallback(() => setReloadSerial((serial) => serial + 1), []);

  useEffect(() => { headingRef.current?.focus(); }, [reportId]);

  const report = outcome.kind === 'found' ? outcome.report : null;
  return (
    // Escape closes the page, as it closes the details panel.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <section
      className="report-page"
      aria-labelledby="report-page-heading"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="details-header">
        <h2 id="report-page-heading" ref={headingRef} tabIndex={-1}>{t('reportPageHeading')}</h2>
        <button type="button" className="button secondary" onClick={onClose}>{t('reportClose')}</button>
      </div>
      {outcome.kind === 'loading' ? <p role="status">{t('reportPageLoading')}</p> : null}
      {outcome.kind === 'refused' ? <p className="error-text report-page-error" role="alert">{t('reportPageFailed', { detail: outcome.message[language] })}</p> : null}
      {outcome.kind === 'network' ? <p className="error-text report-page-error" role="alert">{t('reportPageFailed', { detail: outcome.detail })}</p> : null}
      {report && outcome.kind === 'found' ? (
        <>
          <p className="report-status">
            <span className="report-status-label">{t('reportPageStatus')}</span>
            <strong className={`report-status-value report-status-${report.status}`}>{statusWords(t, report.status)}</strong>
          </p>
          <p className="hint">{t('reportConfirmationNumber', { id: report.id })}</p>
          <ReportFacts t={t} language={language} report={report} facility={report.facilityId ? findFacility(report.facilityId) : null} />
          {session ? (
            <ReportActions
              key={report.id}
              language={language}
              report={report}
              offered={outcome.availableTransitions}
              csrfToken={session.csrfToken}
              statusText={(status) => statusWords(t, status)}
              onChanged={(found) => setLoading({ id: reportId, outcome: found })}
              onConflict={reload}
              onAnnounce={onAnnounce}
            />
          ) : null}
          <h3 id="report-history-heading">{t('reportPageHistory')}</h3>
          <ol className="report-history" aria-labelledby="report-history-heading">
            {outcome.events.map((event) => <HistoryItem key={event.sequence} t={t} language={language} event={event} />)}
          </ol>
        </>
      ) : null}
    </section>
  );
}
