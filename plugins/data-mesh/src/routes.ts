import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({ id: 'data-mesh' });

export const dataProductRouteRef = createSubRouteRef({
  id: 'data-mesh/data-product',
  parent: rootRouteRef,
  path: '/products/:domain/:name',
});

/**
 * A software template's page in the scaffolder, where **Request access**
 * opens the "Data product access" template. Bound by default to the
 * scaffolder's `selectedTemplate` route in the new frontend system; a
 * legacy app binds it in `bindRoutes`. Optional: unbound, the button is not
 * shown.
 */
export const accessTemplateRouteRef = createExternalRouteRef({
  id: 'data-mesh/access-template',
  params: ['namespace', 'templateName'],
  optional: true,
  defaultTarget: 'scaffolder.selectedTemplate',
});
