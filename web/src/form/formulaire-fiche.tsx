import { useContext, useEffect, useState } from 'react';
import { SYNTAXE_TEXTE_RICHE } from '../components/texte-riche';
import { TEXTES_FICHE } from '../components/textes-fiche';
import { CaseACocher, Champ, ErreursContexte, idChamp, ListeTextes, Selection } from './champs';
import { ListeIndicateurs } from './indicateurs';
import type { FormFiche } from './modele';
import { PiecesFiche } from './pieces-fiche';

interface Props {
  fiche: FormFiche;
  index: number;
  /** The AAP's PLIE, id and name. */
  plies: { id: string; nom: string }[];
  objectifs: { code: string; libelle: string }[];
  onChange: (f: FormFiche) => void;
  onSupprimer: () => void;
  ouvertInitial: boolean;
}

const BASES_MINIMUM = [
  { valeur: 'contreparties', libelle: 'les contreparties du FSE (cofinancements comptés en contrepartie et autofinancement)' },
  { valeur: 'cofinancements', libelle: 'les cofinancements seuls (apports de tiers, hors autofinancement)' },
];

/** One fiche opération, folded in a <details> (content rendered only when open, to keep 80 fiches light). */
export function FormulaireFiche({ fiche, index, plies, objectifs, onChange, onSupprimer, ouvertInitial }: Props) {
  const base = `fiches.${index}`;
  const erreurs = useContext(ErreursContexte);
  const aDesErreurs = Object.keys(erreurs).some((c) => c.startsWith(`${base}.`));
  const [ouvert, setOuvert] = useState(ouvertInitial);
  useEffect(() => {
    if (aDesErreurs) setOuvert(true);
  }, [aDesErreurs, erreurs]);
  const maj = <K extends keyof FormFiche>(cle: K) => (v: FormFiche[K]) => onChange({ ...fiche, [cle]: v });
  const regle = fiche.regleFinancement;
  const majRegle = (p: Partial<FormFiche['regleFinancement']>) => onChange({ ...fiche, regleFinancement: { ...regle, ...p } });
  const codesOs = [...objectifs.map((o) => o.code).filter(Boolean), ...fiche.objectifsSpecifiques.filter((c) => !objectifs.some((o) => o.code === c))];

  return (
    <details className={`fiche-edition${aDesErreurs ? ' fiche-en-erreur' : ''}`} open={ouvert} onToggle={(e) => setOuvert(e.currentTarget.open)}>
      <summary>
        <span className="code-fiche">{fiche.code || `Fiche ${index + 1}`}</span>
        <span className="fiche-edition-titre">{fiche.titre || 'Sans titre'}</span>
        {aDesErreurs && <span className="badge badge-erreur">Erreurs</span>}
      </summary>
      {ouvert && (
        <div className="fiche-edition-corps">
          <div className="grille-2">
            <Champ chemin={`${base}.code`} label="Code de la fiche" aide="Ex. A1, GP2, ET5" value={fiche.code} onChange={maj('code')} />
            <Selection
              chemin={`${base}.plie`}
              label="PLIE"
              aide={plies.length ? undefined : 'Cochez d’abord les PLIE concernés par l’appel à projets.'}
              value={fiche.plie}
              onChange={maj('plie')}
              options={plies.map((p) => ({ valeur: p.id, libelle: p.nom }))}
            />
          </div>
          <Champ chemin={`${base}.titre`} label="Titre de la fiche" value={fiche.titre} onChange={maj('titre')} multiligne />
          <fieldset className="groupe-liste" aria-describedby={erreurs[`${base}.objectifsSpecifiques`] ? `${idChamp(`${base}.objectifsSpecifiques`)}-erreur` : undefined}>
            <legend>Objectifs spécifiques visés</legend>
            {erreurs[`${base}.objectifsSpecifiques`] && (
              <p id={`${idChamp(`${base}.objectifsSpecifiques`)}-erreur`} className="message-erreur">{erreurs[`${base}.objectifsSpecifiques`]}</p>
            )}
            {codesOs.length === 0 && <p className="discret">Déclarez d’abord les objectifs spécifiques du programme.</p>}
            <div className="cases-en-ligne">
              {codesOs.map((c) => (
                <CaseACocher
                  key={c}
                  chemin={`${base}.objectifsSpecifiques.${c}`}
                  label={c}
                  checked={fiche.objectifsSpecifiques.includes(c)}
                  onChange={(v) => maj('objectifsSpecifiques')(v ? [...fiche.objectifsSpecifiques, c] : fiche.objectifsSpecifiques.filter((x) => x !== c))}
                />
              ))}
            </div>
          </fieldset>
          <ListeTextes chemin={`${base}.axesStrategiques`} legende="Axes stratégiques" element="Axe" ajouter="Ajouter un axe" items={fiche.axesStrategiques} onChange={maj('axesStrategiques')} multiligne />
          <Champ chemin={`${base}.axeOperationnel`} label="Axe opérationnel" facultatif value={fiche.axeOperationnel} onChange={maj('axeOperationnel')} />
          <Champ chemin={`${base}.territoire`} label="Territoire" facultatif value={fiche.territoire} onChange={maj('territoire')} multiligne />
          <Champ chemin={`${base}.cible`} label="Public cible" facultatif value={fiche.cible} onChange={maj('cible')} multiligne />
          <div className="grille-2">
            <Champ chemin={`${base}.periode.debut`} type="date" label="Début de la période" value={fiche.periode.debut} onChange={(v) => maj('periode')({ ...fiche.periode, debut: v })} />
            <Champ chemin={`${base}.periode.fin`} type="date" label="Fin de la période" value={fiche.periode.fin} onChange={(v) => maj('periode')({ ...fiche.periode, fin: v })} />
          </div>
          <Champ chemin={`${base}.periode.texte`} label="Précisions sur la période" facultatif multiligne value={fiche.periode.texte} onChange={(v) => maj('periode')({ ...fiche.periode, texte: v })} />
          <fieldset className="groupe-liste" aria-describedby={`${idChamp(base)}-syntaxe`}>
            <legend>Présentation de l’opération</legend>
            <p className="aide" id={`${idChamp(base)}-syntaxe`}>{SYNTAXE_TEXTE_RICHE}</p>
            {TEXTES_FICHE.map(({ cle, titre }) => (
              <Champ key={cle} chemin={`${base}.${cle}`} label={titre} facultatif multiligne lignes={5} value={fiche[cle]} onChange={maj(cle)} />
            ))}
          </fieldset>
          <ListeIndicateurs base={`${base}.indicateurs`} items={fiche.indicateurs} onChange={maj('indicateurs')} />
          <PiecesFiche base={`${base}.piecesJustificatives`} items={fiche.piecesJustificatives} onChange={maj('piecesJustificatives')} />
          <ListeTextes
            chemin={`${base}.conditionsRecevabilite`}
            legende="Conditions de recevabilité"
            aide="Vérifiées par oui ou non à la recevabilité, sans note."
            element="Condition"
            ajouter="Ajouter une condition de recevabilité"
            items={fiche.conditionsRecevabilite}
            onChange={maj('conditionsRecevabilite')}
            multiligne
          />
          <ListeTextes chemin={`${base}.criteresSelection`} legende="Critères de sélection de la fiche" element="Critère" ajouter="Ajouter un critère" items={fiche.criteresSelection} onChange={maj('criteresSelection')} multiligne />
          <ListeTextes chemin={`${base}.conditionsFinancement`} legende="Conditions de financement" element="Condition" ajouter="Ajouter une condition" items={fiche.conditionsFinancement} onChange={maj('conditionsFinancement')} multiligne />
          <fieldset className="groupe-liste">
            <legend>Règle de financement</legend>
            <CaseACocher chemin={`${base}.regleFinancement.cofinancementRequis`} label="Un cofinancement est obligatoire" checked={regle.cofinancementRequis} onChange={(v) => majRegle({ cofinancementRequis: v })} />
            <div className="grille-2">
              <Champ chemin={`${base}.regleFinancement.minContrepartiesPct`} label="Minimum (% du coût total)" aide="Vide si aucune exigence" facultatif inputMode="decimal" value={regle.minContrepartiesPct} onChange={(v) => majRegle({ minContrepartiesPct: v })} />
              <Selection
                chemin={`${base}.regleFinancement.baseMinimum`}
                label="Le minimum porte sur"
                value={regle.baseMinimum || 'contreparties'}
                options={BASES_MINIMUM}
                onChange={(v) => majRegle({ baseMinimum: v === 'cofinancements' ? 'cofinancements' : 'contreparties' })}
              />
            </div>
            <Champ chemin={`${base}.regleFinancement.maxFsePct`} label="Taux FSE maximal (% du coût total)" aide="Vide : plafond du programme" facultatif inputMode="decimal" className="champ-court" value={regle.maxFsePct} onChange={(v) => majRegle({ maxFsePct: v })} />
          </fieldset>
          <ListeTextes chemin={`${base}.autresContraintes`} legende="Autres contraintes" element="Contrainte" ajouter="Ajouter une contrainte" items={fiche.autresContraintes} onChange={maj('autresContraintes')} multiligne />
          <Champ
            chemin={`${base}.notesInternes`}
            label="Notes internes (OI)"
            aide="Une note par ligne. Jamais publiées : réservées aux agents de l’OI."
            facultatif
            multiligne
            lignes={3}
            value={fiche.notesInternes}
            onChange={maj('notesInternes')}
          />
          <div className="actions actions-droite">
            <button type="button" className="bouton bouton-danger" onClick={onSupprimer}>
              Supprimer la fiche {fiche.code || index + 1}
            </button>
          </div>
        </div>
      )}
    </details>
  );
}
