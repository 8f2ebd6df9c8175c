// Staff sign-in, GOV.UK style (https://design-system.service.gov.uk/components/error-summary/):
// missing fields are caught here with inline errors; the server's answer to a wrong password (401)
// or too many attempts (429) goes in the error summary, which takes focus so a screen reader reads it.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { signIn, type CurrentSession } from '../../api/session-client.ts';
import type { Language } from '../../i18n/index.ts';
import { createStaffTranslate } from './messages.ts';
import { signInProblems, type SignInField } from './sign-in-problems.ts';

interface Props {
  language: Language;
  baseUrl: string;
  onSignedIn(session: CurrentSession): void;
  onClose(): void;
  onAnnounce(message: string): void;
}

type Problem = { field: SignInField | null; text: string };

export function SignInForm({ language, baseUrl, onSignedIn, onClose, onAnnounce }: Props) {
  const t = useMemo(() => createStaffTranslate(language), [language]);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [sending, setSending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => { headingRef.current?.focus(); }, []);
  useEffect(() => { if (attempt > 0) summaryRef.current?.focus(); }, [attempt]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (sending) return;
    const missing = signInProblems({ username, password }).map((field) => ({
      field, text: field === 'username' ? t('signInUsernameMissing') : t('signInPasswordMissing'),
    }));
    if (missing.length > 0) {
      setProblems(missing);
      setAttempt((count) => count + 1);
      return;
    }
    setSending(true);
    const outcome = await signIn(baseUrl, { username: username.trim(), password });
    setSending(false);
    if (outcome.kind === 'signed_in') {
      onAnnounce(t('signedIn', { name: outcome.session.user.displayName }));
      onSignedIn(outcome.session);
      return;
    }
    // A wrong password is not the username's fault or the password's alone: the summary says it, the password is cleared to type again.
    setPassword('');
    setProblems([{ field: null, text: outcome.kind === 'network' ? t('signInNetwork', { detail: outcome.detail }) : outcome.message[language] }]);
    setAttempt((count) => count + 1);
  };

  const errorFor = (field: SignInField): Problem | undefined => problems.find((problem) => problem.field === field);
  const field = (name: SignInField, label: string, value: string, setValue: (next: string) => void, type: string, autoComplete: string) => {
    const error = errorFor(name);
    const id = `staff-sign-in-${name}`;
    return (
      <div className={`field${error ? ' field-error' : ''}`}>
        <label htmlFor={id} className="field-label">{label}</label>
        {error ? <p id={`${id}-error`} className="error-message"><span className="visually-hidden">{t('errorSummaryTitle')}: </span>{error.text}</p> : null}
        <input
          id={id}
          className="text-input"
          type={type}
          autoComplete={autoComplete}
          spellCheck={false}
          autoCapitalize="none"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setValue(event.target.value)}
        />
      </div>
    );
  };

  return (
    // Escape closes the form, as it closes the other panels.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <section
      className="staff-sign-in"
      aria-labelledby="staff-sign-in-heading"
      lang={language === 'zh' ? 'zh-CN' : 'en'}
      onKeyDown={(event) => { if (event.key === 'Escape') { event.preventDefault(); onClose(); } }}
    >
      <div className="details-header">
        <h2 id="staff-sign-in-heading" ref={headingRef} tabIndex={-1}>{t('signInHeading')}</h2>
      </div>
      {problems.length > 0 ? (
        <div className="error-summary" ref={summaryRef} tabIndex={-1} role="alert" aria-labelledby="staff-sign-in-errors">
          <h3 id="staff-sign-in-errors">{t('errorSummaryTitle')}</h3>
          <ul>
            {problems.map((problem) => (
              <li key={problem.text}>
                {problem.field ? (
                  <a
                    href={`#staff-sign-in-${problem.field}`}
                    onClick={(event) => { event.preventDefault(); document.getElementById(`staff-sign-in-${problem.field ?? ''}`)?.focus(); }}
                  >{problem.text}</a>
                ) : problem.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="hint">{t('signInIntro')}</p>
      <form noValidate onSubmit={(event) => { void submit(event); }}>
        {field('username', t('signInUsername'), username, setUsername, 'text', 'username')}
        {field('password', t('signInPassword'), password, setPassword, 'password', 'current-password')}
        <div className="button-row">
          <button type="submit" className="button" aria-disabled={sending ? true : undefined}>{sending ? t('signInSending') : t('signInSubmit')}</button>
          <button type="button" className="button secondary" onClick={onClose}>{t('signInCancel')}</button>
        </div>
      </form>
    </section>
  );
}
