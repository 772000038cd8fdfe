/**
 * Conventionnement: load → decide (./convention.ts) → persist → emit. The dossier carries the convention's state and
 * is the lock of every transition; each version is an item of its own; the PDF sent for signature is written once and
 * its SHA-256 is what both parties sign; after the OI's countersignature the platform seals that PDF (PAdES) and the
 * version comes into force, replacing the previous one.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../auth/roles';
import { exiger, relations, POLITIQUE } from '../../auth/politique';
import type {
  DemandeAvenant,
  DemandeConvention,
  DemandeSignature,
  ReponseConvention,
  VersionConvention,
} from '../../schemas/convention';
import { DemandeAvenant as SchemaAvenant, DemandeConvention as SchemaConvention } from '../../schemas/convention';
import type { Dossier, Evenement } from '../../schemas/dossier';
import type { Notification } from '../../schemas/notification';
import { AccesRefuse, Conflit, Introuvable, RegleMetier, RequeteInvalide } from '../errors';
import { journaliser } from '../dossier/journal';
import { aapEtFiche, enteteAap, tenance, type ContexteDossier } from '../dossier/use-cases';
import { aLoi, auxPorteurs } from '../notification/evenements';
import { dateFr, euros } from '../notification/notification';
import * as regles from './convention';

export interface ConventionStore {
  /** Every version of the dossier's convention, oldest first. */
  versions(dossierId: string): Promise<VersionConvention[]>;
  /**
   * One transaction: the dossier conditioned on `avant.version`, each version conditioned on the statut it was read in
   * (`attendu`; null: must not exist yet), the audit event and the e-mails. Conflit `VERSION_PERIMEE` when any fails.
   */
  enregistrer(p: {
    apres: Dossier;
    avant: Dossier;
    evenement: Evenement;
    versions: Array<{ version: VersionConvention; attendu: VersionConvention['statut'] | null }>;
    notifications: Notification[];
  }): Promise<void>;
}

/** Where the convention's PDFs are made, kept and sealed (S3 and the platform certificate on AWS). */
export interface DocumentsConvention {
  rendre(v: VersionConvention, options: { projet: boolean }): Promise<Uint8Array>;
  ecrire(cle: string, octets: Uint8Array): Promise<void>;
  lire(cle: string): Promise<Uint8Array>;
  sceller(pdf: Uint8Array, p: { nom: string; motif: string; lieu: string; date: Date }): Promise<Uint8Array>;
}

export interface ContexteConvention extends ContexteDossier {
  conventions: ConventionStore;
  documents: DocumentsConvention;
}

const introuvable = (id: string) => new Introuvable('DOSSIER_INTROUVABLE', `Aucun dossier accessible ne porte l’identifiant ${id}.`);
const sha256 = (o: Uint8Array) => createHash('sha256').update(o).digest('hex');
export const cleDocument = (dossierId: string, numero: number, empreinte: string, scelle = false) =>
  `conventions/${dossierId}/v${numero}/${scelle ? 'scelle-' : ''}${empreinte}.pdf`;

async function chargerPour(ctx: ContexteConvention, actor: Actor, id: string, action: 'convention.lire' | 'convention.preparer') {
  const d = await ctx.dossiers.lire(id);
  if (!d) throw introuvable(id);
  exiger(actor, action, await tenance(ctx, actor, d), () => introuvable(id));
  return d;
}

/** The fiche, the header's attributes a convention reads (one read of the AAP) and the organisation. */
async function referentiel(ctx: ContexteConvention, d: Dossier) {
  const [{ aap, fiche }, organisation] = await Promise.all([
    aapEtFiche(ctx, d, ['programme', 'organismeIntermediaire', 'conventionnement', 'depot']),
    ctx.orgs.lire(d.organisationId),
  ]);
  if (!organisation) throw new Error(`Référentiel du dossier ${d.id} introuvable`);
  return { aap, fiche, organisation, fuseau: aap.depot.cloture.fuseau };
}

const enCours = (versions: readonly VersionConvention[]) => versions.find((v) => v.statut !== 'en_vigueur' && v.statut !== 'remplacee') ?? null;

/** The dossier with its convention's new state, and the audit event recording the transition. */
function transition(ctx: ContexteConvention, avant: Dossier, versions: readonly VersionConvention[], actor: Actor, type: string, donnees: Record<string, unknown>) {
  const apres: Dossier = {
    ...avant, version: avant.version + 1, modifieLe: ctx.maintenant.toISOString(),
    suivi: { ...avant.suivi, convention: regles.suivi(avant.suivi.convention, versions) },
  };
  return journaliser(apres, { id: ctx.nouvelId(), type, auteur: actor, de: avant.statut, maintenant: ctx.maintenant, donnees });
}

