import type { TDossier } from '../lib/schemas-dossier';
import { FilDossier } from '../messagerie/fil-dossier';
import type { UseMessagerie } from '../messagerie/use-messagerie';

/**
 * The « Messagerie » tab of the OI's dossier page: the messagerie between the porteur's organisation and the OI
 * (threads, verified attachments, read/unread per agent) and the OI's annotations privées. A message changes no state
 * of the dossier: `onChange` is not called. `messagerie`: the page's state, whose unread count its tab shows.
 */
export function OngletMessagerie({ dossier, messagerie }: { dossier: TDossier; onChange?: () => void; messagerie?: UseMessagerie }) {
  return (
    <div data-testid="onglet-messagerie">
      <FilDossier dossierId={dossier.id} cote="oi" messagerie={messagerie} />
    </div>
  );
}
