import { useApi } from './api';
import { query } from './router';
import { ListePlies } from './schemas';

/** The PLIE of one OI (or of every OI): the catalogue filter, the AAP form's checkboxes. */
export function usePlies(oi?: string | null) {
  return useApi(oi === '' ? null : `/plies${query({ oi })}`, ListePlies);
}

export const lienPlie = (id: string): string => `/plies/${encodeURIComponent(id)}`;
