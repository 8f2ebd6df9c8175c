// The fault report form, after the GOV.UK Design System's patterns: one question per fieldset with
// its legend, errors checked on submit by the reports core (validateNewReport) and shown twice (an
// error summary at the top that takes focus, each entry a link to its field, and an inline message
// tied to the field with aria-describedby and aria-invalid), a character count, and a draft that
// survives a reload. https://design-system.service.gov.uk/components/error-summary/ and /error-message/
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Facility, LngLat } from '../../domain/facilities/model.ts';
import {
  MAX_DESCRIPTION_LENGTH, MAX_PHOTOS_PER_REPORT, PHOTO_MEDIA_TYPES, REPORT_CATEGORIES, categoryDetails, gradeMeasurement, measurementKindsOf,
  reportCategoriesForFacility, validateNewReport, type FieldError, type LocalizedText, type ReportCategory, type Severity,
} from '../../domain/reports/index.ts';
import type { LoadedDistrict } from '../../api/district-client.ts';
import { createTranslate, type Language, type Translate } from '../../i18n/index.ts';
import { parseLngLatText } from '../../state/url-state.ts';
import { facilityName } from '../../app/describe.ts';
import type { ReportQueueController } from '../report-queue/queue-controller.ts';
import type { ReportStore } from '../report-queue/report-store.ts';
import {
  descriptionLength, newDraft, offeredFaults, questionOf, shownOutOfService, validationInput, chosenFault,
  type DraftPhoto, type DraftTarget, type QuestionName, type ReportFormDraft,
} from './draft.ts';
import { clearDraft, deleteDraftPhoto, loadDraft, loadDraftPhotos, newIdempotencyKey, putDraftPhoto, saveDraft } from './draft-storage.ts';
import { checkChosenFiles } from './photo-rules.ts';
import { reencodePhoto } from './reencode-photo.ts';
import { coordinatesText, followReportHref, severityWords } from '../report-page/report-words.ts';

export interface ChosenPlace {
  position: LngLat;
  label: string;
}

interface Props {
  t: Translate;
  language: Language;
  district: LoadedDistrict;
  target: DraftTarget;
  /** The facility reported on (target kind "facility"), or null. */
  facility: Facility | null;
  queue: ReportQueueController;
  store: Promise<ReportStore>;
  /** Resolves with the user's position, or null when it cannot be had (the caller says why). */
  locate(): Promise<LngLat | null>;
  mapCentre(): LngLat | null;
  /** The facility last opened or the place last chosen in search: offered as the position. */
  chosenPlace: ChosenPlace | null;
  onAnnounce(message: string): void;
  onClose(): void;
}

type Phase =
  | { kind: 'editing' }
  | { kind: 'sending' }
  | { kind: 'confirmed'; reportId: string; photosProblem: LocalizedText | null }
  | { kind: 'queued'; reason: LocalizedText | null };

interface ShownErrors {
  errors: FieldError[];
  measurementNames: string[];
  serial: number;
}

/** The order questions appear in the form, which is the order of the error summary. */
const QUESTION_ORDER = ['location', 'category', 'faultCode', 'severity', 'permanence', 'expectedFixDate', 'outOfService', 'description', 'measurement', 'photos'];
const orderOf = (question: QuestionName | null): number => (question === null ? -1 : QUESTION_ORDER.indexOf(question.startsWith('measurement:') ? 'measurement' : question));

const SEVERITIES: readonly Severity[] = [1, 2, 3];
const PHOTO_ACCEPT = PHOTO_MEDIA_TYPES.join(',');
const newPhotoId = (): string => newIdempotencyKey().replaceAll('-', '').slice(0, 16);

function ErrorText({ id, messages, t }: { id: string; messages: readonly string[]; t: Translate }) {
  if (messages.length === 0) return null;
  return (
    <p id={id} className="error-message">
      <span className="visually-hidden">{t('reportErrorPrefix')}</span>
      {messages.join(' ')}
    </p>
  );
}

