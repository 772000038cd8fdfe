import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  UserPoolEmail,
  UserPoolOperation,
  VerificationEmailStyle,
} from 'aws-cdk-lib/aws-cognito';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { EmailConfig } from '#infra/config';
import { GuichetFunction } from '#infra/constructs/guichet-function';
import { AUTH_CALLBACK_PATH } from '#infra/definitions';
import { ROLES, type Role } from '#shared/auth/roles';

export interface IdentityProps {
  /** Origins of the SPA: the authorization-code callback and logout URLs are derived from them. */
  allowedOrigins: readonly string[];
  /** Prefix of the Cognito managed login domain; without it, no hosted login page is created. */
  domainPrefix?: string;
  /** SES sender of the pool's e-mails. */
  email: EmailConfig;
}

// Defined in definitions.ts (no CDK import) so that the local OpenID provider registers the same callback.
export { AUTH_CALLBACK_PATH };

/**
 * Scopes the SPA asks for (config.json). `aws.cognito.signin.user.admin` lets the signed-in user call Cognito's
 * self-service API with their access token: AssociateSoftwareToken / VerifySoftwareToken / SetUserMFAPreference, the
 * TOTP set-up an OI member is asked for (`guichet:mfa`); the attributes it may write are the client's
 * writeAttributes, which leave out custom:oi. Tokens from the SRP flow already carry this scope.
 */
export const SPA_SCOPES = [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE, OAuthScope.COGNITO_ADMIN] as const;

/** Grace period of a rotated refresh token: tabs sharing one session may refresh at the same moment. */
export const REFRESH_TOKEN_ROTATION_GRACE = Duration.seconds(30);

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
  /** Managed login domain, when a prefix is configured. */
  readonly domain?: UserPoolDomain;
  /** `https://cognito-idp.<region>.<urlSuffix>/<poolId>`: the `iss` of the pool's tokens, base of its JWKS. */
  readonly issuer: string;

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
      email: UserPoolEmail.withSES({
        fromEmail: props.email.fromEmail,
        fromName: props.email.fromName,
        // Env-agnostic stacks: the pool's own region unless another one is configured.
        sesRegion: props.email.sesRegion ?? Aws.REGION,
        ...(props.email.sesVerifiedDomain ? { sesVerifiedDomain: props.email.sesVerifiedDomain } : {}),
        ...(props.email.replyTo ? { replyTo: props.email.replyTo } : {}),
      }),
      userVerification: {
        emailStyle: VerificationEmailStyle.CODE,
        emailSubject: 'Guichet : confirmez votre adresse électronique',
        emailBody:
          'Bonjour,<br><br>Votre code de confirmation Guichet est <b>{####}</b>. Il est valable 24 heures.<br><br>Si vous n’avez pas demandé à créer un compte, ignorez ce message.',
      },
      userInvitation: {
        emailSubject: 'Guichet : votre accès',
        emailBody:
          'Bonjour,<br><br>Un compte Guichet a été créé pour vous. Identifiant : {username}<br>Mot de passe provisoire : {####} (valable 3 jours, à changer à la première connexion).<br><br>Les membres d’un Organisme Intermédiaire devront ensuite configurer une application d’authentification (TOTP).',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'Cognito sets MFA per user pool, and porteurs de projet self-register from small associations without managed devices, so the pool’s MFA is optional (TOTP only, no SMS). TOTP is required for OI staff (oi-admin, oi-gestionnaire) per group: the Pre Token Generation trigger (functions/identite/pre-token-generation.ts) strips the OI groups and custom:oi from the tokens of a member without TOTP, so no OI route accepts them until TOTP is set up. Plus-tier threat protection (adaptive authentication, compromised credentials) covers every account.',
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

    // TOTP required for OI staff, per group (see the COG2 acknowledgement above and shared/auth/mfa.ts).
    const preToken = new GuichetFunction(this, 'PreTokenGeneration', {
      handler: 'functions/identite/pre-token-generation.ts',
      description: 'Cognito Pre Token Generation : sans TOTP, pas de groupe OI dans les jetons',
      access: {},
      memorySize: 256,
      timeout: Duration.seconds(5),
    });
    // Event version 2: the access token can be changed too (Essentials or Plus feature plan).
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, preToken.function, LambdaVersion.V2_0);
    new Policy(this, 'PreTokenGenerationMfa', {
      roles: [preToken.function.role!],
      statements: [new PolicyStatement({ actions: ['cognito-idp:AdminGetUser'], resources: [this.userPool.userPoolArn] })],
    });

    const callbackUrls = props.allowedOrigins.map((o) => `${o}${AUTH_CALLBACK_PATH}`);
    const logoutUrls = props.allowedOrigins.map((o) => `${o}/`);
    this.client = this.userPool.addClient('SpaClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        // Authorization code with PKCE: a public client, no implicit grant.
        flows: { authorizationCodeGrant: true },
        scopes: [...SPA_SCOPES],
        callbackUrls,
        logoutUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      // Sign-out revokes the refresh token; a refresh returns a new refresh token and retires the old one.
      enableTokenRevocation: true,
      refreshTokenRotationGracePeriod: REFRESH_TOKEN_ROTATION_GRACE,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, givenName: true, familyName: true })
        .withCustomAttributes('oi'),
      // custom:oi is deliberately absent: a self-registered user must not be able to claim an OI.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, givenName: true, familyName: true }),
    });

    this.issuer = `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${this.userPool.userPoolId}`;

    if (props.domainPrefix) {
      // Managed login (version 2), branded with Cognito's default style; French when the SPA passes `lang=fr`.
      this.domain = this.userPool.addDomain('Domain', {
        cognitoDomain: { domainPrefix: props.domainPrefix },
        managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
      });
      const branding = new CfnManagedLoginBranding(this, 'Branding', {
        userPoolId: this.userPool.userPoolId,
        clientId: this.client.userPoolClientId,
        useCognitoProvidedValues: true,
      });
      branding.node.addDependency(this.domain);
    }
  }
}
