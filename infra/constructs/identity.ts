import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolOperation,
  VerificationEmailStyle,
} from 'aws-cdk-lib/aws-cognito';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { GuichetFunction } from '#infra/constructs/guichet-function';
import { AUTH_CALLBACK_PATH } from '#infra/definitions';
import { ROLES, type Role } from '#shared/auth/roles';

export interface IdentityProps {
  /** Origins of the SPA: the authorization-code callback and logout URLs are derived from them. */
  allowedOrigins: readonly string[];
  /** Prefix of the Cognito managed login domain; without it, no hosted login page is created. */
  domainPrefix?: string;
}

// Defined in definitions.ts (no CDK import) so that the local OpenID provider registers the same callback.
export { AUTH_CALLBACK_PATH };

const GROUPS: Record<Role, { description: string; precedence: number }> = {
  'oi-admin': { description: 'Administrateur d’un Organisme Intermédiaire', precedence: 0 },
  'oi-gestionnaire': { description: 'Gestionnaire d’un Organisme Intermédiaire', precedence: 10 },
  comite: { description: 'Membre d’un comité de sélection', precedence: 20 },
  porteur: { description: 'Porteur de projet', precedence: 30 },
};

/**
 * The Cognito user pool and the SPA client. Roles are pool groups (the `cognito:groups` claim); the OI of a staff
 * member is the `custom:oi` attribute, which only administrators may write (the SPA client cannot).
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      // Porteurs de projet register themselves; OI staff and comité members are invited by an administrator.
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { oi: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      userVerification: {
        emailStyle: VerificationEmailStyle.CODE,
        emailSubject: 'Guichet : confirmez votre adresse électronique',
        emailBody: 'Votre code de confirmation Guichet est {####}. Il est valable 24 heures.',
      },
      userInvitation: {
        emailSubject: 'Guichet : votre accès',
        emailBody:
          'Un compte Guichet a été créé pour vous. Identifiant : {username}. Mot de passe provisoire : {####} (à changer à la première connexion).',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional (TOTP) because porteurs de projet self-register from small associations without managed devices; Plus-tier threat protection (adaptive authentication, compromised credentials) is enforced instead.',
    });

    for (const role of ROLES) {
      this.userPool.addGroup(`Group-${role}`, { groupName: role, ...GROUPS[role] });
    }

    // A self-registered porteur joins the `porteur` group once their address is confirmed.
    const confirmation = new GuichetFunction(this, 'PostConfirmation', {
      handler: 'functions/identite/post-confirmation.ts',
      description: 'Cognito PostConfirmation : groupe porteur pour les inscriptions confirmées',
      access: {},
      memorySize: 256,
      timeout: Duration.seconds(5),
    });
    this.userPool.addTrigger(UserPoolOperation.POST_CONFIRMATION, confirmation.function);
    // A policy apart from the function's role: the pool refers to the function, so the role cannot refer to the pool.
    new Policy(this, 'PostConfirmationGroupes', {
      roles: [confirmation.function.role!],
      statements: [new PolicyStatement({ actions: ['cognito-idp:AdminAddUserToGroup'], resources: [this.userPool.userPoolArn] })],
    });

    const callbackUrls = props.allowedOrigins.map((o) => `${o}${AUTH_CALLBACK_PATH}`);
    const logoutUrls = props.allowedOrigins.map((o) => `${o}/`);
    this.client = this.userPool.addClient('SpaClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        // Authorization code with PKCE: a public client, no implicit grant.
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls,
        logoutUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, givenName: true, familyName: true })
        .withCustomAttributes('oi'),
      // custom:oi is deliberately absent: a self-registered user must not be able to claim an OI.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, givenName: true, familyName: true }),
    });

    if (props.domainPrefix) {
      this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    }
  }
}
