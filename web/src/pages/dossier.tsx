import { useRef } from 'react';
import { CompteARebours } from '../components/compte-a-rebours';
import { BadgeStatutPorteur, EtEnsuite } from '../dossier/statut-porteur';
import { DecisionPorteur } from '../comite/decision-porteur';
import { SectionConvention } from '../convention/section-convention';
import { SectionBilans } from '../bilan/section-bilans';
import { SectionParticipants } from '../participants/section-participants';
import { Chargement, ErreurApi, FilAriane, Flash } from '../components/ui';
import { AvisComplements } from '../dossier/complements';
import { DepotEffectue, SectionDepot } from '../dossier/depot';
import { EditeurDossier } from '../dossier/editeur';
import { JournalDossier } from '../dossier/journal';
import { SectionPieces } from '../dossier/section-pieces';
import { useDossier } from '../dossier/use-dossier';
import { usePieces } from '../dossier/use-pieces';
import { VueLecture } from '../dossier/vue-lecture';
import { FilDossier } from '../messagerie/fil-dossier';
import { useApi } from '../lib/api';
import { useTitre } from '../lib/annonces';
import { formatInstant } from '../lib/format';
import { Link } from '../lib/router';
import { ListeOrganisations, type TDossier } from '../lib/schemas-dossier';

/** The porteur's dossier: the draft editor, or the deposited dossier read-only with its receipt. */
export function PageDossier({ id }: { id: string }) {
  const { dossier, aap, fiche, erreur, chargement, generation, recharger, remplacer } = useDossier(id);
  const pieces = usePieces(id);
  const orgs = useApi('/organisations', ListeOrganisations, true);
  const enregistrerRef = useRef<() => Promise<boolean>>(async () => true);
  useTitre(dossier ? `Dossier ${dossier.reference}` : 'Dossier');

  const ariane = (
    <FilAriane elements={[{ libelle: 'Mes dossiers', lien: <Link to="/dossiers">Mes dossiers</Link> }, { libelle: dossier?.reference ?? 'Dossier' }]} />
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
  const brouillon = dossier.statut === 'brouillon';
  const signataire = orgs.data?.items.find((o) => o.id === dossier.organisationId)?.monRole === 'signataire';
  const apresDepot = (d: TDossier) => {
    remplacer(d);
    void pieces.recharger();
  };
  const depot = (brouillon || dossier.statut === 'complement_demande') && (
    <SectionDepot
      dossier={dossier}
      parametres={{ programme: aap.programme.code, regle: fiche.regleFinancement, fiche: fiche.code }}
      lignes={pieces.lignes}
      signataire={signataire}
      enregistrer={brouillon ? () => enregistrerRef.current() : async () => true}
      onDepose={apresDepot}
    />
  );
  const suite = (
    <>
      <SectionPieces dossier={dossier} pieces={pieces} porteur />
      {depot}
      <JournalDossier key={`${dossier.statut}-${dossier.version}`} dossierId={dossier.id} porteur />
    </>
  );

  return (
    <>
      {ariane}
      <Flash />
      <header className="entete-page entete-dossier">
        <p className="surtitre">
          <BadgeStatutPorteur statut={dossier.statut} /> <span className="reference">{dossier.reference}</span>
        </p>
        <h1>{dossier.contenu.intitule || dossier.ficheTitre}</h1>
        <p className="meta">
          <Link to={`/aaps/${encodeURIComponent(aap.id)}`}>{aap.reference}</Link> · Fiche{' '}
          <Link to={`/aaps/${encodeURIComponent(aap.id)}/fiches/${encodeURIComponent(fiche.code)}`}>{fiche.code} — {fiche.titre}</Link> ·{' '}
          {dossier.organisationNom}
        </p>
        {brouillon && (
          <div className="echeance">
            <CompteARebours clotureLe={aap.clotureLe} />
            <p className="discret">Clôture du dépôt : {formatInstant(aap.clotureLe, aap.depot.cloture.fuseau)}</p>
          </div>
        )}
      </header>
      {brouillon ? (
        <EditeurDossier
          key={generation}
          dossier={dossier}
          aap={aap}
          fiche={fiche}
          onEnregistre={remplacer}
          onRecharger={() => void recharger()}
          enregistrerRef={enregistrerRef}
        >
          {suite}
        </EditeurDossier>
      ) : (
        <div className="colonne-unique">
          <EtEnsuite dossier={dossier} />
          <DecisionPorteur dossier={dossier} />
          <SectionConvention dossier={dossier} signataire={signataire} onChange={() => void recharger()} />
          <SectionBilans dossier={dossier} signataire={signataire} />
          <SectionParticipants dossier={dossier} />
          <DepotEffectue dossier={dossier} />
          <AvisComplements dossier={dossier} lignes={pieces.lignes} />
          <FilDossier dossierId={dossier.id} cote="porteur" />
          <VueLecture dossier={dossier} aap={aap} fiche={fiche} />
          {suite}
        </div>
      )}
    </>
  );
}
