import { platform } from 'node:os';
import { serverReason } from '../../../src-shared/contract/error-reasons.ts';
import { AppError } from '../../../src-shared/contract/errors.ts';
import type { AuthClient } from '../context.ts';
import { SyncHttpError, type ServerClient } from './server-client.ts';

/** Sign-in against the sync server; the device is this installation (its id lives in the local store). */
export function serverAuth(client: ServerClient, deviceId: string, deviceName: string): AuthClient {
  return {
    async signIn(email, password) {
      try {
        const tokens = await client.login({ email, password, device: { id: deviceId, name: deviceName.slice(0, 200) || 'device', platform: platform() } });
        return { user: tokens.user, memberships: tokens.memberships };
      } catch (error) {
        if (!(error instanceof SyncHttpError)) throw error;
        if (error.transient) throw new AppError('UNAVAILABLE', `${error.message} You can continue offline as the last signed-in user.`, { reason: 'SERVER_UNREACHABLE' });
        throw new AppError(error.status === 403 ? 'FORBIDDEN' : 'UNAUTHENTICATED', error.message, { reason: serverReason(error.code) });
      }
    },
  };
}
