import { useState } from 'react';
import { BadgeDossier } from '../components/dossier-ui';
import { Alerte, Chargement, Definitions, ErreurApi, FilAriane } from '../components/ui';
import { formatSiret } from '../components/formulaire-organisation';
import { DepotEffectue } from '../dossier/depot';
import { JournalDossier } from '../dossier/journal';
import { SectionPieces } from '../dossier/section-pieces';
import { useDossier } from '../dossier/use-dossier';
import { usePieces } from '../dossier/use-pieces';
import { VueLecture } from '../dossier/vue-lecture';
import { CarteAffectation } from '../gestion/affectation';
import { OngletConvention } from '../convention/onglet-convention';
import { OngletBilans } from '../bilan/onglet-bilans';
import { ETATS_CONVENTION } from '../convention/libelles';
import { EcranParticipants } from '../participants/ecran-participants';
import { STATUTS_PARTICIPANTS } from '../participants/libelles';
import { OngletDecision, OngletInstruction } from '../gestion/onglet-instruction';
import { OngletMessagerie } from '../gestion/onglet-messagerie';
import { useMessagerie } from '../messagerie/use-messagerie';
import { Onglets, type Onglet } from '../gestion/onglets';
import { ProchaineEtape } from '../gestion/prochaine-etape';
import { useTitre } from '../lib/annonces';
import { estOiAdmin, useSession } from '../lib/auth';
import { formatDate, formatInstant, pluriel } from '../lib/format';
import { Link, useLocation } from '../lib/router';
import type { TDossier } from '../lib/schemas-dossier';

export const ONGLETS_DOSSIER = ['resume', 'demande', 'pieces', 'messagerie', 'instruction', 'decision', 'convention', 'bilans', 'participants', 'journal'] as const;
export type CleOnglet = (typeof ONGLETS_DOSSIER)[number];
const LIBELLES: Record<CleOnglet, string> = {
  resume: 'Résumé', demande: 'Demande', pieces: 'Pièces', messagerie: 'Messagerie', instruction: 'Instruction', decision: 'Décision', convention: 'Convention', bilans: 'Bilans et paiements', participants: 'Participants', journal: 'Journal',
};
const estOnglet = (v: string | null): v is CleOnglet => !!v && (ONGLETS_DOSSIER as readonly string[]).includes(v);

/**
 * OI: one page per deposited dossier, in tabs (deep-linked in `?onglet=`): résumé with the next step and who follows
 * it, the demande as deposited, pièces, messagerie, instruction (compléments, recevabilité, grille), décision (comité,
 * letter, programmation) and the audit journal. Each action shows only in the states that allow it.
 */