const avecVersion = (versions: readonly VersionConvention[], v: VersionConvention) => [...versions.filter((x) => x.numero !== v.numero), v].sort((a, b) => a.numero - b.numero);

/** The convention as its reader may see it: the porteur reads every version, its PDF and its signatures. */
export async function lire(ctx: ContexteConvention, actor: Actor, id: string): Promise<ReponseConvention> {
  const d = await chargerPour(ctx, actor, id, 'convention.lire');
  const [versions, aap] = await Promise.all([d.suivi.convention ? ctx.conventions.versions(id) : Promise.resolve([]), enteteAap(ctx, d.aapId, ['conventionnement'])]);
  return { dossierId: d.id, version: d.version, suivi: d.suivi.convention ?? null, versions, renouvellementsMax: aap?.conventionnement?.renouvellementsMax ?? null };
}

/** The gestionnaire prepares the convention of a programmed dossier (C1: once; a second one is a 409). */
export async function preparer(ctx: ContexteConvention, actor: Actor, id: string, demande: DemandeConvention, versionLue: number) {
  const avant = await chargerPour(ctx, actor, id, 'convention.preparer');
  if (avant.statut !== 'programme') throw new Conflit('STATUT_INCOMPATIBLE', 'Seul un dossier programmé se conventionne.');
  if (avant.suivi.convention) throw new Conflit('CONVENTION_EXISTANTE', 'Ce dossier a déjà une convention : modifiez-la, ou passez par un avenant si elle est en vigueur.');
  const ref = await referentiel(ctx, avant);
  const contenu = regles.contenuInitial({ dossier: avant, ...ref, demande });
  const v = { ...regles.preparer(avant, contenu, { actor, maintenant: ctx.maintenant, versionLue }), demande };
  const { dossier, evenement } = transition(ctx, avant, [v], actor, 'convention_preparee', { numero: 1 });
  await ctx.conventions.enregistrer({ apres: dossier, avant, evenement, versions: [{ version: v, attendu: null }], notifications: [] });
  return lire(ctx, actor, id);
}

/** The version in preparation (or awaiting the porteur's signature) changed: back to preparation. */
export async function modifier(ctx: ContexteConvention, actor: Actor, id: string, corps: Record<string, unknown>, versionLue: number) {
  const avant = await chargerPour(ctx, actor, id, 'convention.preparer');
  exigerVersion(avant, versionLue);
  const versions = await ctx.conventions.versions(id);
  const v = regles.exigerModifiable(enCours(versions));
  const ref = await referentiel(ctx, avant);
  const fusion = { ...(v.demande ?? {}), ...corps };
  let revise: VersionConvention;
  if (v.nature === 'initiale') {
    const demande = SchemaConvention.safeParse(fusion);
    if (!demande.success) throw new RegleMetier('CHAMP_AVENANT', 'La convention initiale se prépare avec le régime d’aide, le représentant, l’avance et le nombre de bilans intermédiaires.');
    revise = { ...regles.reviser(v, regles.contenuInitial({ dossier: avant, ...ref, demande: demande.data }), null, { actor, maintenant: ctx.maintenant }), demande: demande.data };
  } else {
    const lu = SchemaAvenant.safeParse(fusion);
    if (!lu.success) {
      throw new RequeteInvalide('AVENANT_INVALIDE', 'L’avenant ainsi modifié n’est pas valide.', lu.error.issues.map((i) => ({ chemin: ['corps', ...i.path.map(String)].join('.'), message: i.message })));
    }
    const demande = lu.data;
    const calcul = regles.contenuAvenant(regles.exigerEnVigueur(versions).contenu, demande, { dossier: avant, ...ref, renouvellements: avant.suivi.convention?.renouvellements ?? 0 });
    revise = { ...regles.reviser(v, calcul.contenu, calcul.avenant, { actor, maintenant: ctx.maintenant }), demande };
  }
  const { dossier, evenement } = transition(ctx, avant, avecVersion(versions, revise), actor, 'convention_modifiee', { numero: v.numero });
  await ctx.conventions.enregistrer({ apres: dossier, avant, evenement, versions: [{ version: revise, attendu: v.statut }], notifications: [] });
  return lire(ctx, actor, id);
}

function exigerVersion(d: Dossier, versionLue: number) {
  if (d.version !== versionLue) throw new Conflit('VERSION_PERIMEE', `Ce dossier a été modifié entre-temps (version ${d.version}, vous avez lu la version ${versionLue}). Rechargez-le.`);
}

