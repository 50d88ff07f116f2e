import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** The data mesh entity provider. */
      dataMesh?: {
        /**
         * How often the catalog mirrors the data mesh snapshot.
         * @default { frequency: { minutes: 5 }, timeout: { minutes: 3 } } (first run at startup)
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
