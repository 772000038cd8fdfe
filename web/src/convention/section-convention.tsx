import '../styles-convention.css';
import { useState } from 'react';
import { Alerte, Chargement, ErreurApi } from '../components/ui';
import { useApi } from '../lib/api';
import { formatDate, formatMontant } from '../lib/format';
import { OrganisationDetail, type TDossier } from '../lib/schemas-dossier';
import { AlerteSucces, BadgeVersion, DetailAvenant, FormulaireSignature, HistoriqueVersions, LienDocument, ResumeContenu, useConvention, versionEnCours, versionEnVigueur } from './commun';
import { nomVersion } from './libelles';

/**
 * Porteur, « Convention » of a programmed dossier: the version to sign with its PDF and SHA-256 (a signataire signs,
 * a rédacteur sees who may), the version in force, and every version's PDF (the signed one sealed by the platform).
 */
export function SectionConvention({ dossier, signataire, onChange }: { dossier: TDossier; signataire: boolean; onChange?: () => void }) {
  const programme = dossier.statut === 'programme';
  const { donnee: c, erreur, chargement, recharger, remplacer } = useConvention(dossier.id, programme);
  const membres = useApi(programme && !signataire ? `/organisations/${encodeURIComponent(dossier.organisationId)}` : null, OrganisationDetail, true);
  const [succes, setSucces] = useState<string | null>(null);
  if (!programme) return null;
  if (!c) {
    return chargement ? <Chargement texte="Chargement de la convention…" /> : erreur ? <ErreurApi erreur={erreur} onReessayer={() => void recharger()} /> : null;
  }
  const enCours = versionEnCours(c);
  const enVigueur = versionEnVigueur(c);
  // A version still in preparation is the OI's draft: the porteur sees it once sent.
  const aMontrer = enCours && enCours.statut !== 'en_preparation' ? enCours : null;
  const signataires = (membres.data?.membres ?? []).filter((m) => m.role === 'signataire').map((m) => m.nom ?? m.email);
  return (
    <section className="carte section-convention page-convention" aria-labelledby="convention-titre" id="section-convention">
      <h2 id="convention-titre">Convention</h2>
      <AlerteSucces message={succes} />
      {!c.suivi || (!enVigueur && !aMontrer) ? (
        <p>L’organisme intermédiaire prépare la convention de votre opération. Vous serez prévenu par courriel quand elle sera prête à signer.</p>
      ) : null}
      {aMontrer && (
        <div className="version-a-signer" data-testid="version-a-signer">
          <div className="version-en-cours-tete">
            <h3>{nomVersion(aMontrer)} — version {aMontrer.numero}</h3>
            <BadgeVersion statut={aMontrer.statut} />
          </div>
          <DetailAvenant v={aMontrer} />
          <ResumeContenu contenu={aMontrer.contenu} id="a-signer" />
          <p className="actions"><LienDocument dossierId={dossier.id} reference={dossier.reference} v={aMontrer} /></p>
          {aMontrer.statut === 'a_signer_porteur' && (signataire ? (
            <FormulaireSignature
              dossierId={dossier.id}
              v={aMontrer}
              partie="porteur"
              qualiteParDefaut={aMontrer.contenu.parties.representant.qualite}
              onSigne={(nouvelle, message) => { remplacer(nouvelle); setSucces(message); onChange?.(); }}
            />
          ) : (
            <Alerte type="info" titre="À signer par un signataire de l’organisation">
              <p>
                Seul un signataire de {dossier.organisationNom} peut signer
                {signataires.length ? ` : ${signataires.join(', ')}.` : '.'} Vous pouvez relire le document en attendant.
              </p>
            </Alerte>
          ))}
          {aMontrer.statut === 'a_contresigner' && (
            <Alerte type="info" titre="Signée, en attente de la contresignature de l’OI">
              <p>Vous serez prévenu par courriel quand l’organisme intermédiaire l’aura contresignée : elle entrera alors en vigueur.</p>
            </Alerte>
          )}
        </div>
      )}
      {enVigueur && (
        <div className="version-en-vigueur">
          <h3>En vigueur : {nomVersion(enVigueur).toLowerCase()} (version {enVigueur.numero})</h3>
          <p>
            Du {formatDate(enVigueur.contenu.periode.debut)} au {formatDate(enVigueur.contenu.periode.fin)}, {formatMontant(enVigueur.contenu.fseConventionneCentimes)} de
            FSE conventionné.
          </p>
          <DetailAvenant v={enVigueur} />
          <p className="actions"><LienDocument dossierId={dossier.id} reference={dossier.reference} v={enVigueur} /></p>
        </div>
      )}
      {c.versions.some((v) => v.statut !== 'en_preparation') && (
        <HistoriqueVersions convention={{ ...c, versions: c.versions.filter((v) => v.statut !== 'en_preparation') }} reference={dossier.reference} imbrique />
      )}
    </section>
  );
}