/** An avenant to the convention in force (C4–C6): the version in force stays so until the avenant is signed. */
export async function proposerAvenant(ctx: ContexteConvention, actor: Actor, id: string, demande: DemandeAvenant, versionLue: number) {
  const avant = await chargerPour(ctx, actor, id, 'convention.preparer');
  exigerVersion(avant, versionLue);
  const versions = await ctx.conventions.versions(id);
  const enVigueur = regles.exigerEnVigueur(versions);
  const ref = await referentiel(ctx, avant);
  const calcul = regles.contenuAvenant(enVigueur.contenu, demande, { dossier: avant, ...ref, renouvellements: avant.suivi.convention?.renouvellements ?? 0 });
  const v = { ...regles.proposerAvenant(avant, versions, calcul, { actor, maintenant: ctx.maintenant, versionLue }), demande };
  const { dossier, evenement } = transition(ctx, avant, avecVersion(versions, v), actor, 'avenant_prepare', {
    numero: v.numero, motif: v.avenant?.motif, modifications: v.avenant?.modifications.map((m) => m.chemin),
  });
  await ctx.conventions.enregistrer({ apres: dossier, avant, evenement, versions: [{ version: v, attendu: null }], notifications: [] });
  return lire(ctx, actor, id);
}

/** Sent for signature: the PDF is rendered once, written under its hash, and the porteur's signataires are told. */
export async function envoyer(ctx: ContexteConvention, actor: Actor, id: string, versionLue: number) {
  const avant = await chargerPour(ctx, actor, id, 'convention.preparer');
  exigerVersion(avant, versionLue);
  const versions = await ctx.conventions.versions(id);
  const v = enCours(versions);
  if (!v) throw new Conflit('AUCUNE_VERSION_EN_COURS', 'Aucune version de la convention n’est en préparation.');
  const { fuseau } = await referentiel(ctx, avant);
  // Checked before rendering: a refused sending writes nothing, not even a document.
  regles.envoyer(v, { sha256: '', octets: 0, cle: '' }, { actor, maintenant: ctx.maintenant, fuseau });
  const octets = await ctx.documents.rendre({ ...v, statut: 'a_signer_porteur', envoyeeLe: ctx.maintenant.toISOString() }, { projet: false });
  const empreinte = sha256(octets);
  const cle = cleDocument(id, v.numero, empreinte);
  await ctx.documents.ecrire(cle, octets);
  const envoyee = regles.envoyer(v, { sha256: empreinte, octets: octets.length, cle }, { actor, maintenant: ctx.maintenant, fuseau });
  const { dossier, evenement } = transition(ctx, avant, avecVersion(versions, envoyee), actor, 'convention_envoyee', { numero: v.numero, sha256: empreinte });
  const notifications = await auxPorteurs(ctx, dossier, 'convention_a_signer', {
    nature: libelleVersion(envoyee), fse: euros(envoyee.contenu.fseConventionneCentimes), sha256: empreinte,
  });
  await ctx.conventions.enregistrer({ apres: dossier, avant, evenement, versions: [{ version: envoyee, attendu: v.statut }], notifications });
  return lire(ctx, actor, id);
}

const libelleVersion = (v: Pick<VersionConvention, 'nature' | 'numero'>) => (v.nature === 'initiale' ? 'la convention' : `l’avenant n° ${v.numero - 1}`);

/**
 * A signature (C7): the organisation's signataire, then an administrator of the OI, each on the document whose hash
 * they were shown. The OI's countersignature seals the PDF and brings the version into force. The seal preserves the
 * signed bytes: it is an incremental update, so the sealed file starts with the PDF the parties signed, byte for byte,
 * and its prefix of that PDF's length hashes to the version's `document.sha256`.
 */
