// The transitions the server offers a signed-in account on a report's page, one button each, with
// one note field (and the unit or original report where a transition needs them). The server is the
// judge: a 422 (a note the core requires, an unknown unit) is shown at its field, a 409 means
// someone changed the report, so the page reloads it and says so.
import { useMemo, useRef, useState } from 'react';
import type { PublicReport } from '../../domain/reports/index.ts';
import type { Language } from '../../i18n/index.ts';
import { createStaffTranslate } from './messages.ts';
import { postTransition, type OfferedTransition, type StaffReportOutcome } from './staff-client.ts';

interface Props {
  language: Language;
  report: PublicReport;
  offered: readonly OfferedTransition[];
  csrfToken: string;
  /** The status in words, as the page shows it. */
  statusText(status: PublicReport['status']): string;
  onChanged(found: Extract<StaffReportOutcome, { kind: 'found' }>): void;
  onConflict(): void;
  onAnnounce(message: string): void;
}

type FieldName = 'note' | 'assignedUnitId' | 'duplicateOf';

export function ReportActions({ language, report, offered, csrfToken, statusText, onChanged, onConflict, onAnnounce }: Props) {
  const t = useMemo(() => createStaffTranslate(language), [language]);
  const [note, setNote] = useState('');
  const [unit, setUnit] = useState('');
  const [original, setOriginal] = useState('');
  const [sending, setSending] = useState(false);
  const [fieldError, setFieldError] = useState<{ field: FieldName; text: string } | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);

  if (offered.length === 0) return <p className="hint">{t('actionsNone')}</p>;
  const noteRequiredFor = offered.filter((entry) => entry.noteRequired).map((entry) => entry.label[language]);
  const wantsUnit = offered.some((entry) => entry.needsAssignedUnit);
  const wantsOriginal = offered.some((entry) => entry.needsDuplicateOf);

  const act = async (transition: OfferedTransition): Promise<void> => {
    if (sending) return;
    setSending(true);
    setFieldError(null);
    setMessage(null);
    const outcome = await postTransition(report.id, {
      to: transition.to,
      expectedVersion: report.version,
      note,
      ...(transition.needsAssignedUnit ? { assignedUnitId: unit.trim() } : {}),
      ...(transition.needsDuplicateOf ? { duplicateOf: original.trim() } : {}),
    }, csrfToken);
    setSending(false);
    if (outcome.kind === 'found') {
      setNote('');
      setUnit('');
      setOriginal('');
      onAnnounce(t('actionsDone', { status: statusText(outcome.report.status) }));
      onChanged(outcome);
      return;
    }
    if (outcome.kind === 'conflict') {
      setMessage({ text: t('actionsConflict', { message: outcome.message[language].replace(/[。.]$/u, '') }), error: true });
      onConflict();
      requestAnimationFrame(() => messageRef.current?.focus());
      return;
    }
    if (outcome.kind === 'invalid' && outcome.field) {
      const field = outcome.field;
      setFieldError({ field, text: outcome.message[language] });
      onAnnounce(outcome.message[language]);
      requestAnimationFrame(() => document.getElementById(`staff-${field}`)?.focus());
      return;
    }
    const text = outcome.kind === 'network' ? outcome.detail : outcome.message[language];
    setMessage({ text: t('actionsFailed', { message: text }), error: true });
    requestAnimationFrame(() => messageRef.current?.focus());
  };

  const errorFor = (field: FieldName) => (fieldError?.field === field ? fieldError.text : null);
  const describedBy = (field: FieldName, hintId: string) => [hintId, errorFor(field) ? `staff-${field}-error` : ''].filter(Boolean).join(' ');

  return (
    <section className="report-actions" aria-labelledby="report-actions-heading">
      <h3 id="report-actions-heading">{t('actionsHeading')}</h3>
      {message ? <p ref={messageRef} tabIndex={-1} className={message.error ? 'error-text report-actions-message' : 'report-actions-message'} role="alert">{message.text}</p> : null}
      <div className={`field${errorFor('note') ? ' field-error' : ''}`}>
        <label htmlFor="staff-note" className="field-label">{t('actionsNote')}</label>
        <p id="staff-note-hint" className="hint">
          {noteRequiredFor.length > 0 ? t('actionsNoteHint', { required: noteRequiredFor.join(language === 'zh' ? '、' : ', ') }) : t('actionsNoteOptional')}
        </p>
        {errorFor('note') ? <p id="staff-note-error" className="error-message">{errorFor('note')}</p> : null}
        <textarea
          id="staff-note"
          className="text-input"
          rows={3}
          value={note}
          aria-describedby={describedBy('note', 'staff-note-hint')}
          aria-invalid={errorFor('note') ? true : undefined}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      {wantsUnit ? (
        <div className={`field${errorFor('assignedUnitId') ? ' field-error' : ''}`}>
          <label htmlFor="staff-assignedUnitId" className="field-label">{t('actionsUnit')}</label>
          <p id="staff-assignedUnitId-hint" className="hint">{t('actionsUnitHint')}</p>
          {errorFor('assignedUnitId') ? <p id="staff-assignedUnitId-error" className="error-message">{errorFor('assignedUnitId')}</p> : null}
          <input
            id="staff-assignedUnitId"
            className="text-input"
            type="text"
            spellCheck={false}
            autoComplete="off"
            value={unit}
            aria-describedby={describedBy('assignedUnitId', 'staff-assignedUnitId-hint')}
            aria-invalid={errorFor('assignedUnitId') ? true : undefined}
            onChange={(event) => setUnit(event.target.value)}
          />
        </div>
      ) : null}
      {wantsOriginal ? (
        <div className={`field${errorFor('duplicateOf') ? ' field-error' : ''}`}>
          <label htmlFor="staff-duplicateOf" className="field-label">{t('actionsDuplicateOf')}</label>
          <p id="staff-duplicateOf-hint" className="hint">{t('actionsDuplicateOfHint')}</p>
          {errorFor('duplicateOf') ? <p id="staff-duplicateOf-error" className="error-message">{errorFor('duplicateOf')}</p> : null}
          <input
            id="staff-duplicateOf"
            className="text-input"
            type="text"
            spellCheck={false}
            autoComplete="off"
            value={original}
            aria-describedby={describedBy('duplicateOf', 'staff-duplicateOf-hint')}
            aria-invalid={errorFor('duplicateOf') ? true : undefined}
            onChange={(event) => setOriginal(event.target.value)}
          />
        </div>
      ) : null}
      <div className="button-row">
        {offered.map((entry) => (
          <button key={entry.to} type="button" className="button" data-transition={entry.to} aria-disabled={sending ? true : undefined} onClick={() => { void act(entry); }}>
            {entry.label[language]}
          </button>
        ))}
      </div>
      {sending ? <p className="hint" role="status">{t('actionsSending')}</p> : null}
    </section>
  );
}
