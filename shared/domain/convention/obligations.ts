/**
 * The texts a convention prints: the regulations it cites, by programme, and the obligations of the beneficiary with
 * the conflict-of-interest and anti-fraud clauses. Each obligation has a stable code: a convention version stores the
 * codes it printed, so that a later wording never rewrites a signed document (its PDF is kept anyway).
 * Source: seed 002, « Les principales obligations liées à un cofinancement par le FSE » (l.7811–7904), « Prévention
 * de conflit d’intérêt et lutte anti-fraude » (l.7609–7660), « Réglementation applicable » (l.7511–7556).
 */
import type { CodeProgramme } from '../programmes';

export interface Obligation {
  code: string;
  titre: string;
  texte: string;
  source: string;
}

export const OBLIGATIONS: readonly Obligation[] = [
  {
    code: 'ABANDON',
    titre: 'Abandon de l’opération',
    texte: 'Le bénéficiaire informe sans délai le service gestionnaire de l’abandon de tout ou partie de l’opération.',
    source: 'Seed 002 l.7817',
  },
  {
    code: 'AVENANT',
    titre: 'Modification de l’opération',
    texte:
      'L’objet général, la période de réalisation et le plan de financement de la présente convention ne peuvent être modifiés sans l’accord formel du service gestionnaire et un réexamen de l’instance de programmation, formalisés par un avenant, au risque de ne pas percevoir tout ou partie de l’aide FSE. L’extension du territoire de l’opération requiert également un avenant.',
    source: 'Seed 002 l.7818–7822, l.3247–3249',
  },
  {
    code: 'DROIT_EUROPEEN',
    titre: 'Droit européen',
    texte: 'Le bénéficiaire respecte le droit européen applicable, notamment les règles de concurrence et la réglementation relative aux aides d’État.',
    source: 'Seed 002 l.7823–7824',
  },
  {
    code: 'PUBLICITE',
    titre: 'Publicité',
    texte:
      'Le bénéficiaire informe les participants, le personnel affecté à l’opération, les financeurs nationaux et les structures associées à sa réalisation de la participation du FSE à son financement.',
    source: 'Seed 002 l.7826–7828',
  },
  {
    code: 'COMPTABILITE_SEPAREE',
    titre: 'Comptabilité séparée',
    texte:
      'Les dépenses et les ressources de l’opération font l’objet d’un suivi distinct dans la comptabilité du bénéficiaire, qui est en mesure d’isoler, au sein de sa comptabilité générale, les charges et les produits liés à l’opération.',
    source: 'Seed 002 l.7830–7832',
  },
  {
    code: 'PIECES_ET_PARTICIPANTS',
    titre: 'Pièces justificatives et données des participants',
    texte:
      'Le bénéficiaire communique la liste détaillée des pièces comptables et non comptables justifiant la réalisation des actions, le respect des règles de publicité, l’éligibilité des participants, les dépenses et les ressources déclarées, ainsi que la liste des participants avec les données relatives à leurs caractéristiques et à leur sortie.',
    source: 'Seed 002 l.7834–7845',
  },
  {
    code: 'REPONSE_DEUX_MOIS',
    titre: 'Réponse aux sollicitations',
    texte:
      'Le bénéficiaire donne suite à toute demande du service gestionnaire portant sur les pièces ou informations nécessaires au calcul de l’aide FSE. Sans réponse dans un délai de deux mois, le service gestionnaire peut clôturer le dossier et, le cas échéant, recouvrer tout ou partie de l’aide déjà versée.',
    source: 'Seed 002 l.7847–7851',
  },
  {
    code: 'TEMPS_PERSONNEL',
    titre: 'Temps d’activité du personnel',
    texte:
      'Le temps d’activité du personnel rémunéré affecté à l’opération est formalisé : contrat de travail ou lettre de mission pour le personnel affecté à temps plein ; pour le personnel affecté partiellement, extraits de logiciel de suivi du temps, feuilles d’émargement ou, à défaut, états récapitulatifs détaillés par jour, datés et signés par la personne et son supérieur hiérarchique.',
    source: 'Seed 002 l.7853–7878',
  },
  {
    code: 'BILANS',
    titre: 'Bilans d’exécution',
    texte:
      'Le bénéficiaire remet le ou les bilans d’exécution dans les délais fixés par le calendrier de la présente convention, accompagnés de l’ensemble des pièces justificatives requises.',
    source: 'Seed 002 l.7880–7882',
  },
  {
    code: 'ELIGIBILITE',
    titre: 'Éligibilité des dépenses',
    texte:
      'Seules sont retenues les dépenses effectivement encourues et acquittées, liées et nécessaires à l’opération, correspondant à des actions réalisées et justifiées par des pièces comptables et non comptables probantes.',
    source: 'Seed 002 l.7884–7889',
  },
  {
    code: 'CONTROLES',
    titre: 'Contrôles',
    texte:
      'Le bénéficiaire accepte tout contrôle administratif, technique ou financier, sur pièces ou sur place, y compris au sein de sa comptabilité, et présente aux agents du contrôle toute pièce justifiant les dépenses et les ressources déclarées.',
    source: 'Seed 002 l.7891–7894',
  },
  {
    code: 'CONSERVATION',
    titre: 'Conservation des pièces',
    texte:
      'Le bénéficiaire conserve les pièces justificatives des dépenses déclarées, archivées en un lieu unique, jusqu’à la date limite des contrôles (trois ans à compter du 31 décembre suivant la déclaration des dépenses à la Commission européenne), date dont le service gestionnaire l’informe.',
    source: 'Seed 002 l.7896–7900',
  },
  {
    code: 'CESSATION',
    titre: 'Cessation d’activité',
    texte: 'En cas de cessation d’activité, le bénéficiaire transmet au service gestionnaire tous les éléments justificatifs des dépenses déjà déclarées.',
    source: 'Seed 002 l.7902–7904',
  },
  {
    code: 'CONFLIT_INTERETS',
    titre: 'Prévention des conflits d’intérêts',
    texte:
      'Le bénéficiaire prévient toute situation de conflit d’intérêts dans ses achats et ses relations avec ses prestataires : une déclaration d’absence de conflit d’intérêts est signée par la personne qui valide la sélection d’un prestataire, une attestation par le prestataire. Toute suspicion est signalée au référent fraude de l’organisme intermédiaire.',
    source: 'Seed 002 l.7609–7630',
  },
  {
    code: 'ANTI_FRAUDE',
    titre: 'Lutte contre la fraude',
    texte:
      'Constitue une fraude tout acte ou omission intentionnel ayant pour effet la perception ou la rétention indue de fonds de l’Union : déclarations ou documents faux, inexacts ou incomplets, non-communication d’une information due, détournement des fonds. Toute suspicion de fraude est signalée au référent fraude de l’organisme intermédiaire ; des contrôles peuvent être opérés à tout moment.',
    source: 'Seed 002 l.7632–7660',
  },
];

