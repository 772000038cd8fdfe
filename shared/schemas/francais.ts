/**
 * Every message a user may read is French, including zod's own: set here from zod's core and its French locale alone
 * (`z.locales` would bundle every locale). ./common.ts imports it, and so does every handler that runs zod while it
 * starts (test/infra/bundles.test.ts checks it); the HTTP wrapper does not, so that a route with nothing to validate
 * (`GET /health`) loads no schema library.
 */
import { config } from 'zod/v4/core';
import fr from 'zod/v4/locales/fr.js';

config(fr());
