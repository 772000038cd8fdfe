/**
 * The one error hierarchy of the domain. The HTTP layer maps it with `instanceof` to a status and the body
 * `{ code, message, details }`; messages are the French sentences shown to users.
 */
export interface DetailErreur {
  chemin: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number,
    readonly details?: DetailErreur[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: the input is malformed or incoherent. */
export class RequeteInvalide extends DomainError {
  constructor(code: string, message: string, details?: DetailErreur[]) {
    super(code, message, 400, details);
  }
}

/** 401: no valid identity. */
export class NonAuthentifie extends DomainError {
  constructor(message = 'Authentification requise : connectez-vous pour continuer.') {
    super('NON_AUTHENTIFIE', message, 401);
  }
}

/** 403: authenticated but not allowed. */
export class AccesRefuse extends DomainError {
  constructor(message = 'Vous n’avez pas les droits nécessaires pour cette action.', code = 'ACCES_REFUSE') {
    super(code, message, 403);
  }
}

/** 404: absent, or not visible to this caller (we never reveal that it exists). */
export class Introuvable extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 404);
  }
}

/** 409: the state or version read no longer allows this write. */
export class Conflit extends DomainError {
  constructor(code: string, message: string, details?: DetailErreur[]) {
    super(code, message, 409, details);
  }
}

/** 413: the payload is too large. */
export class TropVolumineux extends DomainError {
  constructor(message: string) {
    super('REQUETE_TROP_VOLUMINEUSE', message, 413);
  }
}

/** 422: well-formed, but a business rule refuses it. */
export class RegleMetier extends DomainError {
  constructor(code: string, message: string, details?: DetailErreur[]) {
    super(code, message, 422, details);
  }
}

/** 428: a conditional write was sent without the version it read. */
export class VersionRequise extends DomainError {
  constructor() {
    super(
      'VERSION_REQUISE',
      'Indiquez la version lue dans l’en-tête If-Match pour éviter d’écraser une modification concurrente.',
      428,
    );
  }
}

/** 503: a dependency (storage, identity provider) does not answer; the client may retry after `retryApres` seconds. */
export class Indisponible extends DomainError {
  constructor(
    message: string,
    readonly retryApres = 5,
  ) {
    super('SERVICE_INDISPONIBLE', message, 503);
  }
}
