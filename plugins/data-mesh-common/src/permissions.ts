import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows `POST /api/data-mesh/refresh`: reading every registry source now,
 * outside the schedule. A refresh calls AWS once per schema version, so a
 * policy should grant it to the people who run the platform, not to every
 * signed-in user. Calls other backend plugins make on their own behalf
 * (service credentials) are allowed by the permission framework itself.
 *
 * @public
 */
export const dataMeshRefreshPermission = createPermission({
  name: 'data-mesh.refresh',
  attributes: { action: 'update' },
});

/**
 * Every permission of the data mesh plugin, for the permissions registry.
 *
 * @public
 */
export const dataMeshPermissions = [dataMeshRefreshPermission];
