import type { TDossier } from '../lib/schemas-dossier';
import { FilDossier } from '../messagerie/fil-dossier';

/**
 * The « Messagerie » tab of the OI's dossier page: the messagerie between the porteur's organisation and the OI
 * (threads, verified attachments, read/unread per agent) and the OI's annotations privées. A message changes no state
 * of the dossier: `onChange` is not called.
 */
export function OngletMessagerie({ dossier }: { dossier: TDossier; onChange?: () => void }) {
  return (
    <div data-testid="onglet-messagerie">
      <FilDossier dossierId={dossier.id} cote="oi" />
    </div>
  );
}
