// Security headers on every answer (helmet), with a Content-Security-Policy that the product's own pages
// (apps/api/web) and the API docs work under, and the widget script loadable from other origins.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** `'sha256-…'` of every inline `<script>` in the static pages, so the policy allows exactly those. */
export function inlineScriptHashes(publicDir: string | undefined): string[] {
  if (!publicDir || !existsSync(publicDir)) return [];
  const hashes = new Set<string>();
  for (const file of readdirSync(publicDir).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(publicDir, file), 'utf8');
    for (const match of html.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)) {
      hashes.add(`'sha256-${createHash('sha256').update(match[1], 'utf8').digest('base64')}'`);
    }
  }
  return [...hashes].sort();
}

/**
 * `identityProvider`: the origin of the OIDC issuer the pages sign in at (AUTH_AUTHORITY or AUTH_ISSUER): the pages
 * read its metadata and exchange codes for tokens there (connect-src), and renew silently in a hidden frame (frame-src).
 */
export function contentSecurityPolicy(scriptHashes: string[], identityProvider?: string): Record<string, string[]> {
  const idp = identityProvider ? [identityProvider] : [];
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...scriptHashes],
    'script-src-attr': ["'none'"],
    // The pages size bars with style attributes and the widget styles its shadow root with a <style> element.
    'style-src': ["'self'", "'unsafe-inline'"],
    // Uploaded photos and recordings are fetched with the page's token and shown from blob: URLs.
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...idp],
    'frame-src': ["'self'", ...idp],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
  };
}

/** The widget bundle is embedded by intranets on other origins: it must not be same-origin only. */
const CROSS_ORIGIN_SCRIPTS = /^\/widget\.js$/;

export function useSecurityHeaders(app: NestExpressApplication, publicDir: string | undefined, identityProvider?: string): void {
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(inlineScriptHashes(publicDir), identityProvider) },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: { maxAge: 365 * 24 * 3600, includeSubDomains: true },
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (CROSS_ORIGIN_SCRIPTS.test(req.path)) res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    next();
  });
}
