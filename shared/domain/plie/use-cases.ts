import type { Actor } from '../../auth/roles';
import { exiger } from '../../auth/politique';
import type { ContenuPlie, EntetePlie, Plie, ResumePlie } from '../../schemas/plie';
import { AccesRefuse, Conflit, Introuvable } from '../errors';

/** The port the PLIE use cases persist through (shared/repositories/plie-repository). */
export interface PlieStore {
  lire(id: string): Promise<Plie | null>;
  /** Every PLIE, or one OI's, by OI then id, without their texts (a projected read). */
  lister(oi?: string): Promise<EntetePlie[]>;
  /** One OI's PLIE, whole. */
  listerPourOi(oi: string): Promise<Plie[]>;
  /** Writes `plie` if the stored version is still `versionLue` (null: the id must be free), else Conflit. */
  ecrire(plie: Plie, versionLue: number | null): Promise<void>;
}

export interface ContextePlie {
  store: PlieStore;
  maintenant: Date;
}

const resume = (p: EntetePlie): ResumePlie => ({ id: p.id, oi: p.oi, nom: p.nom, siteWeb: p.siteWeb });

/** Every PLIE (or one OI's), for the catalogue's PLIE filter and the public PLIE pages. */
export async function lister(ctx: ContextePlie, oi?: string): Promise<ResumePlie[]> {
  return (await ctx.store.lister(oi)).map(resume);
}

export async function lire(ctx: ContextePlie, id: string): Promise<Plie> {
  const p = await ctx.store.lire(id);
  if (!p) throw new Introuvable('PLIE_INTROUVABLE', `Aucun PLIE ne porte l’identifiant ${id}.`);
  return p;
}

/**
 * load → decide → persist: creates the PLIE of the caller's OI (no If-Match) or replaces it from the version read.
 * The id is the PLIE's key in every AAP that names it, so it never changes; another OI's PLIE is not writable.
 */
export async function enregistrer(
  ctx: ContextePlie,
  actor: Actor,
  id: string,
  contenu: ContenuPlie,
  versionLue: number | null,
): Promise<Plie> {
  const oi = actor.oi ?? '';
  // A PLIE is public: saying that another OI's exists hides nothing.
  const existant = await ctx.store.lire(id);
  exiger(actor, 'plie.ecrire', { oi: existant?.oi ?? actor.oi }, () =>
    new AccesRefuse(existant ? `Le PLIE ${id} appartient à l’OI ${existant.oi}.` : 'Seul un administrateur de l’OI peut enregistrer ses PLIE.'),
  );
  if (existant && versionLue === null) {
    throw new Conflit('PLIE_EXISTANT', `Le PLIE ${id} existe déjà : modifiez-le avec la version lue (If-Match).`);
  }
  if (!existant && versionLue !== null) throw new Introuvable('PLIE_INTROUVABLE', `Aucun PLIE ne porte l’identifiant ${id}.`);
  if (existant && existant.version !== versionLue) {
    throw new Conflit('VERSION_PERIMEE', `Ce PLIE a été modifié entre-temps (version ${existant.version}, vous avez lu la version ${versionLue}).`);
  }
  const plie: Plie = { ...contenu, id, oi, version: (existant?.version ?? 0) + 1, modifieLe: ctx.maintenant.toISOString() };
  await ctx.store.ecrire(plie, existant ? existant.version : null);
  return plie;
}
