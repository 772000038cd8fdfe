import { CSV_CONSOLIDATION } from '#shared/schemas/consolidation';

/** The CSV's header, as the import page shows it. */
export const FILIERE_CSV = CSV_CONSOLIDATION.join(';');
