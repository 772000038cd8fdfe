import '../styles-gestion.css';
import { useState, type FormEvent } from 'react';
import { FILES, TableauDeBord, type LigneBilan } from '#shared/schemas/gestion';
import { Chargement, ErreurApi } from '../components/ui';
import { useApi } from '../lib/api';
import { formatDate, formatInstant, pluriel } from '../lib/format';
import { Link, navigate, query } from '../lib/router';
import { LIBELLES_FILE } from './libelles';
import { ETATS_CONVENTION } from '../convention/libelles';
import { TableDossiersOi } from './table-dossiers';
import { ExportVirements } from '../bilan/export-virements';
import { estOiAdmin, useSession } from '../lib/auth';

const ETAPES_BILAN: Record<LigneBilan['etape'], string> = {
  a_deposer: 'Bilan à déposer par le porteur',
  a_controler: 'Bilan déposé à contrôler',
  en_csf: 'Contrôle en cours',
  contradictoire: 'Contrôle envoyé, réponse du porteur attendue',
  reponse_recue: 'Réponse du porteur reçue : contrôle à rendre définitif',
  paiement_a_valider: 'Paiement à valider',
  paiement_a_mettre_en_paiement: 'Paiement à mettre en paiement',
  paiement_a_constater: 'Paiement à constater',
};

function libelleEtapeBilan(b: LigneBilan): string {
  // « Bilan n° 2 (final) à déposer avant le 31/03/2027 »: the porteur's due date says what is awaited.
  if (b.etape === 'a_deposer') return `Bilan n° ${b.numero} (${b.nature === 'final' ? 'final' : 'intermédiaire'}) à déposer avant le ${b.deposerAvant ? formatDate(b.deposerAvant) : '—'}`;
  const bilan = b.numero !== null ? ` — bilan ${b.nature === 'final' ? 'final' : 'intermédiaire'} n° ${b.numero}` : '';
  const nombre = b.nombre && b.nombre > 1 ? ` (${b.nombre})` : '';
  return `${ETAPES_BILAN[b.etape]}${bilan}${nombre}`;
}

/**
 * The OI's tableau de bord: work queues (each counter opens its filtered list), search, « mes dossiers », the
 * dossiers followed, the deadlines to come, the conventions to sign and the bilans and payments to move on.
 */
