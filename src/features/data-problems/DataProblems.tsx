import type { DataProblem } from '../../domain/facilities/parse.ts';
import type { Translate } from '../../i18n/index.ts';

interface Props { t: Translate; problems: readonly DataProblem[] }

/** Every problem found while loading, with file and feature, so nothing is dropped silently. */
export function DataProblems({ t, problems }: Props) {
  if (problems.length === 0) return null;
  return (
    <section id="data-problems" className="data-problems" aria-labelledby="data-problems-heading" tabIndex={-1}>
      <h2 id="data-problems-heading" className="section-heading">{t('problemsHeading')} ({problems.length})</h2>
      <details>
        <summary>{t('problemsSummary', { count: problems.length })}</summary>
        <ul>
          {problems.map((problem, index) => (
            <li key={`${problem.file}-${index}`}>
              {t('problemLine', {
                file: problem.file,
                feature: problem.featureIndex === null ? t('problemWholeFile') : t('problemFeatureIndex', { index: problem.featureIndex, id: problem.featureId ?? '' }),
                detail: problem.detail,
              })}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
