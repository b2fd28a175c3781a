// A share token is the whole credential of a public link: 32 random bytes, base64url (43 characters).
import { randomBytes } from 'node:crypto';

const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newShareToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Whether a URL segment can be a token at all; anything else is answered 404 without a query. */
export function isShareToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_SHAPE.test(value);
}

/** A share's public address on the server reachable at baseUrl. */
export function shareUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/s/${token}`;
}
