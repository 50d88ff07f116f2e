import { Grid } from '@material-ui/core';
import {
  EntityAboutCard,
  EntityHasSystemsCard,
  EntityLayout,
  EntitySwitch,
  isKind,
} from '@backstage/plugin-catalog';
import {
  EntityApiDefinitionCard,
  EntityHasApisCard,
} from '@backstage/plugin-api-docs';
import { EntityDataProductContent, isDataProductEntity } from '../src';

const overview = (
  <Grid container spacing={3}>
    <Grid item xs={12} md={6}>
      <EntityAboutCard />
    </Grid>
  </Grid>
);

/** The catalog entity pages of the dev app, with the data mesh content. */
export const entityPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isKind('system')}>
      <EntityLayout>
        <EntityLayout.Route path="/" title="Overview">
          <Grid container spacing={3}>
            <Grid item xs={12} md={6}>
              <EntityAboutCard />
            </Grid>
            <Grid item xs={12} md={6}>
              <EntityHasApisCard variant="gridItem" />
            </Grid>
          </Grid>
        </EntityLayout.Route>
        <EntityLayout.Route
          path="/data-product"
          title="Data product"
          if={isDataProductEntity}
        >
          <EntityDataProductContent />
        </EntityLayout.Route>
      </EntityLayout>
    </EntitySwitch.Case>
    <EntitySwitch.Case if={isKind('api')}>
      <EntityLayout>
        <EntityLayout.Route path="/" title="Overview">
          {overview}
        </EntityLayout.Route>
        <EntityLayout.Route path="/definition" title="Definition">
          <EntityApiDefinitionCard />
        </EntityLayout.Route>
      </EntityLayout>
    </EntitySwitch.Case>
    <EntitySwitch.Case if={isKind('domain')}>
      <EntityLayout>
        <EntityLayout.Route path="/" title="Overview">
          <Grid container spacing={3}>
            <Grid item xs={12} md={6}>
              <EntityAboutCard />
            </Grid>
            <Grid item xs={12} md={6}>
              <EntityHasSystemsCard variant="gridItem" />
            </Grid>
          </Grid>
        </EntityLayout.Route>
      </EntityLayout>
    </EntitySwitch.Case>
    <EntitySwitch.Case>
      <EntityLayout>
        <EntityLayout.Route path="/" title="Overview">
          {overview}
        </EntityLayout.Route>
      </EntityLayout>
    </EntitySwitch.Case>
  </EntitySwitch>
);
