import { Logger } from '@aws-lambda-powertools/logger';

/** Structured logs with the request id; never request bodies nor personal data. */
export const logger = new Logger({ serviceName: 'guichet' });
