/** What the OI's Convention tab and the porteur's Convention section both show: a version, its diff, its history, a signature. */
import { useRef, useState, type FormEvent } from 'react';
import { ReponseConvention, type ContenuConvention, type VersionConvention } from '#shared/schemas/convention';
import { Alerte, Definitions } from '../components/ui';
import { AlerteRefus, LienPdf } from '../comite/commun';
import { api, enErreur, type ApiError } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { formatDate, formatInstant, formatMontant, formatPourcentage, pluriel } from '../lib/format';
import { useRessource } from '../lib/use-ressource';
import { accorde, leNom, libelleChemin, libelleRegime, nomVersion, STATUTS_VERSION, valeurChemin } from './libelles';

export type TReponseConvention = ReponseConvention;

/** The dossier's convention, reloadable and replaceable by the answer of each write. */
export function useConvention(dossierId: string, actif = true) {
  return useRessource(`${dossierId}-${actif}`, async () =>
    actif ? (await api(`/dossiers/${encodeURIComponent(dossierId)}/convention`, ReponseConvention, { auth: true })).data : null,
  );
}

/** A write on the convention: the answer is the whole convention again (with the dossier's new version). */
export async function ecrireConvention(dossierId: string, chemin: '' | '/avenants' | '/envoi' | '/signatures', methode: 'POST' | 'PUT', corps?: unknown, version?: number) {
  const { data } = await api(`/dossiers/${encodeURIComponent(dossierId)}/convention${chemin}`, ReponseConvention, {
    method: methode,
    auth: true,
    ...(corps === undefined ? {} : { body: corps }),
    ...(version === undefined ? {} : { headers: { 'If-Match': `"${version}"` } }),
  });
  return data;
}

export const versionEnCours = (c: ReponseConvention | null) => c?.versions.find((v) => v.numero === c.suivi?.numeroEnCours) ?? null;
export const versionEnVigueur = (c: ReponseConvention | null) => c?.versions.find((v) => v.numero === c.suivi?.numeroEnVigueur) ?? null;

export function BadgeVersion({ statut }: { statut: VersionConvention['statut'] }) {
  const classe = statut === 'en_vigueur' ? 'badge badge-ouvert' : statut === 'remplacee' ? 'badge badge-clos' : 'badge badge-brouillon';
  return <span className={classe} data-statut-version={statut}>{STATUTS_VERSION[statut]}</span>;
}

/** The version's PDF: sealed once in force, frozen while signed, a « projet » while prepared. */
export function LienDocument({ dossierId, reference, v }: { dossierId: string; reference: string; v: VersionConvention }) {
  const base = v.nature === 'initiale' ? 'convention' : `avenant-${v.numero - 1}`;
  const [texte, suffixe] = v.scelle ? ['PDF signé et scellé', '-signee'] : v.document ? ['PDF à signer', ''] : ['Aperçu du projet (PDF)', '-projet'];
  return (
    <LienPdf cache chemin={`/dossiers/${encodeURIComponent(dossierId)}/convention/${v.numero}/document.pdf`} nom={`${base}-${reference}${suffixe}.pdf`} className="bouton bouton-secondaire bouton-petit">
      {texte}<span className="sr-only"> — {nomVersion(v)}</span>
    </LienPdf>
  );
}

/** The SHA-256 of the document signed: both parties sign this exact file. */
export function Empreinte({ sha256, libelle = 'Empreinte SHA-256 du document' }: { sha256: string; libelle?: string }) {
  return (
    <p className="empreinte">
      {libelle} : <code data-testid="empreinte-convention">{sha256}</code>
    </p>
  );
}

