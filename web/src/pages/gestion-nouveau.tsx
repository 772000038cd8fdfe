import { FilAriane } from '../components/ui';
import { FormulaireAap } from '../form/formulaire-aap';
import { formulaireVide } from '../form/modele';
import { api } from '../lib/api';
import { useTitre } from '../lib/annonces';
import { useSession } from '../lib/auth';
import { Link, navigate } from '../lib/router';
import { Aap } from '../lib/schemas';

export function PageNouvelAap() {
  useTitre('Nouvel appel à projets');
  const session = useSession();
  return (
    <>
      <FilAriane elements={[{ libelle: 'Gestion', lien: <Link to="/gestion">Gestion</Link> }, { libelle: 'Nouvel appel à projets' }]} />
      <div className="entete-page">
        <h1>Nouvel appel à projets</h1>
        <p className="chapo">L’appel est enregistré en brouillon : il ne sera visible du public qu’après sa publication.</p>
      </div>
      <FormulaireAap
        initial={formulaireVide(session?.oi ?? null)}
        libelleBouton="Enregistrer le brouillon"
        onAnnuler={() => navigate('/gestion')}
        onSoumettre={async (contenu) => {
          const { data } = await api('/aaps', Aap, { method: 'POST', body: contenu, auth: true });
          navigate(`/gestion/aaps/${encodeURIComponent(data.id)}`, { flash: `Brouillon « ${data.reference} » créé.` });
        }}
      />
    </>
  );
}
