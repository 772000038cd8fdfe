import { useState } from 'react';
import { BadgeDossier } from '../components/dossier-ui';
import { Alerte, Chargement, Definitions, ErreurApi, FilAriane } from '../components/ui';
import { formatSiret } from '../components/formulaire-organisation';
import { FormulaireComplements } from '../dossier/complements';
import { DepotEffectue } from '../dossier/depot';
import { JournalDossier } from '../dossier/journal';
import { SectionPieces } from '../dossier/section-pieces';
import { useDossier } from '../dossier/use-dossier';
import { usePieces } from '../dossier/use-pieces';
import { VueLecture } from '../dossier/vue-lecture';
import { useTitre } from '../lib/annonces';
import { formatDate, formatInstant } from '../lib/format';
import { Link } from '../lib/router';
import type { TDossier } from '../lib/schemas-dossier';

/** OI: a deposited dossier, read-only, with its pièces, its audit trail and the « Demander des compléments » form. */
export function PageGestionDossier({ id }: { id: string }) {
  const { dossier, aap, fiche, erreur, chargement, recharger, remplacer } = useDossier(id);
  const pieces = usePieces(id);
  const [succes, setSucces] = useState<string | null>(null);
  useTitre(dossier ? `Dossier ${dossier.reference}` : 'Dossier');

  const ariane = (
    <FilAriane
      elements={[
        { libelle: 'Gestion', lien: <Link to="/gestion">Gestion</Link> },
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
  const demande = (d: TDossier) => {
    remplacer(d);
    setSucces(`Compléments demandés : le porteur a jusqu’au ${d.complements ? formatDate(d.complements.dateLimite) : ''} pour répondre.`);
    void pieces.recharger();
  };
  const c = dossier.complements;

  return (
    <>
      {ariane}
      {succes && <Alerte type="succes" focus>{<p>{succes}</p>}</Alerte>}
      <header className="entete-page">
        <p className="surtitre">
          <BadgeDossier statut={dossier.statut} /> <span className="reference">{dossier.reference}</span>
        </p>
        <h1>{dossier.contenu.intitule || dossier.ficheTitre}</h1>
        <Definitions
          lignes={[
            ['Organisation', `${dossier.organisationNom} — SIRET ${formatSiret(dossier.siret)}`],
            ['Fiche', `${fiche.code} — ${fiche.titre}`],
            ['PLIE', dossier.plie],
            ['Version', String(dossier.version)],
          ]}
        />
      </header>
      <div className="colonne-unique">
        <DepotEffectue dossier={dossier} />
        {dossier.statut === 'complement_demande' && c && (
          <Alerte type="avertissement" titre={`Compléments demandés le ${formatInstant(c.demandeLe)} — réponse attendue au plus tard le ${formatDate(c.dateLimite)}`}>
            <p>« {c.message} »</p>
            <p>Pièces demandées : {c.pieces.map((p) => pieces.lignes.find((l) => l.code === p)?.libelle ?? p).join(' ; ')}.</p>
          </Alerte>
        )}
        <VueLecture dossier={dossier} aap={aap} fiche={fiche} />
        <SectionPieces dossier={dossier} pieces={pieces} porteur={false} />
        {dossier.statut === 'depose' && <FormulaireComplements dossier={dossier} lignes={pieces.lignes} onDemande={demande} />}
        <JournalDossier key={`${dossier.statut}-${dossier.version}`} dossierId={dossier.id} />
      </div>
    </>
  );
}
