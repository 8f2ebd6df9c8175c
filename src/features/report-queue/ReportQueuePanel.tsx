// "Reports waiting to be sent (N)": every queued report with its state in words, why it has not
// gone yet, and Retry, Discard (after a confirmation) or, when the server refused it, a way back
// into the form. Background sends and failures are announced through the app's one live region.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Facility } from '../../domain/facilities/model.ts';
import type { Language, Translate } from '../../i18n/index.ts';
import { faultWords, followReportHref, placeWords, timeWords } from '../report-page/report-words.ts';
import type { ReportQueueController } from './queue-controller.ts';
import { unsentCount, type QueuedReport, type QueueState } from './queue-state.ts';

interface Props {
  t: Translate;
  language: Language;
  queue: ReportQueueController;
  /** The district shown: facilities are named from it; items of other districts are listed by position. */
  districtId: string;
  findFacility(facilityId: string): Facility | null;
  onOpenInForm(item: QueuedReport): void;
  onAnnounce(message: string): void;
}

const STATE_KEYS = {
  waiting: 'reportQueueStateWaiting', sending: 'reportQueueStateSending', sent: 'reportQueueStateSent', failed: 'reportQueueStateFailed',
} as const satisfies Record<QueueState, string>;

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

export function itemTitle(t: Translate, language: Language, item: QueuedReport, facility: Facility | null): string {
  return t('reportQueueItemTitle', { fault: faultWords(language, item.report.category, item.report.faultCode), place: placeWords(t, language, facility, item.report.location) });
}

function QueueItem({ t, language, item, facility, online, canOpen, queue, onOpenInForm, onAnnounce }: {
  t: Translate; language: Language; item: QueuedReport; facility: Facility | null; online: boolean; canOpen: boolean;
  queue: ReportQueueController; onOpenInForm(item: QueuedReport): void; onAnnounce(message: string): void;
}) {
  const [confirming, setConfirming] = useState(false);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const discardRef = useRef<HTMLButtonElement>(null);
  const titleId = `queue-item-${item.key}`;
  const title = itemTitle(t, language, item, facility);
  const failure = item.failure;
  const reason = failure === null ? null : failure.phase === 'photos' ? t('reportPhotosNotSent', { detail: failure.message[language] }) : failure.message[language];

  useEffect(() => {
    if (confirming) questionRef.current?.focus();
  }, [confirming]);

  return (
    <li className={`queue-item queue-${item.state}`} data-queue-key={item.key}>
      <p id={titleId} className="queue-item-title">{title}</p>
      <p className="queue-item-state"><strong>{t(STATE_KEYS[item.state])}</strong></p>
      {reason && item.state !== 'sent' ? <p className={item.state === 'failed' ? 'error-text' : 'hint'}>{reason}</p> : null}
      {item.state === 'waiting' ? (
        <p className="hint">
          {!online ? t('reportQueueWhenOnline') : item.nextAttemptAt !== null && item.attempts > 0
            ? t('reportQueueNextAttempt', { time: timeWords(language, new Date(item.nextAttemptAt).toISOString()) }) : null}
          {item.attempts > 0 ? ` ${t('reportQueueAttempts', { count: item.attempts })}` : null}
        </p>
      ) : null}
      {item.reportId !== null ? (
        <p><a href={followReportHref(item.reportId, language)} aria-describedby={titleId}>{t('reportQueueFollow')}</a></p>
      ) : null}
      {item.state !== 'sent' && item.state !== 'sending' ? (
        <div className="button-row">
          <button type="button" className="button" aria-describedby={titleId} onClick={() => { void queue.retry(item.key); }}>{t('reportQueueRetry')}</button>
          {item.state === 'failed' && item.reportId === null && canOpen ? (
            <button type="button" className="button secondary" aria-describedby={titleId} onClick={() => onOpenInForm(item)}>{t('reportQueueOpenInForm')}</button>
          ) : null}
          <button type="button" ref={discardRef} className="button secondary" aria-describedby={titleId} aria-expanded={confirming} onClick={() => setConfirming(true)}>
            {t('reportQueueDiscard')}
          </button>
        </div>
      ) : null}
      {confirming ? (
        <div className="report-confirm" role="group" aria-labelledby={`${titleId}-question`}>
          <p id={`${titleId}-question`} ref={questionRef} tabIndex={-1}>{t('reportQueueDiscardQuestion')}</p>
          <div className="button-row">
            <button type="button" className="button warning" onClick={() => {
              void queue.discard(item.key).then(() => onAnnounce(t('reportQueueDiscarded')));
            }}>{t('reportQueueDiscardConfirm')}</button>
            <button type="button" className="button secondary" onClick={() => {
              setConfirming(false);
              requestAnimationFrame(() => discardRef.current?.focus());
            }}>{t('reportQueueDiscardCancel')}</button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

export function ReportQueuePanel({ t, language, queue, districtId, findFacility, onOpenInForm, onAnnounce }: Props) {
  const items = useSyncExternalStore(queue.subscribe, queue.snapshot);
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
  const latest = useRef({ t, language, districtId, findFacility, onAnnounce });
  useEffect(() => { latest.current = { t, language, districtId, findFacility, onAnnounce }; });

  useEffect(() => queue.onEvent((event) => {
    const { t: translate, language: current, districtId: shownDistrict, findFacility: find, onAnnounce: announce } = latest.current;
    const report = event.item.report;
    const facility = report.facilityId !== null && report.districtId === shownDistrict ? find(report.facilityId) : null;
    const title = itemTitle(translate, current, event.item, facility);
    announce(event.kind === 'sent' ? translate('reportQueueAnnounceSent', { title }) : translate('reportQueueAnnounceFailed', { title }));
  }), [queue]);

  if (items.length === 0) return null;
  return (
    <section className="report-queue" aria-labelledby="report-queue-heading">
      <h2 id="report-queue-heading" className="section-heading">{t('reportQueueHeading', { count: unsentCount(items) })}</h2>
      <ul className="plain-list">
        {items.map((item) => {
          const sameDistrict = item.report.districtId === districtId;
          const facility = sameDistrict && item.report.facilityId !== null ? findFacility(item.report.facilityId) : null;
          return (
            <QueueItem
              key={item.key} t={t} language={language} item={item} facility={facility} online={online} canOpen={sameDistrict}
              queue={queue} onOpenInForm={onOpenInForm} onAnnounce={onAnnounce}
            />
          );
        })}
      </ul>
    </section>
  );
}
