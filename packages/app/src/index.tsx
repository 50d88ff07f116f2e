/**
 * The new frontend system's app (`npm run start:new-frontend`): the
 * catalog, the scaffolder and the API docs plugins with the data mesh
 * plugin from `./alpha`, as an adopter's app made by `@backstage/create-app`
 * has them. Nothing is bound by hand: the plugin's
 * page, entity content and API come from its extensions, and **Request
 * access** finds the scaffolder through the route's default target.
 */
import { SignInPage } from '@backstage/core-components';
import { createApp } from '@backstage/frontend-defaults';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import { createRoot } from 'react-dom/client';
// The new frontend system's pages are built with Backstage UI: its styles, as
// create-app's index.tsx loads them.
import '@backstage/ui/css/styles.css';
import dataMeshPlugin from '@financial-data-mesh/plugin-data-mesh/alpha';

// Local development signs in as guest without showing the sign-in page.
window.localStorage.setItem('@backstage/core:SignInPage:provider', 'guest');

/** Guest sign-in, as the legacy dev app has it. */
const guestSignIn = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: {
        loader: async () => props => (
          <SignInPage {...props} providers={['guest']} auto />
        ),
      },
    }),
  ],
});

const app = createApp({
  features: [
    catalogPlugin,
    scaffolderPlugin,
    apiDocsPlugin,
    dataMeshPlugin,
    guestSignIn,
  ],
});

createRoot(document.getElementById('root')!).render(app.createRoot());
