/**
 * The legacy frontend system's app that `npm start` serves on
 * http://localhost:3000: the data mesh pages, the catalog (with the data
 * mesh entity content and AsyncAPI definitions) and the scaffolder, against
 * the backend on :7007. Written as an adopter's legacy `App.tsx` is (not
 * with dev-utils, which binds every external route to a placeholder), so
 * **Request access** reaches the scaffolder through the plugin's bound
 * route. The new frontend system's app is `packages/app`.
 */
import { createApp } from '@backstage/app-defaults';
import {
  AlertDisplay,
  OAuthRequestDialog,
  Sidebar,
  SidebarItem,
  SidebarPage,
  SignInPage,
} from '@backstage/core-components';
import { AppRouter, FlatRoutes } from '@backstage/core-app-api';
import { configApiRef, createApiFactory } from '@backstage/core-plugin-api';
import {
  ScmAuth,
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
} from '@backstage/integration-react';
import {
  CatalogEntityPage,
  CatalogIndexPage,
  catalogPlugin,
} from '@backstage/plugin-catalog';
import { ScaffolderPage, scaffolderPlugin } from '@backstage/plugin-scaffolder';
import { apiDocsPlugin } from '@backstage/plugin-api-docs';
import CategoryIcon from '@material-ui/icons/Category';
import CreateIcon from '@material-ui/icons/AddCircleOutline';
import StorageIcon from '@material-ui/icons/Storage';
import { createRoot } from 'react-dom/client';
import { Navigate, Route } from 'react-router-dom';
import { dataMeshPlugin, DataMeshPage } from '../src';
import { entityPage } from './entityPage';

// Local development signs in as guest without showing the sign-in page.
window.localStorage.setItem('@backstage/core:SignInPage:provider', 'guest');

const app = createApp({
  // The APIs a legacy app's apis.ts has for the scaffolder.
  apis: [
    createApiFactory({
      api: scmIntegrationsApiRef,
      deps: { configApi: configApiRef },
      factory: ({ configApi }) => ScmIntegrationsApi.fromConfig(configApi),
    }),
    ScmAuth.createDefaultApiFactory(),
  ],
  plugins: [dataMeshPlugin, catalogPlugin, scaffolderPlugin, apiDocsPlugin],
  components: {
    SignInPage: props => <SignInPage {...props} providers={['guest']} auto />,
  },
  bindRoutes({ bind }) {
    // As the plugin's README tells a legacy app to.
    bind(dataMeshPlugin.externalRoutes, {
      accessTemplate: scaffolderPlugin.routes.selectedTemplate,
    });
  },
});

const routes = (
  <FlatRoutes>
    <Route path="/" element={<Navigate to="/data-mesh" />} />
    <Route path="/data-mesh" element={<DataMeshPage />} />
    <Route path="/catalog" element={<CatalogIndexPage />} />
    <Route
      path="/catalog/:namespace/:kind/:name"
      element={<CatalogEntityPage />}
    >
      {entityPage}
    </Route>
    <Route path="/create" element={<ScaffolderPage />} />
  </FlatRoutes>
);

const App = app.createRoot(
  <>
    <AlertDisplay />
    <OAuthRequestDialog />
    <AppRouter>
      <SidebarPage>
        <Sidebar>
          <SidebarItem
            icon={StorageIcon}
            to="/data-mesh"
            text="Data products"
          />
          <SidebarItem icon={CategoryIcon} to="/catalog" text="Catalog" />
          <SidebarItem icon={CreateIcon} to="/create" text="Create" />
        </Sidebar>
        {routes}
      </SidebarPage>
    </AppRouter>
  </>,
);

createRoot(document.getElementById('root')!).render(<App />);
