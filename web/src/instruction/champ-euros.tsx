import { SaisieEuros } from '../dossier/champ-montant';

/** A required amount typed in euros as French text (« 8 560,00 »), on the instruction and programmation forms. */
export function ChampEuros(props: { id: string; label: string; value: string; onChange: (v: string) => void; aide?: string; erreur?: string | undefined }) {
  return <SaisieEuros {...props} className="champ-court" requis enEurosVisible />;
}
