import '../styles-comite.css';
import { useCallback, useEffect, useState } from 'react';
import { BadgeDossier } from '../components/dossier-ui';
import { Alerte, Chargement, Definitions, ErreurApi, FilAriane } from '../components/ui';
import { CarteDecision } from '../comite/decision';
import { ControlePlanReponse, Dossier, LectureInstruction, type TDossier, type TInstruction, type TLectureInstruction } from '../comite/schemas';
import { ContenuFicheInstruction } from '../instruction/contenu-fiche';
import { FormulaireGrille } from '../instruction/grille';
import { HistoriqueInstruction } from '../instruction/historique';
import { SectionProgrammation } from '../instruction/programmation';
import { SectionRecevabilite } from '../instruction/recevabilite';
import { api, type ApiError, enErreur, useApi } from '../lib/api';
import { useTitre } from '../lib/annonces';
import { estOiAdmin, useSession } from '../lib/auth';
import { formatMontant } from '../lib/format';
import { Link } from '../lib/router';
import { Aap } from '../lib/schemas';
import type { z } from 'zod';

type Controle = z.infer<typeof ControlePlanReponse>;
const INSTRUCTIBLES = ['recevable', 'instruit'];

/**
 * OI: recevabilité, grille d'instruction (with its history and the rapport PDF), the comité's decision and the
 * programmation of one dossier. Complements the dossier page `/gestion/dossiers/:id` (content, pièces, journal).
 */
