import { useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { api, type ApiError, enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { AlerteRefus, cheminServeur } from './commun';
import { Comite, type TComite } from './schemas';

/** The demo accounts of the comité role (local identity provider). */
export const MEMBRES_DEMO = [1, 2, 3, 4, 5].map((n) => `comite${n}@guichet.test`);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const dansDeuxSemaines = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + 14 * 86_400_000));

const LIBELLES: Record<string, string> = {
  plie: 'PLIE',
  date: 'Date de la séance',
  heure: 'Heure',
  lieu: 'Lieu',
  membres: 'Membres',
  president: 'Président(e)',
  quorum: 'Quorum',
};

/** « a@x.fr, b@y.fr » or one per line → trimmed, lower-case addresses. */
const adresses = (texte: string) => texte.split(/[\s,;]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);

/**
 * Creates a comité de pilotage session for one PLIE of the AAP (sent by id; the comité keeps its name): date, place,
 * members, president, rules.
 */
export function FormulaireComite({ aapId, plies, onCree }: { aapId: string; plies: readonly { id: string; nom: string }[]; onCree: (c: TComite) => void }) {
  const annoncer = useAnnoncer();
  const [plie, setPlie] = useState(plies.length === 1 ? plies[0]!.id : '');
  const [date, setDate] = useState(dansDeuxSemaines);
  const [heure, setHeure] = useState('14:00');
  const [lieu, setLieu] = useState('');
  const [demo, setDemo] = useState<string[]>([]);
  const [autres, setAutres] = useState('');
  const [president, setPresident] = useState('');
  const [quorum, setQuorum] = useState<'moitie_plus_un' | 'nombre'>('moitie_plus_un');
  const [nombre, setNombre] = useState('3');
  const [majorite, setMajorite] = useState<'simple' | 'deux_tiers'>('simple');
  const [erreurs, setErreurs] = useState<Record<string, string>>({});
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const resume = useRef<HTMLDivElement>(null);

  const membres = [...new Set([...demo, ...adresses(autres)])];
  const choisirDemo = (email: string, oui: boolean) => {
    setDemo((d) => (oui ? [...d, email] : d.filter((x) => x !== email)));
    if (!oui && president === email) setPresident('');
  };

  const verifier = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (!plie) e.plie = 'Choisissez le PLIE concerné.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) e.date = 'Indiquez la date de la séance.';
    if (!/^\d{2}:\d{2}$/.test(heure)) e.heure = 'Indiquez l’heure (HH:MM).';
    const invalides = adresses(autres).filter((a) => !EMAIL.test(a));
    if (invalides.length) e.membres = `Adresse e-mail invalide : ${invalides.join(', ')}.`;
    else if (membres.length === 0) e.membres = 'Choisissez au moins un membre.';
    if (!president) e.president = 'Choisissez le président ou la présidente parmi les membres.';
    if (quorum === 'nombre' && !(Number(nombre) >= 1 && Number.isInteger(Number(nombre)))) e.quorum = 'Indiquez un nombre entier de votants, 1 au moins.';
    return e;
  };

  const soumettre = async (ev: FormEvent) => {
    ev.preventDefault();
    setRefus(null);
    const e = verifier();
    setErreurs(e);
    if (Object.keys(e).length) {
      annoncer(`Le formulaire comporte ${Object.keys(e).length} erreur(s).`);
      window.setTimeout(() => resume.current?.focus(), 0);
      return;
    }
    setEnvoi(true);
    try {
      const { data } = await api('/comites', Comite, {
        method: 'POST',
        auth: true,
        body: {
          aapId, plie, date, heure, lieu: lieu.trim(), membres, president,
          regles: { quorum: quorum === 'nombre' ? { type: 'nombre', nombre: Number(nombre) } : { type: 'moitie_plus_un' }, majorite },
        },
      });
      annoncer('Comité créé.');
      onCree(data);
    } catch (x) {
      const r = enErreur(x);
      const champs: Record<string, string> = {};
      for (const d of r.details) {
        const c = cheminServeur(d.chemin).split('.')[0] ?? '';
        champs[c === 'regles' ? 'quorum' : c] = d.message;
      }
      setErreurs(champs);
      setRefus(r);
      annoncer(`Le comité n’a pas été créé : ${r.message}`);
    } finally {
      setEnvoi(false);
    }
  };

  const aller = (e: MouseEvent<HTMLAnchorElement>, cle: string) => {
    const el = document.getElementById(`comite-${cle}`);
    if (!el) return;
    e.preventDefault();
    (el.matches('input, select, textarea') ? el : (el.querySelector<HTMLElement>('input, select') ?? el)).focus();
  };
  const attr = (cle: string) => ({
    id: `comite-${cle}`,
    'aria-invalid': erreurs[cle] ? true : undefined,
    'aria-describedby': erreurs[cle] ? `comite-${cle}-erreur` : undefined,
  });
  const message = (cle: string) => (erreurs[cle] ? <p id={`comite-${cle}-erreur`} className="message-erreur">{erreurs[cle]}</p> : null);
  const classe = (cle: string) => `champ${erreurs[cle] ? ' champ-erreur' : ''}`;
  const entrees = Object.entries(erreurs);

  return (
    <form className="carte formulaire-comite" aria-labelledby="nouveau-comite-titre" onSubmit={(e) => void soumettre(e)} noValidate>
      <h2 id="nouveau-comite-titre">Nouvelle séance de comité</h2>
      {refus && <AlerteRefus key={refus.message} erreur={refus} titre="Le comité n’a pas été créé" />}
      {entrees.length > 0 && !refus && (
        <div className="alerte alerte-erreur resume-erreurs" role="alert" tabIndex={-1} ref={resume}>
          <p className="alerte-titre">{entrees.length > 1 ? `Le formulaire comporte ${entrees.length} erreurs` : 'Le formulaire comporte une erreur'}</p>
          <ul>
            {entrees.map(([cle, m]) => (
              <li key={cle}><a href={`#comite-${cle}`} onClick={(e) => aller(e, cle)}>{LIBELLES[cle] ?? cle} : {m}</a></li>
            ))}
          </ul>
        </div>
      )}
      <div className="grille-2">
        <div className={classe('plie')}>
          <label htmlFor="comite-plie">PLIE</label>
          <select {...attr('plie')} value={plie} required onChange={(e) => setPlie(e.target.value)}>
            <option value="">— Choisir —</option>
            {plies.map((p) => <option key={p.id} value={p.id}>{p.nom}</option>)}
          </select>
          {message('plie')}
        </div>
        <div className={classe('lieu')}>
          <label htmlFor="comite-lieu">Lieu <span className="facultatif">(facultatif)</span></label>
          <input {...attr('lieu')} type="text" value={lieu} onChange={(e) => setLieu(e.target.value)} />
          {message('lieu')}
        </div>
        <div className={classe('date')}>
          <label htmlFor="comite-date">Date de la séance</label>
          <input {...attr('date')} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
          {message('date')}
        </div>
        <div className={classe('heure')}>
          <label htmlFor="comite-heure">Heure</label>
          <input {...attr('heure')} type="time" required value={heure} onChange={(e) => setHeure(e.target.value)} />
          {message('heure')}
        </div>
      </div>
      <fieldset className={`groupe-liste${erreurs.membres ? ' champ-erreur' : ''}`} id="comite-membres" aria-describedby={erreurs.membres ? 'comite-membres-erreur' : undefined}>
        <legend>Membres</legend>
        <p className="aide">Comptes de démonstration du rôle « membre de comité » :</p>
        <div className="cases-membres">
          {MEMBRES_DEMO.map((m) => (
            <div key={m} className="champ champ-case">
              <input id={`comite-membre-${m}`} type="checkbox" checked={demo.includes(m)} onChange={(e) => choisirDemo(m, e.target.checked)} />
              <label htmlFor={`comite-membre-${m}`}>{m}</label>
            </div>
          ))}
        </div>
        <div className="champ">
          <label htmlFor="comite-autres">Autres membres <span className="facultatif">(facultatif)</span></label>
          <p className="aide" id="comite-autres-aide">Adresses e-mail, une par ligne ou séparées par des virgules.</p>
          <textarea id="comite-autres" rows={2} value={autres} onChange={(e) => setAutres(e.target.value)} aria-describedby="comite-autres-aide" />
        </div>
        {message('membres')}
      </fieldset>
      <div className={`${classe('president')} champ-president`}>
        <label htmlFor="comite-president">Président(e) de séance</label>
        <select {...attr('president')} value={president} required onChange={(e) => setPresident(e.target.value)}>
          <option value="">{membres.length ? '— Choisir parmi les membres —' : '— Cochez d’abord les membres —'}</option>
          {membres.map((m) => <option key={m} value={m}>{m}</option>)}
        </select>
        {message('president')}
      </div>
      <details className="regles-comite">
        <summary>Règles de délibération : quorum {quorum === 'nombre' ? `de ${nombre} votants` : 'de la moitié plus un'}, majorité {majorite === 'simple' ? 'simple' : 'des deux tiers'}</summary>
        <div className="grille-2">
          <fieldset id="comite-quorum" className={erreurs.quorum ? 'champ-erreur' : undefined}>
            <legend>Quorum</legend>
            <div className="champ champ-case">
              <input id="quorum-moitie" type="radio" name="quorum" checked={quorum === 'moitie_plus_un'} onChange={() => setQuorum('moitie_plus_un')} />
              <label htmlFor="quorum-moitie">Plus de la moitié des membres sans conflit d’intérêts</label>
            </div>
            <div className="champ champ-case">
              <input id="quorum-nombre" type="radio" name="quorum" checked={quorum === 'nombre'} onChange={() => setQuorum('nombre')} />
              <label htmlFor="quorum-nombre">Un nombre minimal de votants</label>
            </div>
            {quorum === 'nombre' && (
              <div className="champ champ-court">
                <label htmlFor="quorum-valeur">Nombre minimal de votants</label>
                <input id="quorum-valeur" type="number" min={1} max={100} inputMode="numeric" value={nombre} onChange={(e) => setNombre(e.target.value)} />
              </div>
            )}
            {message('quorum')}
          </fieldset>
          <fieldset>
            <legend>Majorité</legend>
            <div className="champ champ-case">
              <input id="majorite-simple" type="radio" name="majorite" checked={majorite === 'simple'} onChange={() => setMajorite('simple')} />
              <label htmlFor="majorite-simple">Simple (plus de « pour » que de « contre »)</label>
            </div>
            <div className="champ champ-case">
              <input id="majorite-deux-tiers" type="radio" name="majorite" checked={majorite === 'deux_tiers'} onChange={() => setMajorite('deux_tiers')} />
              <label htmlFor="majorite-deux-tiers">Des deux tiers des suffrages exprimés</label>
            </div>
          </fieldset>
        </div>
      </details>
      <div className="actions">
        <button type="submit" className="bouton" disabled={envoi}>{envoi ? 'Création…' : 'Créer le comité'}</button>
      </div>
    </form>
  );
}