export function PageGestionDossier({ id, ongletParDefaut = 'resume' }: { id: string; ongletParDefaut?: CleOnglet }) {
  const { search } = useLocation();
  const session = useSession();
  const { dossier, aap, fiche, erreur, chargement, recharger, remplacer } = useDossier(id);
  const pieces = usePieces(id);
  const messagerie = useMessagerie(id);
  const demande = search.get('onglet');
  const [onglet, setOnglet] = useState<CleOnglet>(estOnglet(demande) ? demande : ongletParDefaut);
  const [succes, setSucces] = useState<string | null>(null);
  useTitre(dossier ? `Dossier ${dossier.reference} — ${LIBELLES[onglet]}` : 'Dossier');

  const choisir = (k: CleOnglet) => {
    setOnglet(k);
    setSucces(null);
    const url = new URL(window.location.href);
    url.searchParams.set('onglet', k);
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}`);
  };
  const ariane = (
    <FilAriane
      elements={[
        { libelle: 'Tableau de bord', lien: <Link to="/gestion">Tableau de bord</Link> },
        ...(dossier ? [{ libelle: 'Dossiers déposés', lien: <Link to={`/gestion/aaps/${encodeURIComponent(dossier.aapId)}/dossiers`}>Dossiers déposés — {dossier.aapReference}</Link> }] : []),
        { libelle: dossier?.reference ?? 'Dossier' },
      ]}
    />
  );
  if (!dossier || !aap || !fiche) {
    return (
      <>
        {ariane}
        <h1>Dossier</h1>
        {chargement ? <Chargement texte="Chargement du dossier…" /> : erreur && <ErreurApi erreur={erreur} onReessayer={() => void recharger()} />}
      </>
    );
  }
  /** A transition answered by the server: keep its dossier (the header follows), say what happened, reload the pièces. */
  const transition = (d: TDossier, message: string) => {
    remplacer(d);
    setSucces(message);
    void pieces.recharger();
  };
  const c = dossier.complements;
  // The convention's tab once the dossier is programmed (its state as a mark while it waits for someone).
  const conventionnable = dossier.statut === 'programme' || !!dossier.suivi.convention;
  const etatConvention = dossier.suivi.convention?.etat ?? (dossier.statut === 'programme' ? 'a_preparer' : null);
  // The participants' tab from recevabilité on (read-only for the OI, with the commission's decisions on exits).
  const avecParticipants = STATUTS_PARTICIPANTS.has(dossier.statut);
  // The bilans' tab once a convention version is in force.
  const avecBilans = !!dossier.suivi.convention?.numeroEnVigueur;
  const onglets: Onglet<CleOnglet>[] = ONGLETS_DOSSIER.filter((k) => (k !== 'convention' || conventionnable) && (k !== 'bilans' || avecBilans) && (k !== 'participants' || avecParticipants)).map((k) => ({
    cle: k,
    libelle: LIBELLES[k],
    pastille: k === 'pieces' && pieces.lignes.length ? String(pieces.lignes.length)
      : k === 'messagerie' && messagerie.data?.nonLus ? pluriel(messagerie.data.nonLus, 'non lu', 'non lus')
        : k === 'convention' && etatConvention && etatConvention !== 'en_vigueur' ? ETATS_CONVENTION[etatConvention].toLowerCase() : null,
  }));
  const actif = (onglet === 'convention' && !conventionnable) || (onglet === 'bilans' && !avecBilans) || (onglet === 'participants' && !avecParticipants) ? 'resume' : onglet;

  return (
    <>
      {ariane}
      <header className="entete-page">
        <p className="surtitre">
          <BadgeDossier statut={dossier.statut} /> <span className="reference">{dossier.reference}</span>
        </p>
        <h1>{dossier.contenu.intitule || dossier.ficheTitre}</h1>
        <p className="meta">
          {dossier.organisationNom} · Fiche {fiche.code} — {fiche.titre} · {dossier.plie}
        </p>
      </header>
      {succes && <Alerte key={succes} type="succes" focus>{<p>{succes}</p>}</Alerte>}
      <Onglets id="dossier" libelle="Sections du dossier" onglets={onglets} actif={actif} onChange={choisir}>
        {actif === 'resume' && (
          <div className="colonne-unique">
            <ProchaineEtape dossier={dossier} admin={estOiAdmin(session)} onOnglet={choisir} />
            {dossier.statut === 'complement_demande' && c && (
              <Alerte type="avertissement" titre={`Compléments demandés le ${formatInstant(c.demandeLe)} — réponse attendue au plus tard le ${formatDate(c.dateLimite)}`}>
                <p>« {c.message} »</p>
                <p>Pièces demandées : {c.pieces.map((p) => pieces.lignes.find((l) => l.code === p)?.libelle ?? p).join(' ; ')}.</p>
              </Alerte>
            )}
            <section className="carte" aria-labelledby="identite-titre">
              <h2 id="identite-titre">Le dossier</h2>
              <Definitions
                lignes={[
                  ['Organisation', `${dossier.organisationNom} — SIRET ${formatSiret(dossier.siret)}`],
                  ['Appel à projets', dossier.aapReference],
                  ['Fiche', `${fiche.code} — ${fiche.titre}`],
                  ['PLIE', dossier.plie],
                  ['Version', String(dossier.version)],
                ]}
              />
            </section>
            <CarteAffectation dossierId={dossier.id} />
            <DepotEffectue dossier={dossier} />
          </div>
        )}
        {onglet === 'demande' && <VueLecture dossier={dossier} aap={aap} fiche={fiche} />}
        {onglet === 'pieces' && <SectionPieces dossier={dossier} pieces={pieces} porteur={false} />}
        {onglet === 'messagerie' && <OngletMessagerie dossier={dossier} messagerie={messagerie} onChange={() => void recharger()} />}
        {onglet === 'instruction' && (
          <OngletInstruction dossier={dossier} lignes={pieces.lignes} onTransition={transition} onRecharger={() => void recharger()} />
        )}
        {onglet === 'decision' && (
          <OngletDecision dossier={dossier} admin={estOiAdmin(session)} onTransition={transition} onRecharger={() => void recharger()} />
        )}
        {actif === 'convention' && <OngletConvention dossier={dossier} admin={estOiAdmin(session)} onChange={() => void recharger()} />}
        {actif === 'bilans' && <OngletBilans dossier={dossier} admin={estOiAdmin(session)} onChange={() => void recharger()} />}
        {actif === 'participants' && <EcranParticipants dossier={dossier} ecriture={false} />}
        {onglet === 'journal' && <JournalDossier key={`${dossier.statut}-${dossier.version}`} dossierId={dossier.id} />}
      </Onglets>
    </>
  );
}
