/**
 * The frontend `npm start` serves on http://localhost:3000: the data mesh
 * pages, the catalog (with the data mesh entity content and AsyncAPI
 * definitions) and the scaffolder, against the backend on :7007.
 */
import { createDevApp } from '@backstage/dev-utils';
import {
  CatalogEntityPage,
  CatalogIndexPage,
  catalogPlugin,
} from '@backstage/plugin-catalog';
import { ScaffolderPage, scaffolderPlugin } from '@backstage/plugin-scaffolder';
import { apiDocsPlugin } from '@backstage/plugin-api-docs';
import CategoryIcon from '@material-ui/icons/Category';
import CreateIcon from '@material-ui/icons/AddCircleOutline';
import { dataMeshPlugin, DataMeshPage } from '../src/plugin';
import { entityPage } from './entityPage';

// Local development signs in as guest without showing the sign-in page.
window.localStorage.setItem('@backstage/core:SignInPage:provider', 'guest');

createDevApp()
  .registerPlugin(
    dataMeshPlugin,
    catalogPlugin,
    scaffolderPlugin,
    apiDocsPlugin,
  )
  .addPage({
    element: <DataMeshPage />,
    title: 'Data products',
    path: '/data-mesh',
  })
  .addPage({
    element: <CatalogIndexPage />,
    title: 'Catalog',
    path: '/catalog',
    icon: CategoryIcon,
  })
  .addPage({
    element: <CatalogEntityPage />,
    path: '/catalog/:namespace/:kind/:name',
    children: entityPage,
  })
  .addPage({
    element: <ScaffolderPage />,
    title: 'Create',
    path: '/create',
    icon: CreateIcon,
  })
  .render();
