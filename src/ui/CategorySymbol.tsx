// A small SVG of a category's map symbol, for the legend and the list, so the shapes and colours
// people see on the map are explained next to the words. Decorative: the text beside it names it.
import type { FacilityCategory, FacilityStatus } from '../domain/facilities/model.ts';
import { CATEGORY_SYMBOLS } from '../map/layers/symbols.ts';

interface Props { category: FacilityCategory; status?: FacilityStatus; size?: number }

export function CategorySymbol({ category, status = 'working', size = 22 }: Props) {
  const { color } = CATEGORY_SYMBOLS[category];
  const outline = '#1B1B1B';
  const dash = status === 'unknown' ? '3 2' : undefined;
  let shape;
  if (category === 'ramp') shape = <polygon points="12,3 21,20 3,20" fill={color} stroke={outline} strokeWidth="2" strokeDasharray={dash} />;
  else if (category === 'toilet') shape = (
    <g>
      <rect x="3" y="3" width="18" height="18" fill={color} stroke={outline} strokeWidth="2" strokeDasharray={dash} />
      <text x="12" y="16" textAnchor="middle" fontSize="8" fontWeight="700" fontFamily="sans-serif" fill={outline}>WC</text>
    </g>
  );
  else if (category === 'elevator') shape = (
    <g>
      <rect x="3" y="3" width="18" height="18" rx="5" fill={color} stroke={outline} strokeWidth="2" strokeDasharray={dash} />
      <path d="M9 10 l3 -4 l3 4 z M9 14 l3 4 l3 -4 z" fill="#ffffff" />
    </g>
  );
  else shape = (
    <g>
      <line x1="2" y1="12" x2="22" y2="12" stroke={outline} strokeWidth="7" strokeLinecap="round" strokeDasharray={status === 'working' ? undefined : '4 3'} />
      <line x1="2" y1="12" x2="22" y2="12" stroke={color} strokeWidth="4" strokeLinecap="round" strokeDasharray="0.1 4.5" />
    </g>
  );
  return (
    <svg className="category-symbol" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="0" y="0" width="24" height="24" rx="3" fill="#ffffff" />
      {shape}
      {status === 'out_of_service' ? <line x1="3" y1="21" x2="21" y2="3" stroke={outline} strokeWidth="3" /> : null}
      {status === 'unknown' && category !== 'tactile_paving' ? <circle cx="19" cy="5" r="4.5" fill="#ffffff" stroke={outline} strokeWidth="1.5" /> : null}
    </svg>
  );
}
