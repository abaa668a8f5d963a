import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's security headers with a Content-Security-Policy that the API docs (swagger-ui at
 * /docs) and the workbench at `/` live within: scripts and styles from this origin only (no
 * inline scripts, no CDN), inline style attributes (swagger-ui sets them), images from this
 * origin and data: URIs. `upgrade-insecure-requests` is left out: `npm start` serves plain HTTP
 * on 127.0.0.1, and TLS, where there is one, ends at the proxy in front.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
  });
}