/** What the version says: period, FSE, rates, avance, régime, représentant, calendar of bilans, obligations. */
export function ResumeContenu({ contenu, id }: { contenu: ContenuConvention; id: string }) {
  const a = contenu.annexe;
  return (
    <>
      <Definitions
        lignes={[
          ['Période de réalisation', `du ${formatDate(contenu.periode.debut)} au ${formatDate(contenu.periode.fin)}`],
          ['FSE conventionné', <strong key="fse">{formatMontant(contenu.fseConventionneCentimes)}</strong>],
          ['Coût total', formatMontant(a.totaux.coutTotal)],
          ['Taux FSE', a.tauxFse?.pourcentage ?? '—'],
          ['Avance', contenu.avance.exemption ?? `${formatPourcentage(contenu.avance.pct)} du FSE, soit ${formatMontant(contenu.avance.montantCentimes)}`],
          ['Régime d’aide', libelleRegime(contenu.regimeAide)],
          ['Représentant de l’organisation', `${contenu.parties.representant.nom}, ${contenu.parties.representant.qualite}`],
          ['Obligations du bénéficiaire', pluriel(contenu.obligations.length, 'obligation', 'obligations')],
        ]}
      />
      <div className="table-defilante" tabIndex={0} role="region" aria-labelledby={`${id}-bilans`}>
        <table className="table">
          <caption id={`${id}-bilans`} className="legende-table">Calendrier des bilans</caption>
          <thead>
            <tr>
              <th scope="col">Bilan</th>
              <th scope="col">Période couverte jusqu’au</th>
              <th scope="col">À déposer au plus tard le</th>
            </tr>
          </thead>
          <tbody>
            {contenu.bilans.map((b) => (
              <tr key={b.numero}>
                <th scope="row">{b.nature === 'final' ? 'Bilan final' : `Bilan intermédiaire n° ${b.numero}`}</th>
                <td>{formatDate(b.periodeFin)}</td>
                <td>{formatDate(b.echeance)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** An avenant: its motif, its décision de réexamen and what it changes, field by field. */
export function DetailAvenant({ v }: { v: VersionConvention }) {
  const av = v.avenant;
  if (!av) return null;
  const id = `avenant-${v.numero}`;
  return (
    <div className="detail-avenant">
      <Definitions
        lignes={[
          ['Motif', av.motif],
          ['Renouvellement', av.renouvellement ? 'Oui' : 'Non'],
          ['Décision de réexamen', av.decision ? `${av.decision.reference} du ${formatDate(av.decision.date)}` : 'Pas encore indiquée'],
        ]}
      />
      <div className="table-defilante" tabIndex={0} role="region" aria-labelledby={`${id}-modifications`}>
        <table className="table" data-testid="modifications-avenant">
          <caption id={`${id}-modifications`} className="legende-table">Modifications apportées par {leNom(v)}</caption>
          <thead>
            <tr>
              <th scope="col">Élément modifié</th>
              <th scope="col">Avant</th>
              <th scope="col">Après</th>
            </tr>
          </thead>
          <tbody>
            {av.modifications.map((m) => (
              <tr key={m.chemin}>
                <th scope="row" title={m.chemin}>{libelleChemin(m.chemin)}</th>
                <td className="valeur-avant">{valeurChemin(m.chemin, m.avant)}</td>
                <td className="valeur-apres">{valeurChemin(m.chemin, m.apres)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Every version, newest first: statut, signatures (who, in what capacity, when) and its PDF. */
export function HistoriqueVersions({ convention, reference, imbrique = false }: { convention: ReponseConvention; reference: string; imbrique?: boolean }) {
  const versions = [...convention.versions].sort((a, b) => b.numero - a.numero);
  const Titre = imbrique ? 'h3' : 'h2';
  return (
    <section className={imbrique ? 'historique-versions' : 'carte'} aria-labelledby="versions-titre">
      <Titre id="versions-titre">Historique des versions</Titre>
      <div className="table-defilante" tabIndex={0} role="region" aria-labelledby="versions-titre">
        <table className="table table-versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Statut</th>
              <th scope="col">Signatures</th>
              <th scope="col">Document</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.numero} data-numero={v.numero}>
                <th scope="row">
                  {nomVersion(v)}
                  <span className="discret"> — version {v.numero}</span>
                  {v.enVigueurLe && <span className="discret bloc">En vigueur le {formatInstant(v.enVigueurLe)}</span>}
                </th>
                <td><BadgeVersion statut={v.statut} /></td>
                <td>
                  {v.signatures.length === 0 ? (
                    <span className="discret">{v.envoyeeLe ? `Envoyée le ${formatInstant(v.envoyeeLe)}` : 'Aucune'}</span>
                  ) : (
                    <ul className="liste-signatures">
                      {v.signatures.map((s) => (
                        <li key={s.partie}>
                          <strong>{s.nom}</strong>, {s.qualite} ({s.partie === 'porteur' ? 'organisation' : 'OI'}) — {formatInstant(s.le, s.fuseau)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td><LienDocument dossierId={convention.dossierId} reference={reference} v={v} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * A signature on the version awaiting it: the document's SHA-256 shown, the signer's qualité, then a confirmation
 * naming what is signed. The server checks that the hash is the one of the document it froze.
 */
export function FormulaireSignature({ dossierId, v, partie, qualiteParDefaut = '', onSigne }: {
  dossierId: string;
  v: VersionConvention;
  partie: 'porteur' | 'oi';
  qualiteParDefaut?: string;
  onSigne: (c: ReponseConvention, message: string) => void;
}) {
  const annoncer = useAnnoncer();
  const [qualite, setQualite] = useState(qualiteParDefaut);
  const [erreur, setErreur] = useState<string | null>(null);
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const dialogue = useRef<HTMLDialogElement>(null);
  const action = partie === 'porteur' ? 'Signer' : 'Contresigner';
  const idBase = `signature-${partie}-${v.numero}`;
  if (!v.document) return null;
  const sha256 = v.document.sha256;

  const soumettre = (e: FormEvent) => {
    e.preventDefault();
    setRefus(null);
    if (!qualite.trim()) {
      setErreur('Indiquez en quelle qualité vous signez (par exemple « Présidente »).');
      document.getElementById(`${idBase}-qualite`)?.focus();
      return;
    }
    setErreur(null);
    dialogue.current?.showModal();
  };
  const signer = async () => {
    setEnvoi(true);
    try {
      const c = await ecrireConvention(dossierId, '/signatures', 'POST', { numero: v.numero, sha256, qualite: qualite.trim() });
      dialogue.current?.close();
      const message = partie === 'porteur'
        ? `${nomVersion(v)} ${accorde(v, 'signé')}. L’organisme intermédiaire ${v.nature === 'initiale' ? 'la' : 'le'} contresignera.`
        : `${nomVersion(v)} ${accorde(v, 'contresigné')} : ${v.nature === 'initiale' ? 'elle' : 'il'} est en vigueur, et son PDF est scellé.`;
      annoncer(message);
      onSigne(c, message);
    } catch (x) {
      dialogue.current?.close();
      const r = enErreur(x);
      setRefus(r);
      annoncer(`La signature a échoué : ${r.message}`);
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <form className="formulaire-signature" onSubmit={soumettre} noValidate aria-labelledby={`${idBase}-titre`}>
      <h3 id={`${idBase}-titre`}>{action} {leNom(v)}</h3>
      <p>
        Vous signez le document PDF ci-dessus, identifié par son empreinte. Ouvrez-le et relisez-le avant de signer : la
        signature porte sur ce fichier exact.
      </p>
      <Empreinte sha256={sha256} />
      {refus && <AlerteRefus key={refus.message} erreur={refus} titre="La signature a échoué" />}
      <div className={`champ champ-qualite${erreur ? ' champ-erreur' : ''}`}>
        <label htmlFor={`${idBase}-qualite`}>Qualité du signataire</label>
        <input
          id={`${idBase}-qualite`}
          type="text"
          value={qualite}
          maxLength={200}
          autoComplete="organization-title"
          onChange={(e) => setQualite(e.target.value)}
          aria-invalid={erreur ? true : undefined}
          aria-describedby={erreur ? `${idBase}-qualite-erreur` : `${idBase}-qualite-aide`}
        />
        {erreur ? <p id={`${idBase}-qualite-erreur`} className="message-erreur">{erreur}</p> : <p id={`${idBase}-qualite-aide`} className="aide">Par exemple « Président », « Directrice ».</p>}
      </div>
      <button type="submit" className="bouton" disabled={envoi}>{action}</button>
      <dialog ref={dialogue} className="dialogue" aria-labelledby={`${idBase}-confirmation`}>
        <h2 id={`${idBase}-confirmation`}>{action} {leNom(v)} ?</h2>
        <p>
          Vous signez en qualité de « {qualite.trim()} » le document d’empreinte <code>{sha256.slice(0, 16)}…</code>.
          {partie === 'oi' ? ' La version entrera en vigueur et son PDF sera scellé par la plateforme.' : ' L’organisme intermédiaire contresignera ensuite.'}
        </p>
        <div className="actions">
          <button type="button" className="bouton" disabled={envoi} onClick={() => void signer()}>
            {envoi ? 'Signature…' : `Confirmer : ${action.toLowerCase()}`}
          </button>
          <button type="button" className="bouton bouton-secondaire" onClick={() => dialogue.current?.close()}>Annuler</button>
        </div>
      </dialog>
    </form>
  );
}

/** The message of a refused write, when no form field carries it. */
export function AlerteSucces({ message }: { message: string | null }) {
  return message ? <Alerte key={message} type="succes" focus>{<p>{message}</p>}</Alerte> : null;
}
