// The headers a district's IT checks for: no framing (clickjacking), no MIME sniffing, no
// Referer to other sites, and a CSP for the screens that still lets them work — scripts,
// styles and the socket from the same origin, camera and screen media from blob: and
// mediastream:.
import fp from 'fastify-plugin';

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "font-src 'self' data:",
  // A lesson's material opens inside the page from a blob: (PDF viewer, text).
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders = fp(
  async (app) => {
    app.addHook('onSend', async (request, reply) => {
      void reply.header('x-content-type-options', 'nosniff');
      void reply.header('referrer-policy', 'no-referrer');
      void reply.header('x-frame-options', 'DENY');
      void reply.header(
        'permissions-policy',
        'camera=(self), microphone=(self), display-capture=(self)',
      );
      // The API docs (swagger-ui) bring their own inline scripts; everything else is ours.
      if (!request.url.startsWith('/api/docs')) {
        void reply.header('content-security-policy', contentSecurityPolicy);
      }
    });
  },
  { name: 'tongke-security-headers' },
);
