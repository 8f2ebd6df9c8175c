import { FACILITY_CATEGORIES, FACILITY_STATUSES, type FacilityCategory, type FacilityStatus } from '../../domain/facilities/model.ts';
import type { LayerLoad } from '../../api/district-client.ts';
import type { Translate } from '../../i18n/index.ts';
import { categoryWord, statusWord } from '../../app/describe.ts';
import { CategorySymbol } from '../../ui/CategorySymbol.tsx';

interface Props {
  t: Translate;
  categories: readonly FacilityCategory[];
  statuses: readonly FacilityStatus[];
  categoryCounts: Record<FacilityCategory, number>;
  statusCounts: Record<FacilityStatus, number>;
  layers: Partial<Record<FacilityCategory, LayerLoad>>;
  onCategoriesChange(categories: FacilityCategory[]): void;
  onStatusesChange(statuses: FacilityStatus[]): void;
}

function toggled<Member extends string>(all: readonly Member[], current: readonly Member[], member: Member, on: boolean): Member[] {
  return all.filter((candidate) => (candidate === member ? on : current.includes(candidate)));
}

export function LayerFilters({ t, categories, statuses, categoryCounts, statusCounts, layers, onCategoriesChange, onStatusesChange }: Props) {
  return (
    <section className="filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading" className="section-heading">{t('filtersHeading')}</h2>
      <fieldset>
        <legend>{t('layersLegend')}</legend>
        <ul className="checkbox-list">
          {FACILITY_CATEGORIES.map((category) => {
            const load = layers[category];
            const failed = load?.status === 'failed';
            const problemId = `layer-problem-${category}`;
            return (
              <li key={category}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={categories.includes(category)}
                    onChange={(event) => onCategoriesChange(toggled(FACILITY_CATEGORIES, categories, category, event.target.checked))}
                    aria-describedby={load && load.problems.length > 0 ? problemId : undefined}
                  />
                  <CategorySymbol category={category} />
                  <span>{categoryWord(t, category)}{t('layerCount', { count: categoryCounts[category] })}</span>
                </label>
                {failed && load ? (
                  <p id={problemId} className="layer-error" role="alert">
                    {t('layerFailed', { layer: categoryWord(t, category), detail: load.problems[0]?.detail ?? '' })}
                  </p>
                ) : load && load.problems.length > 0 ? (
                  <p id={problemId} className="layer-warning"><a href="#data-problems">{t('layerProblems', { count: load.problems.length })}</a></p>
                ) : null}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <fieldset>
        <legend>{t('statusLegend')}</legend>
        <ul className="checkbox-list">
          {FACILITY_STATUSES.map((status) => (
            <li key={status}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={statuses.includes(status)}
                  onChange={(event) => onStatusesChange(toggled(FACILITY_STATUSES, statuses, status, event.target.checked))}
                />
                <span className={`status-swatch status-${status}`} aria-hidden="true" />
                <span>{statusWord(t, status)}{t('layerCount', { count: statusCounts[status] })}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </section>
  );
}
