/**
 * Why the user last left the signed-in part of the app, so the sign-in page can say so once:
 * they signed out, or their session ended (expired, or disabled by an administrator).
 */
export type SignOutReason = 'logout' | 'expired';

let reason: SignOutReason | null = null;

export function markSignedOut(why: SignOutReason): void {
  reason = why;
}

export function lastSignOut(): SignOutReason | null {
  return reason;
}

export function clearSignOut(): void {
  reason = null;
}
