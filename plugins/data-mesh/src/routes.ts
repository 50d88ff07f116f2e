import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({ id: 'data-mesh' });

export const dataProductRouteRef = createSubRouteRef({
  id: 'data-mesh/data-product',
  parent: rootRouteRef,
  path: '/products/:domain/:name',
});
