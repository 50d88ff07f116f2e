/**
 * The frontend `npm start` serves on http://localhost:3000: the data mesh
 * pages against the backend on :7007 (see app-config.yaml).
 */
import { createDevApp } from '@backstage/dev-utils';
import { dataMeshPlugin, DataMeshPage } from '../src/plugin';

// Local development signs in as guest without showing the sign-in page.
window.localStorage.setItem('@backstage/core:SignInPage:provider', 'guest');

createDevApp()
  .registerPlugin(dataMeshPlugin)
  .addPage({
    element: <DataMeshPage />,
    title: 'Data products',
    path: '/data-mesh',
  })
  .render();
