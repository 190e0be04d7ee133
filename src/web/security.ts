// Security headers for every response: a strict Content Security Policy and the usual hardening headers,
// applied through @fastify/helmet. Never loosens the policy for convenience (no 'unsafe-inline', no remote
// scripts); a page that needs more must be changed instead.
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply } from 'fastify';

// Pages are server-rendered and load only our own stylesheet (and later our own scripts), so everything
// defaults to nothing. Images may come from any HTTPS host because resource thumbnails live on the
// repositories we index; data: covers the empty favicon and small inline icons.
const CSP_DIRECTIVES = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'https:', 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
} as const satisfies Record<string, readonly string[]>;

/**
 * The exact header value, for tests, documentation and the rare response that bypasses the hooks. Directives
 * are joined with a bare `;` because that is how helmet writes them; browsers ignore the spacing.
 */
export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join(';');

export interface SecurityOptions {
  /** The address users reach us at; HSTS is only sent when it is https. */
  readonly publicUrl?: string;
}

function servedOverHttps(publicUrl: string | undefined): boolean {
  if (publicUrl === undefined) return false;
  try {
    return new URL(publicUrl).protocol === 'https:';
  } catch {
    return false;
  }
}

export async function registerSecurityHeaders(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      // Without useDefaults helmet would merge its own directives (and upgrade-insecure-requests) into ours.
      useDefaults: false,
      directives: Object.fromEntries(
        Object.entries(CSP_DIRECTIVES).map(([name, sources]) => [name, [...sources]]),
      ),
    },
    // Sending HSTS over plain HTTP is useless and, behind a misconfigured proxy, would pin a hostname to
    // HTTPS that does not serve it.
    strictTransportSecurity: servedOverHttps(options.publicUrl)
      ? { maxAge: 31_536_000, includeSubDomains: true }
      : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    xContentTypeOptions: true,
    xPoweredBy: true,
  });
}

/**
 * Sets the essential headers by hand for responses Fastify produces before any hook runs (a malformed URL),
 * so even those carry the policy. Everything else gets them from helmet.
 */
export function setFallbackSecurityHeaders(reply: FastifyReply): void {
  reply.headers({
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
    'x-frame-options': 'DENY',
  });
}
