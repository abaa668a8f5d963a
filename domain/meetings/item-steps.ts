import { countersignStep } from '../countersign-steps';

/** The steps of an agenda item (议题) and what can be done at each. */

/** Pre-coordination with the units concerned (000:51, 003:53), on the countersign mechanism of documents. */
export const AGENDA_COUNTERSIGN = countersignStep('agenda.countersign', '议题会签', 'Pre-coordination countersign');

export const AGENDA_ITEM_STEPS = [AGENDA_COUNTERSIGN] as const;
