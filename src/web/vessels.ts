/** Vessel categories from AIS ship type codes, their colours and the heading icons drawn for them. */

/** Category names in icon order. */
export const CATEGORIES = ['cargo', 'tanker', 'passenger', 'fishing', 'tug', 'hsc', 'special', 'pleasure', 'military', 'other'] as const;
export type Category = typeof CATEGORIES[number];

/** Saturated colours that stand out from the basemap in both themes. */
export const COLORS: Record<Category, string> = {
  cargo: '#2f9e44', tanker: '#e03131', passenger: '#1c7ed6', fishing: '#f08c00', tug: '#9c36b5',
  hsc: '#0ca678', special: '#e8590c', pleasure: '#d6336c', military: '#495057', other: '#7048e8',
};

/** The category of an AIS ship type code (ITU-R M.1371 table 53). */
export function categoryOf(shipType: number | undefined): Category {
  if (shipType === undefined) return 'other';
  if (shipType === 30) return 'fishing';
  if (shipType === 31 || shipType === 32 || shipType === 52) return 'tug';
  if (shipType === 35) return 'military';
  if (shipType === 36 || shipType === 37) return 'pleasure';
  if (shipType >= 40 && shipType <= 49) return 'hsc';
  if (shipType >= 50 && shipType <= 59) return 'special';
  if (shipType >= 60 && shipType <= 69) return 'passenger';
  if (shipType >= 70 && shipType <= 79) return 'cargo';
  if (shipType >= 80 && shipType <= 89) return 'tanker';
  return 'other';
}

/** Human-readable navigational status (AIS codes 0–15). */
export const NAV_STATUS = ['under way using engine', 'at anchor', 'not under command', 'restricted manoeuvrability', 'constrained by draught',
  'moored', 'aground', 'engaged in fishing', 'under way sailing', 'reserved (HSC)', 'reserved (WIG)', 'towing astern', 'pushing ahead',
  'reserved', 'AIS-SART active', 'undefined'];