export async function signer(ctx: ContexteConvention, actor: Actor, id: string, demande: DemandeSignature) {
  const avant = await ctx.dossiers.lire(id);
  if (!avant) throw introuvable(id);
  const t = await tenance(ctx, actor, avant);
  const rel = relations(actor, t);
  const commePorteur = rel.has('signataire');
  const commeOi = rel.has('admin_oi');
  if (!commePorteur && !commeOi) {
    exiger(actor, 'convention.lire', t, () => introuvable(id));
    throw new AccesRefuse(POLITIQUE['convention.signer'].refus);
  }
  const versions = avant.suivi.convention ? await ctx.conventions.versions(id) : [];
  const v = enCours(versions);
  if (!v) throw new Conflit('AUCUNE_VERSION_A_SIGNER', 'Aucune version de la convention n’attend de signature.');
  const partie = commePorteur && commeOi ? (v.statut === 'a_contresigner' ? 'oi' : 'porteur') : commePorteur ? 'porteur' : 'oi';
  const { aap, fuseau } = await referentiel(ctx, avant);
  let signee = regles.signer(v, partie, demande, { actor, maintenant: ctx.maintenant, fuseau });
  const ecritures: Array<{ version: VersionConvention; attendu: VersionConvention['statut'] | null }> = [{ version: signee, attendu: v.statut }];
  if (partie === 'oi') {
    const original = await ctx.documents.lire(v.document!.cle);
    if (sha256(original) !== v.document!.sha256) throw new Error(`Le PDF conservé de la convention ${id} v${v.numero} ne correspond plus à son empreinte`);
    const [porteur, oi] = signee.signatures;
    const scelle = await ctx.documents.sceller(original, {
      nom: `Guichet — ${aap.organismeIntermediaire.nom}`,
      motif: `${libelleVersion(v).replace(/^l(a |’)/, (m) => m.toUpperCase())} ${avant.reference} (version ${v.numero}) signée par ${porteur!.nom} (${porteur!.qualite}) le ${dateFr(porteur!.le, fuseau)} et par ${oi!.nom} (${oi!.qualite}) le ${dateFr(oi!.le, fuseau)}`,
      lieu: aap.organismeIntermediaire.nom,
      date: ctx.maintenant,
    });
    const empreinte = sha256(scelle);
    const cle = cleDocument(id, v.numero, empreinte, true);
    await ctx.documents.ecrire(cle, scelle);
    signee = { ...signee, scelle: { sha256: empreinte, octets: scelle.length, cle } };
    ecritures[0] = { version: signee, attendu: v.statut };
    const precedente = versions.find((x) => x.statut === 'en_vigueur');
    if (precedente) ecritures.push({ version: regles.remplacer(precedente, ctx.maintenant), attendu: 'en_vigueur' });
  }
  let toutes = versions;
  for (const e of ecritures) toutes = avecVersion(toutes, e.version);
  const { dossier, evenement } = transition(ctx, avant, toutes, actor, partie === 'porteur' ? 'convention_signee_porteur' : 'convention_en_vigueur', {
    numero: v.numero, sha256: demande.sha256, ...(signee.scelle ? { scelle: signee.scelle.sha256 } : {}),
  });
  const donnees = { nature: libelleVersion(v), signataire: signee.signatures.at(-1)!.nom, fse: euros(signee.contenu.fseConventionneCentimes) };
  const agent = v.envoyeePar ? [{ utilisateurId: v.envoyeePar.id, email: v.envoyeePar.email, nom: v.envoyeePar.nom }] : [];
  const notifications = partie === 'porteur'
    ? aLoi(ctx, dossier, agent, 'convention_signee_porteur', donnees)
    : [
        ...(await auxPorteurs(ctx, dossier, 'convention_en_vigueur', { ...donnees, debut: dateFr(signee.contenu.periode.debut), fin: dateFr(signee.contenu.periode.fin) })),
        ...aLoi(ctx, dossier, agent, 'convention_en_vigueur', { ...donnees, debut: dateFr(signee.contenu.periode.debut), fin: dateFr(signee.contenu.periode.fin) }),
      ];
  await ctx.conventions.enregistrer({ apres: dossier, avant, evenement, versions: ecritures, notifications });
  return lire(ctx, actor, id);
}

/**
 * Where a version's PDF comes from, once the reader is allowed: the stored bytes (sealed once in force, as sent while
 * being signed: `stocke`, with its key, size and SHA-256), or the version to render as a draft (« projet ») while prepared.
 */
export async function sourceDocument(ctx: ContexteConvention, actor: Actor, id: string, numero: number) {
  const d = await chargerPour(ctx, actor, id, 'convention.lire');
  if (!d.suivi.convention) throw new Conflit('CONVENTION_ABSENTE', 'Ce dossier n’a pas encore de convention.');
  const versions = await ctx.conventions.versions(id);
  const v = versions.find((x) => x.numero === numero);
  if (!v) throw new Introuvable('VERSION_CONVENTION_INTROUVABLE', `Ce dossier n’a pas de version ${numero} de convention.`);
  const stocke = v.scelle ?? v.document;
  const nom = `${v.nature === 'initiale' ? 'convention' : `avenant-${v.numero - 1}`}-${d.reference}${v.scelle ? '-signee' : stocke ? '' : '-projet'}.pdf`;
  return { version: v, stocke: stocke ?? null, nom };
}

/** A version's PDF: sealed once in force, as sent while being signed, a draft (« projet ») while prepared. */
export async function document(ctx: ContexteConvention, actor: Actor, id: string, numero: number) {
  const { version: v, stocke, nom } = await sourceDocument(ctx, actor, id, numero);
  const octets = stocke ? await ctx.documents.lire(stocke.cle) : await ctx.documents.rendre(v, { projet: true });
  return { octets, nom };
}
