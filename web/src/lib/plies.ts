import { api, useApi } from './api';
import { query } from './router';
import { ListePlies, PlieSchema, type TContenuPlie, type TPlie } from './schemas';
import { useRessource } from './use-ressource';

/** The PLIE of one OI (or of every OI): the catalogue filter, the AAP form's checkboxes. */
export function usePlies(oi?: string | null) {
  return useApi(oi === '' ? null : `/plies${query({ oi })}`, ListePlies);
}

export const lienPlie = (id: string): string => `/plies/${encodeURIComponent(id)}`;
export const lienGestionPlie = (id: string): string => `/gestion/plies/${encodeURIComponent(id)}`;

/** One PLIE for its edit form: replaced after a save (the new version), reloaded after a conflict. */
export function usePlie(id: string) {
  const { donnee, ...r } = useRessource(id, async () => (await api(`/plies/${encodeURIComponent(id)}`, PlieSchema)).data);
  return { ...r, plie: donnee };
}

/**
 * Writes a PLIE of the signed-in user's OI: `versionLue` null creates it (409 PLIE_EXISTANT when the id is taken),
 * a number replaces the version read (409 VERSION_PERIMEE when someone saved since).
 */
export async function enregistrerPlie(id: string, contenu: TContenuPlie, versionLue: number | null): Promise<TPlie> {
  const headers: Record<string, string> = versionLue === null ? {} : { 'If-Match': `"${versionLue}"` };
  const { data } = await api(lienPlie(id), PlieSchema, { method: 'PUT', body: contenu, auth: true, headers });
  return data;
}