export const CODES_OBLIGATIONS = OBLIGATIONS.map((o) => o.code);

/** The regulation a convention cites first, by programme (the AAP of seed 002 cites the 2014-2020 texts). */
export const REGLEMENT_PRINCIPAL: Record<CodeProgramme, string> = {
  'PON-FSE-2014-2020': 'Règlement (UE) n° 1303/2013',
  'REACT-EU': 'Règlement (UE) n° 1303/2013',
  'FSE-PLUS-2021-2027': 'Règlement (UE) 2021/1060',
};

/** The « Vu … » of the convention, by programme. */
export const VISAS: Record<CodeProgramme, readonly string[]> = {
  'PON-FSE-2014-2020': [
    'Vu le règlement (UE) n° 1303/2013 du Parlement européen et du Conseil du 17 décembre 2013 portant dispositions communes relatives aux fonds européens structurels et d’investissement ;',
    'Vu le règlement (UE) n° 1304/2013 du Parlement européen et du Conseil du 17 décembre 2013 relatif au Fonds social européen ;',
    'Vu le règlement (UE, Euratom) 2018/1046 du Parlement européen et du Conseil du 18 juillet 2018 (« Omnibus ») ;',
    'Vu le décret n° 2014-580 du 3 juin 2014 relatif à la gestion de tout ou partie des fonds européens pour la période 2014-2020 ;',
    'Vu le décret n° 2016-279 du 8 mars 2016 et l’arrêté du 8 mars 2016 fixant les règles nationales d’éligibilité des dépenses des programmes européens pour la période 2014-2020 ;',
    'Vu l’arrêté du 1er avril 2016 relatif à la forfaitisation des dépenses indirectes ;',
    'Vu le règlement (UE) 2016/679 du 27 avril 2016 relatif à la protection des données à caractère personnel (RGPD) ;',
  ],
  'REACT-EU': [
    'Vu le règlement (UE) n° 1303/2013 du Parlement européen et du Conseil du 17 décembre 2013, modifié par le règlement (UE) 2020/2221 (REACT-EU) ;',
    'Vu le règlement (UE) n° 1304/2013 du Parlement européen et du Conseil du 17 décembre 2013 relatif au Fonds social européen ;',
    'Vu le décret n° 2016-279 du 8 mars 2016 fixant les règles nationales d’éligibilité des dépenses des programmes européens pour la période 2014-2020 ;',
    'Vu le règlement (UE) 2016/679 du 27 avril 2016 relatif à la protection des données à caractère personnel (RGPD) ;',
  ],
  'FSE-PLUS-2021-2027': [
    'Vu le règlement (UE) 2021/1060 du Parlement européen et du Conseil du 24 juin 2021 portant dispositions communes ;',
    'Vu le règlement (UE) 2021/1057 du Parlement européen et du Conseil du 24 juin 2021 instituant le Fonds social européen plus (FSE+) ;',
    'Vu le décret n° 2022-608 du 21 avril 2022 fixant les règles nationales d’éligibilité des dépenses des programmes européens pour la période 2021-2027 ;',
    'Vu le règlement (UE) 2016/679 du 27 avril 2016 relatif à la protection des données à caractère personnel (RGPD) ;',
  ],
};