export function TableauDeBordOi() {
  const { data, erreur, chargement, recharger } = useApi('/gestion/tableau-de-bord', TableauDeBord, true);
  const admin = estOiAdmin(useSession());
  const [q, setQ] = useState('');
  const chercher = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/gestion/recherche${query({ q: q.trim() })}`);
  };
  return (
    <div className="tableau-de-bord">
      <section className="carte" aria-labelledby="files-titre">
        <h2 id="files-titre">Files de travail</h2>
        {erreur && <ErreurApi erreur={erreur} onReessayer={recharger} />}
        {chargement && !data && <Chargement texte="Chargement du tableau de bord…" />}
        {data && (
          <>
            <ul className="files-travail" data-testid="compteurs">
              {FILES.map((f) => (
                <li key={f} className={`file-travail${f === 'complements_en_retard' && data.compteurs[f] > 0 ? ' file-alerte' : ''}`}>
                  <Link to={`/gestion/recherche${query({ file: f })}`} data-file={f}>
                    <span className="file-nombre">{data.compteurs[f]}</span> <span className="file-libelle">{LIBELLES_FILE[f]}</span>
                  </Link>
                </li>
              ))}
            </ul>
            <p className="meta">{pluriel(data.total, 'dossier déposé', 'dossiers déposés')} sur les appels à projets de l’OI.</p>
          </>
        )}
        <form role="search" className="recherche-dossiers" onSubmit={chercher}>
          <div className="champ champ-en-ligne">
            <label htmlFor="recherche-tdb">Rechercher un dossier</label>
            <input id="recherche-tdb" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Référence, organisation, SIRET ou intitulé" />
            <button type="submit" className="bouton">Rechercher</button>
          </div>
        </form>
      </section>
      {data && (
        <section className="carte" aria-labelledby="conventions-titre" data-testid="conventions">
          <h2 id="conventions-titre">Conventions</h2>
          {data.conventions.length === 0 ? (
            <p className="vide">Aucune convention à préparer ni à signer.</p>
          ) : (
            <div className="table-defilante" tabIndex={0} role="region" aria-labelledby="conventions-titre">
              <table className="table conventions-tdb">
                <thead>
                  <tr>
                    <th scope="col">Dossier</th>
                    <th scope="col">Organisation</th>
                    <th scope="col">État</th>
                    <th scope="col">Dernière modification</th>
                  </tr>
                </thead>
                <tbody>
                  {data.conventions.map((c) => (
                    <tr key={c.dossierId} data-etat={c.etat}>
                      <th scope="row">
                        <Link to={`/gestion/dossiers/${encodeURIComponent(c.dossierId)}${query({ onglet: 'convention' })}`}>{c.reference}</Link>
                        <span className="discret bloc">{c.intitule}</span>
                      </th>
                      <td>{c.organisationNom}</td>
                      <td>
                        <span className={`badge ${c.etat === 'a_contresigner' || c.etat === 'a_preparer' ? 'badge-brouillon' : 'badge-clos'}`}>
                          {ETATS_CONVENTION[c.etat]}{c.numero && c.numero > 1 ? ` — avenant n° ${c.numero - 1}` : ''}
                        </span>
                      </td>
                      <td>{formatInstant(c.modifieLe)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
      {data && (
        <section className="carte" aria-labelledby="bilans-titre" data-testid="bilans">
          <h2 id="bilans-titre">Bilans et paiements</h2>
          {data.bilans.length === 0 ? (
            <p className="vide">Aucun bilan à déposer ou à contrôler, ni paiement à faire avancer.</p>
          ) : (
            <div className="table-defilante" tabIndex={0} role="region" aria-labelledby="bilans-titre">
              <table className="table bilans-tdb">
                <thead>
                  <tr>
                    <th scope="col">Dossier</th>
                    <th scope="col">Organisation</th>
                    <th scope="col">À faire</th>
                    <th scope="col">Échéance</th>
                  </tr>
                </thead>
                <tbody>
                  {data.bilans.map((b) => (
                    <tr key={`${b.dossierId}-${b.etape}-${b.numero ?? ''}`} data-etape={b.etape}>
                      <th scope="row">
                        <Link to={`/gestion/dossiers/${encodeURIComponent(b.dossierId)}${query({ onglet: 'bilans' })}`}>{b.reference}</Link>
                        <span className="discret bloc">{b.intitule}</span>
                      </th>
                      <td>{b.organisationNom}</td>
                      <td>
                        <span className={`badge ${b.etape === 'contradictoire' || b.etape === 'a_deposer' ? 'badge-clos' : 'badge-brouillon'}`}>{libelleEtapeBilan(b)}</span>
                      </td>
                      <td>
                        {b.deposerAvant ? `Dépôt avant le ${formatDate(b.deposerAvant)}` : b.payerAvant ? `Paiement avant le ${formatDate(b.payerAvant)}` : '—'}
                        {b.enRetard && <> <span className="badge badge-erreur">en retard</span></>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {admin && data.bilans.some((b) => b.etape === 'paiement_a_mettre_en_paiement') && (
            <ExportVirements nombre={data.bilans.filter((b) => b.etape === 'paiement_a_mettre_en_paiement').reduce((s, b) => s + (b.nombre ?? 0), 0)} />
          )}
        </section>
      )}
      {data && (
        <div className="grille-tableau-de-bord">
          <section className="carte" aria-labelledby="mes-dossiers-titre">
            <h2 id="mes-dossiers-titre">Mes dossiers</h2>
            {data.mesDossiers.length === 0 ? (
              <p className="vide">Vous n’instruisez aucun dossier en cours. Sur la page d’un dossier, « Je m’en charge » l’ajoute ici.</p>
            ) : (
              <TableDossiersOi items={data.mesDossiers} libelle="Mes dossiers" />
            )}
            {data.suivis.length > 0 && (
              <>
                <h3>Dossiers que je suis</h3>
                <TableDossiersOi items={data.suivis} libelle="Dossiers que je suis" />
              </>
            )}
          </section>
          <section className="carte" aria-labelledby="echeances-titre">
            <h2 id="echeances-titre">Échéances à venir</h2>
            {data.echeances.length === 0 ? (
              <p className="vide">Aucune échéance à venir.</p>
            ) : (
              <ul className="liste echeances">
                {data.echeances.map((e) => (
                  <li key={`${e.type}-${e.dossierId ?? e.aapId}`} className={e.enRetard ? 'echeance-retard' : undefined}>
                    <strong>{e.type === 'cloture_aap' ? formatInstant(e.le) : formatDate(e.le)}</strong>
                    {e.enRetard && <span className="badge badge-erreur"> En retard</span>} —{' '}
                    {e.dossierId ? (
                      <Link to={`/gestion/dossiers/${encodeURIComponent(e.dossierId)}`}>{e.libelle} ({e.reference})</Link>
                    ) : (
                      <Link to={`/gestion/aaps/${encodeURIComponent(e.aapId)}`}>{e.libelle} ({e.reference})</Link>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