export function PageInstruction({ id }: { id: string }) {
  const session = useSession();
  const [dossier, setDossier] = useState<TDossier | null>(null);
  const [lecture, setLecture] = useState<TLectureInstruction | null>(null);
  const [controle, setControle] = useState<Controle | null>(null);
  const [erreur, setErreur] = useState<ApiError | null>(null);
  const [succes, setSucces] = useState<string | null>(null);
  const [tour, setTour] = useState(0);
  useTitre(dossier ? `Instruction — ${dossier.reference}` : 'Instruction du dossier');
  const chemin = `/dossiers/${encodeURIComponent(id)}`;
  // The OI's view of the AAP: the fiche's texts, its conditions de recevabilité and its internal notes.
  const aap = useApi(dossier ? `/gestion/aaps/${encodeURIComponent(dossier.aapId)}` : null, Aap, true);
  const fiche = aap.data?.fiches.find((f) => f.code === dossier?.ficheCode) ?? null;
  // null while the fiche loads; [] when it cannot be read (the server then names the conditions it expects).
  const conditions = fiche ? fiche.conditionsRecevabilite : aap.data || aap.erreur ? [] : null;

  const charger = useCallback(async () => {
    setErreur(null);
    try {
      const [d, l, c] = await Promise.all([
        api(chemin, Dossier, { auth: true }),
        api(`${chemin}/instruction`, LectureInstruction, { auth: true }),
        api(`${chemin}/plan-financement/controles`, ControlePlanReponse, { auth: true }).catch(() => null),
      ]);
      setDossier(d.data);
      setLecture(l.data);
      setControle(c?.data ?? null);
      setTour((t) => t + 1);
    } catch (e) {
      setErreur(enErreur(e));
    }
  }, [chemin]);
  useEffect(() => void charger(), [charger]);

  const ariane = (
    <FilAriane
      elements={[
        { libelle: 'Gestion', lien: <Link to="/gestion">Gestion</Link> },
        ...(dossier
          ? [
              { libelle: 'Dossiers déposés', lien: <Link to={`/gestion/aaps/${encodeURIComponent(dossier.aapId)}/dossiers`}>Dossiers déposés — {dossier.aapReference}</Link> },
              { libelle: dossier.reference, lien: <Link to={`/gestion/dossiers/${encodeURIComponent(dossier.id)}`}>{dossier.reference}</Link> },
            ]
          : []),
        { libelle: 'Instruction' },
      ]}
    />
  );
  if (!dossier || !lecture) {
    return (
      <>
        {ariane}
        <h1>Instruction du dossier</h1>
        {erreur ? <ErreurApi erreur={erreur} onReessayer={() => void charger()} /> : <Chargement texte="Chargement du dossier…" />}
      </>
    );
  }

  /** A transition answered by the server: keep its dossier, then reload the instruction and its history. */
  const apres = async (d: TDossier, message: string) => {
    setDossier(d);
    await charger();
    setSucces(message);
  };
  const instruit = (d: TDossier, i: TInstruction) =>
    void apres(d, `Instruction enregistrée (version ${i.version}) : avis ${i.avis === 'reserve' ? 'réservé' : i.avis === 'favorable' ? 'favorable' : 'défavorable'}, moyenne ${i.moyenne} / 5, FSE proposé ${formatMontant(i.montantFsePropose)}.`);
  const t = controle?.totaux;
  const fseDemande = t?.fse ?? dossier.contenu.planFinancement.ressources.fseCentimes;

  return (
    <div className="page-instruction">
      {ariane}
      {succes && <Alerte key={succes} type="succes" focus>{<p>{succes}</p>}</Alerte>}
      <header className="entete-page entete-avec-actions">
        <div>
          <p className="surtitre">
            <BadgeDossier statut={dossier.statut} /> <span className="reference">{dossier.reference}</span>
          </p>
          <h1>Instruction — {dossier.contenu.intitule || dossier.ficheTitre}</h1>
          <Definitions
            lignes={[
              ['Organisation', dossier.organisationNom],
              ['Fiche', `${dossier.ficheCode} — ${dossier.ficheTitre}`],
              ['PLIE', dossier.plie],
              ['Coût total', t ? formatMontant(t.coutTotal) : null],
              ['FSE sollicité', t ? `${formatMontant(t.fse)}${controle?.tauxFse ? ` (${controle.tauxFse.pourcentage} du coût total)` : ''}` : formatMontant(fseDemande)],
              ['Avis d’instruction', lecture.instruction ? `${lecture.instruction.avis === 'reserve' ? 'Réservé' : lecture.instruction.avis === 'favorable' ? 'Favorable' : 'Défavorable'} — moyenne ${lecture.instruction.moyenne} / 5` : null],
            ]}
          />
        </div>
        <div className="actions">
          <Link to={`/gestion/dossiers/${encodeURIComponent(dossier.id)}`} className="bouton bouton-secondaire">
            Voir le dossier complet
          </Link>
          {dossier.suivi.comiteId && (
            <Link to={`/comites/${encodeURIComponent(dossier.suivi.comiteId)}`} className="bouton bouton-secondaire">
              Voir la séance du comité
            </Link>
          )}
        </div>
      </header>
      <div className="colonne-unique">
        <ContenuFicheInstruction aap={aap} ficheCode={dossier.ficheCode} />
        <SectionRecevabilite dossier={dossier} conditions={conditions} onDecide={(d, m) => void apres(d, m)} onRecharger={() => void charger()} />
        {INSTRUCTIBLES.includes(dossier.statut) ? (
          <FormulaireGrille
            key={`${tour}-${lecture.instruction?.version ?? 0}`}
            dossier={dossier}
            grille={lecture.grille}
            derniere={lecture.instruction}
            fseDemandeCentimes={fseDemande}
            onInstruit={instruit}
            onRecharger={() => void charger()}
          />
        ) : (
          lecture.instruction &&
          ['inscrit_comite', 'selectionne', 'ajourne', 'rejete', 'programme'].includes(dossier.statut) && (
            <Alerte type="info">{<p>Le dossier a été inscrit en comité : la grille d’instruction ne se modifie plus.</p>}</Alerte>
          )
        )}
        <HistoriqueInstruction historique={lecture.historique} grille={lecture.grille} dossierId={dossier.id} reference={dossier.reference} />
        <CarteDecision dossier={dossier} vue="oi" />
        <SectionProgrammation key={dossier.version} dossier={dossier} admin={estOiAdmin(session)} onProgramme={(d, m) => void apres(d, m)} onRecharger={() => void charger()} />
      </div>
    </div>
  );
}
