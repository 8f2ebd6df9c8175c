import { useEffect, useRef } from 'react';
import type { PlacedFacility } from '../../domain/facilities/filter.ts';
import { failsStandard } from '../../domain/facilities/grading.ts';
import type { Language, Translate } from '../../i18n/index.ts';
import { languageTag } from '../../i18n/index.ts';
import { categoryWord, compassWord, distanceWords, facilityName, statusWord } from '../../app/describe.ts';
import { spokenDistance } from '../../domain/geo/index.ts';
import { CategorySymbol } from '../../ui/CategorySymbol.tsx';
import { gradeWords, measurementRows } from './measurements.ts';
import { REPORT_CATEGORY_TABLE } from '../../domain/reports/fault-codes.ts';
import type { EffectiveFacilityStatus } from '../../domain/reports/facility-status.ts';

interface Props {
  t: Translate;
  language: Language;
  placed: PlacedFacility;
  onClose(): void;
  onShowOnMap(): void;
  onRouteHere(opener: HTMLElement): void;
  /** Opens the fault report form for this facility. */
  onReport(): void;
  /** What fault reports and staleness say beyond the data; null without a server API. */
  effective: EffectiveFacilityStatus | null;
}

/** The fault's label in the language shown, looked up over every report category; the code itself when unknown. */
function faultLabel(language: Language, faultCode: string): string {
  for (const details of REPORT_CATEGORY_TABLE) {
    const fault = details.codes.find((candidate) => candidate.id === faultCode);
    if (fault) return fault.label[language];
  }
  return faultCode;
}

/** The details panel: opens with focus on its heading; Escape or Close hands focus back. */
export function FacilityDetails({ t, language, placed, onClose, onShowOnMap, onRouteHere, onReport, effective }: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { facility } = placed;
  const name = facilityName(t, language, facility);
  const address = language === 'zh' ? facility.addressZh ?? facility.addressEn : facility.addressEn ?? facility.addressZh;
  const rows = measurementRows(t, facility);
  const closeBy = spokenDistance(placed.distanceMeters).kind === 'close_by';

  useEffect(() => {
    headingRef.current?.focus();
  }, [facility.id]);

  return (
    // Escape anywhere inside the panel closes it; the panel itself is not interactive.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <aside
      className="details"
      aria-labelledby="details-heading"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="details-header">
        <h2 id="details-heading" ref={headingRef} tabIndex={-1} lang={name.lang ? languageTag(name.lang) : undefined}>
          <CategorySymbol category={facility.category} status={facility.status} size={28} /> {name.text}
        </h2>
        <button type="button" className="button secondary" onClick={onClose}>{t('detailsClose')}</button>
      </div>
      <dl className="details-facts">
        <dt>{t('detailsCategory')}</dt>
        <dd>{categoryWord(t, facility.category)}</dd>
        <dt>{t('detailsStatus')}</dt>
        <dd className={`status-text status-${facility.status}`}>{statusWord(t, facility.status)}</dd>
        {effective?.reason ? (
          <>
            <dt>{t('detailsOutOfServiceReason')}</dt>
            <dd>
              {t('detailsReportedFault', { fault: faultLabel(language, effective.reason.faultCode) })}{' '}
              <a href={`?report=${encodeURIComponent(effective.reason.reportId)}`}>{t('detailsFollowReport')}</a>
            </dd>
            <dt>{t('detailsExpectedFix')}</dt>
            <dd>{effective.reason.expectedFixDate ?? t('detailsExpectedFixUnknown')}</dd>
          </>
        ) : null}
        {effective?.stale ? <><dt>{t('detailsUnverified')}</dt><dd>{t('detailsUnverifiedWhy')}</dd></> : null}
        {facility.statusNote ? <><dt>{t('detailsStatusNote')}</dt><dd>{facility.statusNote}</dd></> : null}
        <dt>{t('detailsDistance')}</dt>
        <dd>{distanceWords(t, placed.distanceMeters)}{closeBy ? '' : `, ${t('towards', { direction: compassWord(t, placed.bearingDegrees) })}`}</dd>
        {address ? <><dt>{t('detailsAddress')}</dt><dd>{address}</dd></> : null}
        <dt>{t('detailsLastVerified')}</dt>
        <dd>{effective?.lastVerified ?? facility.lastVerified ?? t('detailsNeverVerified')}</dd>
        <dt>{t('detailsSource')}</dt>
        <dd>{facility.source}</dd>
      </dl>
      {failsStandard(facility) ? <p className="notice-fail">{t('failsStandardNotice')}</p> : null}
      <table className="measurements">
        <caption>{t('detailsMeasurements')}</caption>
        <thead>
          <tr><th scope="col">{t('detailsMeasure')}</th><th scope="col">{t('detailsValue')}</th><th scope="col">{t('detailsAgainstStandard')}</th></tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} className={row.unknown ? 'unknown' : undefined}>
              <th scope="row">{row.label}</th>
              <td>{row.value}</td>
              <td className={row.grade?.outcome === 'fails' ? 'grade-fails' : undefined}>{gradeWords(t, row.grade)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="button-row">
        <button type="button" className="button" onClick={onShowOnMap}>{t('detailsShowOnMap')}</button>
        <button type="button" className="button secondary" onClick={(event) => onRouteHere(event.currentTarget)}>{t('routeHere')}</button>
        <button type="button" id="report-open" className="button secondary" onClick={onReport}>{t('reportOpen')}</button>
      </div>
    </aside>
  );
}
