import { Function as CloudFrontFunction, FunctionCode, FunctionRuntime } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';

/**
 * SPA fallback done at the edge on the default (S3) behaviour only: a path without a file extension is a client-side
 * route and gets `/index.html`. Distribution-wide custom error responses (403/404 → /index.html) are not used
 * because they would also replace the API's JSON 403/404 answers under `/api/*` with the HTML shell.
 */
export const SPA_REWRITE_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (uri.indexOf('/api/') !== 0 && last.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;

export function spaRewriteFunction(scope: Construct, id: string): CloudFrontFunction {
  return new CloudFrontFunction(scope, id, {
    comment: 'Guichet: routes de la SPA vers index.html',
    runtime: FunctionRuntime.JS_2_0,
    code: FunctionCode.fromInline(SPA_REWRITE_CODE),
  });
}
