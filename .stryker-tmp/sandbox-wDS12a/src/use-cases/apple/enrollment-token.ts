// @ts-nocheck
import { createHash, randomBytes } from 'node:crypto';

/** One-time enrolment tokens: 256 random bits, base64url; only the SHA-256 is stored. */
export const newEnrollmentToken = () => randomBytes(32).toString('base64url');
export const hashEnrollmentToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
export const looksLikeEnrollmentToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);