/** One question answered with radios: a fieldset with a legend, an optional hint and its error. */
function RadioQuestion<Value extends string | number>({ t, id, legend, hint, options, value, errors, onChange }: {
  t: Translate;
  id: string;
  legend: string;
  hint?: ReactNode;
  options: readonly { value: Value; label: string }[];
  value: Value | null;
  errors: readonly string[];
  onChange(value: Value): void;
}) {
  const describedBy = [hint ? `${id}-hint` : null, errors.length > 0 ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errors.length > 0 ? ' field-error' : ''}`}>
      <fieldset id={id} aria-describedby={describedBy}>
        <legend className="report-legend">{legend}</legend>
        {hint ? <div id={`${id}-hint`} className="hint">{hint}</div> : null}
        <ErrorText id={`${id}-error`} messages={errors} t={t} />
        {options.map((option) => (
          <label key={String(option.value)} className="radio">
            <input
              type="radio"
              id={`${id}-${option.value}`}
              name={id}
              value={String(option.value)}
              checked={value === option.value}
              aria-invalid={errors.length > 0 ? true : undefined}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}

export function ReportForm(props: Props) {
  const { t, language, district, target, facility, queue, store, onAnnounce } = props;
  const districtId = district.manifest.id;
  const categories: readonly ReportCategory[] = useMemo(
    () => (facility ? reportCategoriesForFacility(facility) : REPORT_CATEGORIES.filter((category) => offeredFaults(category, target).length > 0)),
    [facility, target],
  );
  const [initial] = useState(() => {
    const stored = loadDraft(districtId, target);
    return { draft: stored ?? newDraft(districtId, target, newIdempotencyKey(), categories.length === 1 ? categories[0] ?? null : null), restored: stored?.savedAt ?? null };
  });
  const [draft, setDraft] = useState<ReportFormDraft>(initial.draft);
  const [restoredAt, setRestoredAt] = useState<string | null>(initial.restored);
  const [touched, setTouched] = useState(false);
  const [shown, setShown] = useState<ShownErrors | null>(null);
  const [photoProblems, setPhotoProblems] = useState<LocalizedText[]>([]);
  const [photoUrls, setPhotoUrls] = useState<ReadonlyMap<string, string>>(new Map());
  const [preparingPhotos, setPreparingPhotos] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const resultHeadingRef = useRef<HTMLHeadingElement>(null);
  const discardQuestionRef = useRef<HTMLParagraphElement>(null);
  const photoInputRef = useRef<HTMLInputElement>(null);
  const discardButtonRef = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const facilityWords = facility ? facilityName(t, language, facility).text : null;

  useEffect(() => { headingRef.current?.focus(); }, []);

  // Every change is saved as it happens; opening the form and closing it untouched saves nothing.
  useEffect(() => {
    if (touched && phase.kind === 'editing') saveDraft(draft);
  }, [draft, touched, phase.kind]);

  // The draft's photos come back from IndexedDB as previews.
  useEffect(() => {
    let cancelled = false;
    const created: string[] = [];
    void loadDraftPhotos(initial.draft, store).then((blobs) => {
      if (cancelled) return;
      const urls = new Map<string, string>();
      for (const [id, blob] of blobs) {
        const url = URL.createObjectURL(blob);
        created.push(url);
        urls.set(id, url);
      }
      setPhotoUrls((current) => new Map([...urls, ...current]));
      // A stored photo whose bytes are gone cannot be sent: the draft forgets it rather than promise it.
      const missing = new Set(initial.draft.photos.filter((photo) => !blobs.has(photo.id)).map((photo) => photo.id));
      if (missing.size > 0) setDraft((current) => ({ ...current, photos: current.photos.filter((photo) => !missing.has(photo.id)) }));
    });
    return () => {
      cancelled = true;
      for (const url of created) URL.revokeObjectURL(url);
    };
  }, [initial.draft, store]);

  useEffect(() => {
    if (shown) summaryRef.current?.focus();
  }, [shown]);

  useEffect(() => {
    if (phase.kind === 'confirmed' || phase.kind === 'queued') resultHeadingRef.current?.focus();
  }, [phase.kind]);

  useEffect(() => {
    if (confirmingDiscard) discardQuestionRef.current?.focus();
  }, [confirmingDiscard]);

  // GOV.UK: the page title starts with "Error:" while errors are shown.
  useEffect(() => {
    if (!shown || shown.errors.length === 0) return undefined;
    const prefix = t('reportErrorPrefix');
    if (!document.title.startsWith(prefix)) document.title = `${prefix}${document.title}`;
    return () => {
      if (document.title.startsWith(prefix)) document.title = document.title.slice(prefix.length);
    };
  }, [shown, t]);

  const update = (change: (current: ReportFormDraft) => ReportFormDraft): void => {
    setDraft(change);
    setTouched(true);
  };

  const faults = draft.category ? offeredFaults(draft.category, target) : [];
  const kinds = draft.category ? measurementKindsOf(draft.category) : [];
  const fault = chosenFault(draft);

  const errorsFor = (question: QuestionName): string[] => (shown?.errors ?? [])
    .filter((error) => questionOf(error.field, shown?.measurementNames ?? []) === question)
    .map((error) => error.message[language]);

  const controlId = (question: QuestionName): string => {
    if (question.startsWith('measurement:')) return `report-measurement-${question.slice('measurement:'.length)}`;
    switch (question) {
      case 'location': return 'report-location';
      case 'category': return `report-category-${draft.category ?? categories[0] ?? ''}`;
      case 'faultCode': return draft.category && faults[0] ? `report-fault-${draft.faultCode ?? faults[0].id}` : `report-category-${categories[0] ?? ''}`;
      case 'severity': return `report-severity-${draft.severity ?? 1}`;
      case 'permanence': return `report-permanence-${draft.permanence ?? 'temporary'}`;
      case 'expectedFixDate': return 'report-fix-date';
      case 'outOfService': return 'report-out-of-service';
      case 'description': return 'report-description';
      default: return 'report-photos';
    }
  };

  const summaryItems = (shown?.errors ?? [])
    .map((error) => ({ error, question: questionOf(error.field, shown?.measurementNames ?? []) }))
    .toSorted((first, second) => orderOf(first.question) - orderOf(second.question));

  const validationContext = () => ({
    now: new Date(),
    districts: [{ id: districtId, bbox: district.manifest.bbox }],
    findFacility: (wanted: string, facilityId: string) => (wanted === districtId ? district.facilities.find((candidate) => candidate.id === facilityId) ?? null : null),
  });

  const showErrors = (errors: FieldError[], measurementNames: string[]): void => {
    setShown((current) => ({ errors, measurementNames, serial: (current?.serial ?? 0) + 1 }));
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (phase.kind !== 'editing' || preparingPhotos) return;
    setPhotoProblems([]);
    const input = validationInput(draft);
    const validation = validateNewReport(input.body, validationContext());
    if (!validation.ok) {
      showErrors(validation.errors, input.measurementNames);
      return;
    }
    setPhase({ kind: 'sending' });
    onAnnounce(t('reportSending'));
    let after;
    try {
      const blobs = await loadDraftPhotos(draft, store);
      const photos = draft.photos.flatMap((photo) => {
        const blob = blobs.get(photo.id);
        return blob ? [{ photo: { mediaType: photo.mediaType, byteLength: blob.size }, blob }] : [];
      });
      after = await queue.submit({ key: draft.idempotencyKey, report: validation.draft, form: draft, photos });
    } catch (error) {
      // The device's storage failed before anything was sent: the draft is still here to try again.
      const detail = (error as Error).message;
      setPhase({ kind: 'editing' });
      showErrors([{ field: '', code: 'storage_failed', message: { zh: `无法在本设备上保存报告：${detail}`, en: `The report could not be saved on this device: ${detail}` } }], input.measurementNames);
      return;
    }
    if (after.state === 'failed' && after.reportId === null) {
      // Refused outright: nothing was filed; the reporter corrects the form and sends it again.
      const failure = after.failure;
      setPhase({ kind: 'editing' });
      showErrors(failure && failure.fieldErrors.length > 0 ? failure.fieldErrors : [{ field: '', code: failure?.code ?? 'refused', message: failure?.message ?? { zh: '', en: '' } }], input.measurementNames);
      return;
    }
    await clearDraft(draft, store);
    setShown(null);
    if (after.reportId !== null) {
      const photosProblem = after.state === 'sent' ? null : after.failure?.message ?? null;
      setPhase({ kind: 'confirmed', reportId: after.reportId, photosProblem });
      onAnnounce(t('reportAnnounceSent'));
    } else {
      setPhase({ kind: 'queued', reason: after.failure?.message ?? null });
      onAnnounce(t('reportAnnounceQueued'));
    }
  };

  const addPhotos = async (files: File[]): Promise<void> => {
    if (files.length === 0) return;
    const check = checkChosenFiles(draft.photos.length, files.map((file) => ({ type: file.type, size: file.size })));
    const problems: LocalizedText[] = check.errors.map((error) => error.message);
    setPreparingPhotos(true);
    const added: DraftPhoto[] = [];
    const urls = new Map<string, string>();
    for (const index of check.accepted) {
      const file = files[index];
      if (!file) continue;
      const number = draft.photos.length + added.length + 1;
      try {
        const reencoded = await reencodePhoto(file);
        const id = newPhotoId();
        await putDraftPhoto(draft, id, reencoded.blob, store);
        urls.set(id, URL.createObjectURL(reencoded.blob));
        added.push({ id, mediaType: 'image/jpeg', byteLength: reencoded.blob.size, width: reencoded.width, height: reencoded.height });
      } catch {
        problems.push({ zh: createTranslate('zh')('reportPhotoUnreadable', { number }), en: createTranslate('en')('reportPhotoUnreadable', { number }) });
      }
    }
    setPreparingPhotos(false);
    setPhotoUrls((current) => new Map([...current, ...urls]));
    if (added.length > 0) update((current) => ({ ...current, photos: [...current.photos, ...added].slice(0, MAX_PHOTOS_PER_REPORT) }));
    setPhotoProblems(problems);
    const said = [added.length > 0 ? t('reportPhotosAdded', { count: added.length }) : '', ...problems.map((problem) => problem[language])].filter(Boolean);
    if (said.length > 0) onAnnounce(said.join(' '));
  };

  const removePhoto = (photo: DraftPhoto, number: number): void => {
    void deleteDraftPhoto(draft, photo.id, store).catch(() => undefined);
    const url = photoUrls.get(photo.id);
    if (url) URL.revokeObjectURL(url);
    setPhotoUrls((current) => new Map([...current].filter(([id]) => id !== photo.id)));
    update((current) => ({ ...current, photos: current.photos.filter((candidate) => candidate.id !== photo.id) }));
    onAnnounce(t('reportPhotoRemoved', { number }));
    requestAnimationFrame(() => photoInputRef.current?.focus());
  };

  const discard = async (): Promise<void> => {
    await clearDraft(draft, store);
    for (const url of photoUrls.values()) URL.revokeObjectURL(url);
    setPhotoUrls(new Map());
    setDraft(newDraft(districtId, target, newIdempotencyKey(), categories.length === 1 ? categories[0] ?? null : null));
    setTouched(false);
    setShown(null);
    setPhotoProblems([]);
    setRestoredAt(null);
    setConfirmingDiscard(false);
    onAnnounce(t('reportDiscarded'));
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const chooseLocation = (position: LngLat, words: string): void => {
    update((current) => ({ ...current, location: position, locationLabel: words, locationText: coordinatesText(position) }));
    onAnnounce(t('reportLocationSet', { place: words }));
  };

  const heading = facilityWords ? t('reportHeadingFacility', { name: facilityWords }) : t('reportHeadingPoint');

  if (phase.kind === 'confirmed' || phase.kind === 'queued') {
    return (
      <section className="report-form" aria-labelledby={`${headingId}-result`}>
        {phase.kind === 'confirmed' ? (
          <>
            <div className="confirmation-panel">
              <h2 id={`${headingId}-result`} ref={resultHeadingRef} tabIndex={-1}>{t('reportConfirmationHeading')}</h2>
              <p className="confirmation-reference">{t('reportConfirmationNumber', { id: phase.reportId })}</p>
            </div>
            {phase.photosProblem ? <p className="error-text report-photos-problem">{t('reportPhotosNotSent', { detail: phase.photosProblem[language] })}</p> : null}
            <p>
              {t('reportConfirmationFollow')}{' '}
              <a className="report-follow-link" href={followReportHref(phase.reportId, language)}>{t('reportConfirmationFollowLink')}</a>
            </p>
            <p>{t('reportConfirmationNext')}</p>
          </>
        ) : (
          <>
            <div className="confirmation-panel queued">
              <h2 id={`${headingId}-result`} ref={resultHeadingRef} tabIndex={-1}>{t('reportQueuedHeading')}</h2>
            </div>
            <p>{t('reportQueuedBody')}</p>
            <p className="hint">{t('reportQueuedReason', { detail: phase.reason ? phase.reason[language] : t('reportOffline') })}</p>
          </>
        )}
        <div className="button-row">
          <button type="button" className="button" onClick={props.onClose}>{t('reportClose')}</button>
        </div>
      </section>
    );
  }

  const remaining = MAX_DESCRIPTION_LENGTH - descriptionLength(draft.description);
  const countWords = remaining >= 0 ? t('reportCharactersLeft', { count: remaining }) : t('reportCharactersOver', { count: -remaining });
  const describedBy = (question: QuestionName, id: string, ...extra: (string | null)[]): string | undefined =>
    [...extra, errorsFor(question).length > 0 ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const invalid = (question: QuestionName): true | undefined => (errorsFor(question).length > 0 ? true : undefined);
  const photoErrorTexts = [...errorsFor('photos'), ...photoProblems.map((problem) => problem[language])];

  return (
    // Escape closes the form (the draft stays saved), as it closes the details panel.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <section
      className="report-form"
      aria-labelledby={`${headingId}-heading`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !(event.target instanceof HTMLSelectElement)) {
          event.preventDefault();
          props.onClose();
        }
      }}
    >
      <div className="details-header">
        <h2 id={`${headingId}-heading`} ref={headingRef} tabIndex={-1}>{heading}</h2>
        <button type="button" className="button secondary" onClick={props.onClose}>{t('reportClose')}</button>
      </div>

      {shown && shown.errors.length > 0 ? (
        <div className="error-summary" ref={summaryRef} tabIndex={-1} role="alert" aria-labelledby={`${headingId}-errors`}>
          <h3 id={`${headingId}-errors`}>{t('errorSummaryTitle')}</h3>
          <ul>
            {summaryItems.map(({ error, question }, index) => {
              const text = error.message[language];
              if (question === null) return <li key={index}>{text}</li>;
              const id = controlId(question);
              return (
                <li key={index}>
                  <a
                    href={`#${id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      const element = document.getElementById(id);
                      // GOV.UK: bring the question's label or legend into view, not just the control.
                      element?.closest('.field')?.scrollIntoView({ block: 'start' });
                      element?.focus({ preventScroll: true });
                    }}
                  >{text}</a>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}

      {restoredAt ? <p className="report-restored">{t('reportDraftRestored', { time: new Date(restoredAt).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB') })}</p> : null}
      <p className="hint">{t('reportDraftNote')}</p>

      <form noValidate onSubmit={(event) => { void submit(event); }}>
        {target.kind === 'point' ? (
          <div className={`field${errorsFor('location').length > 0 ? ' field-error' : ''}`}>
            <fieldset aria-describedby={`report-location-fieldset-hint${errorsFor('location').length > 0 ? ' report-location-error' : ''}`}>
              <legend className="report-legend">{t('reportLocationLegend')}</legend>
              <p id="report-location-fieldset-hint" className="hint">{t('reportLocationHint')}</p>
              <ErrorText id="report-location-error" messages={errorsFor('location')} t={t} />
              <label htmlFor="report-location" className="field-label">{t('reportLocationLabel')}</label>
              <input
                id="report-location"
                className="text-input"
                type="text"
                inputMode="decimal"
                autoComplete="off"
                spellCheck={false}
                value={draft.locationText}
                aria-describedby={describedBy('location', 'report-location', draft.location ? 'report-location-chosen' : null)}
                aria-invalid={invalid('location')}
                onChange={(event) => {
                  const typed = event.target.value;
                  const position = parseLngLatText(typed);
                  update((current) => ({
                    ...current, locationText: typed, location: position, locationLabel: position ? coordinatesText(position) : '',
                  }));
                }}
              />
              {draft.location ? <p id="report-location-chosen" className="hint">{t('reportLocationChosen', { place: draft.locationLabel })}</p> : null}
              <div className="button-row">
                <button type="button" className="button secondary" onClick={() => {
                  const centre = props.mapCentre();
                  if (centre) chooseLocation(centre, t('reportMapCentreWords'));
                }}>{t('reportUseMapCentre')}</button>
                <button type="button" className="button secondary" onClick={() => {
                  void props.locate().then((position) => { if (position) chooseLocation(position, t('reportMyLocationWords')); });
                }}>{t('reportUseMyLocation')}</button>
                {props.chosenPlace ? (
                  <button type="button" className="button secondary" onClick={() => {
                    if (props.chosenPlace) chooseLocation(props.chosenPlace.position, props.chosenPlace.label);
                  }}>{t('reportUseChosen', { place: props.chosenPlace.label })}</button>
                ) : null}
              </div>
            </fieldset>
          </div>
        ) : (
          <p className="hint">{t('reportFacilityLocation', { name: facilityWords ?? '' })}</p>
        )}

        <RadioQuestion
          t={t}
          id="report-category"
          legend={t('reportCategoryLegend')}
          options={categories.map((category) => ({ value: category, label: categoryDetails(category).label[language] }))}
          value={draft.category}
          errors={errorsFor('category')}
          onChange={(category) => update((current) => ({
            ...current,
            category,
            faultCode: current.category === category ? current.faultCode : null,
            outOfService: current.category === category ? current.outOfService : null,
          }))}
        />

        {draft.category ? (
          <RadioQuestion
            t={t}
            id="report-fault"
            legend={t('reportFaultLegend')}
            options={faults.map((code) => ({ value: code.id, label: code.label[language] }))}
            value={draft.faultCode}
            errors={errorsFor('faultCode')}
            onChange={(faultCode) => update((current) => ({ ...current, faultCode, outOfService: null }))}
          />
        ) : (
          <div className={`field${errorsFor('faultCode').length > 0 ? ' field-error' : ''}`}>
            <fieldset id="report-fault" aria-describedby={`report-fault-hint${errorsFor('faultCode').length > 0 ? ' report-fault-error' : ''}`}>
              <legend className="report-legend">{t('reportFaultLegend')}</legend>
              <p id="report-fault-hint" className="hint">{t('reportFaultChooseCategoryFirst')}</p>
              <ErrorText id="report-fault-error" messages={errorsFor('faultCode')} t={t} />
            </fieldset>
          </div>
        )}

        <RadioQuestion
          t={t}
          id="report-severity"
          legend={t('reportSeverityLegend')}
          options={SEVERITIES.map((severity) => ({ value: severity, label: severityWords(t, severity) }))}
          value={draft.severity}
          errors={errorsFor('severity')}
          onChange={(severity) => update((current) => ({ ...current, severity }))}
        />

        <RadioQuestion
          t={t}
          id="report-permanence"
          legend={t('reportPermanenceLegend')}
          options={[
            { value: 'temporary' as const, label: t('reportPermanenceTemporary') },
            { value: 'permanent' as const, label: t('reportPermanencePermanent') },
          ]}
          value={draft.permanence}
          errors={errorsFor('permanence')}
          onChange={(permanence) => update((current) => ({ ...current, permanence }))}
        />

        <div className={`field${errorsFor('expectedFixDate').length > 0 ? ' field-error' : ''}`}>
          <label htmlFor="report-fix-date" className="field-label">{t('reportFixDateLabel')}</label>
          <p id="report-fix-date-hint" className="hint">{t('reportFixDateHint')}</p>
          <ErrorText id="report-fix-date-error" messages={errorsFor('expectedFixDate')} t={t} />
          <input
            id="report-fix-date"
            className="text-input date-input"
            type="date"
            value={draft.expectedFixDate}
            aria-describedby={describedBy('expectedFixDate', 'report-fix-date', 'report-fix-date-hint')}
            aria-invalid={invalid('expectedFixDate')}
            onChange={(event) => { const value = event.target.value; update((current) => ({ ...current, expectedFixDate: value })); }}
          />
        </div>

        <div className={`field${errorsFor('outOfService').length > 0 ? ' field-error' : ''}`}>
          <ErrorText id="report-out-of-service-error" messages={errorsFor('outOfService')} t={t} />
          <label className="checkbox">
            <input
              id="report-out-of-service"
              type="checkbox"
              checked={shownOutOfService(draft)}
              aria-describedby={describedBy('outOfService', 'report-out-of-service', 'report-out-of-service-hint')}
              aria-invalid={invalid('outOfService')}
              onChange={(event) => { const checked = event.target.checked; update((current) => ({ ...current, outOfService: checked })); }}
            />
            <span>{t('reportOutOfServiceLabel')}</span>
          </label>
          <p id="report-out-of-service-hint" className="hint">
            {t('reportOutOfServiceHint')}{fault?.outOfServiceByDefault && draft.outOfService === null ? ` ${t('reportOutOfServiceDefault')}` : ''}
          </p>
        </div>

        <div className={`field${errorsFor('description').length > 0 ? ' field-error' : ''}`}>
          <label htmlFor="report-description" className="field-label">{t('reportDescriptionLabel')}</label>
          <p id="report-description-hint" className="hint">{t('reportDescriptionHint')}</p>
          <ErrorText id="report-description-error" messages={errorsFor('description')} t={t} />
          <textarea
            id="report-description"
            className="text-input report-textarea"
            rows={5}
            value={draft.description}
            aria-describedby={describedBy('description', 'report-description', 'report-description-hint', 'report-description-count')}
            aria-invalid={invalid('description')}
            onChange={(event) => {
              const value = event.target.value;
              update((current) => ({ ...current, description: value }));
              const left = MAX_DESCRIPTION_LENGTH - descriptionLength(value);
              onAnnounce(left >= 0 ? t('reportCharactersLeft', { count: left }) : t('reportCharactersOver', { count: -left }));
            }}
          />
          <p id="report-description-count" className={`hint character-count${remaining < 0 ? ' error-message' : ''}`}>{countWords}</p>
        </div>

        {draft.category && kinds.length > 0 ? (
          <fieldset className="field report-measurements" aria-describedby="report-measurements-hint">
            <legend className="report-legend">{t('reportMeasurementsLegend')}</legend>
            <p id="report-measurements-hint" className="hint">{t('reportMeasurementsHint')}</p>
            {kinds.map((kind) => {
              const id = `report-measurement-${kind.name}`;
              const question: QuestionName = `measurement:${kind.name}`;
              const typed = draft.measurements[kind.name] ?? '';
              const value = typed.trim() === '' ? Number.NaN : Number(typed.trim());
              const grade = Number.isFinite(value) && draft.category ? gradeMeasurement(draft.category, { name: kind.name, value, unit: kind.unit }, facility) : null;
              const gradeText = grade === null ? null : grade.grade === 'ungraded' || grade.limit === null || grade.clause === null
                ? t('reportGradeUngraded')
                : t(grade.grade === 'meets' ? 'reportGradeMeets' : 'reportGradeFails', {
                  clause: grade.clause, limit: `${grade.comparison === 'at_most' ? '≤' : '≥'} ${grade.limit} ${kind.unit}`,
                });
              return (
                <div key={kind.name} className={`field${errorsFor(question).length > 0 ? ' field-error' : ''}`}>
                  <label htmlFor={id} className="field-label">{t('reportMeasurementLabel', { name: kind.label[language], unit: kind.unit })}</label>
                  <ErrorText id={`${id}-error`} messages={errorsFor(question)} t={t} />
                  <input
                    id={id}
                    className="text-input narrow"
                    type="text"
                    inputMode="decimal"
                    autoComplete="off"
                    value={typed}
                    aria-describedby={describedBy(question, id, gradeText ? `${id}-grade` : null)}
                    aria-invalid={invalid(question)}
                    onChange={(event) => {
                      const text = event.target.value;
                      update((current) => ({ ...current, measurements: { ...current.measurements, [kind.name]: text } }));
                    }}
                  />
                  {gradeText ? <p id={`${id}-grade`} className={`hint${grade?.grade === 'fails' ? ' grade-fails' : ''}`}>{gradeText}</p> : null}
                </div>
              );
            })}
          </fieldset>
        ) : null}

        <div className={`field${photoErrorTexts.length > 0 ? ' field-error' : ''}`}>
          <label htmlFor="report-photos" className="field-label">{t('reportPhotosLabel')}</label>
          <p id="report-photos-hint" className="hint">{t('reportPhotosHint')}</p>
          <ErrorText id="report-photos-error" messages={photoErrorTexts} t={t} />
          <input
            id="report-photos"
            ref={photoInputRef}
            className="file-input"
            type="file"
            accept={PHOTO_ACCEPT}
            multiple
            disabled={draft.photos.length >= MAX_PHOTOS_PER_REPORT}
            aria-describedby={['report-photos-hint', photoErrorTexts.length > 0 ? 'report-photos-error' : null].filter(Boolean).join(' ')}
            aria-invalid={photoErrorTexts.length > 0 ? true : undefined}
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              void addPhotos(files);
            }}
          />
          {preparingPhotos ? <p className="hint">{t('reportPhotosPreparing')}</p> : null}
          {draft.photos.length > 0 ? (
            <ul className="report-photos plain-list">
              {draft.photos.map((photo, index) => {
                const url = photoUrls.get(photo.id);
                const number = index + 1;
                return (
                  <li key={photo.id} className="report-photo">
                    {url ? <img src={url} alt={t('reportPhotoAlt', { number, total: draft.photos.length })} width={photo.width} height={photo.height} /> : null}
                    <button type="button" className="button secondary" onClick={() => removePhoto(photo, number)}>
                      {t('reportPhotoRemove', { number })}
                    </button>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>

        <div className="button-row">
          <button type="submit" className="button" aria-disabled={phase.kind === 'sending' || preparingPhotos ? true : undefined}>
            {phase.kind === 'sending' ? t('reportSending') : t('reportSubmit')}
          </button>
          {touched || restoredAt ? (
            <button type="button" ref={discardButtonRef} className="button secondary" onClick={() => setConfirmingDiscard(true)} aria-expanded={confirmingDiscard}>
              {t('reportDiscard')}
            </button>
          ) : null}
        </div>
        {confirmingDiscard ? (
          <div className="report-confirm" role="group" aria-labelledby="report-discard-question">
            <p id="report-discard-question" ref={discardQuestionRef} tabIndex={-1}>{t('reportDiscardQuestion')}</p>
            <div className="button-row">
              <button type="button" className="button warning" onClick={() => { void discard(); }}>{t('reportDiscardConfirm')}</button>
              <button type="button" className="button secondary" onClick={() => {
                setConfirmingDiscard(false);
                requestAnimationFrame(() => discardButtonRef.current?.focus());
              }}>{t('reportDiscardCancel')}</button>
            </div>
          </div>
        ) : null}
      </form>
    </section>
  );
}
