export interface Config {
  dataMesh?: {
    scaffolder?: {
      /**
       * Folder where datamesh:publish:local creates repositories, relative
       * to the backend's working directory.
       * @default .data-mesh/repositories
       */
      localRepositoriesDir?: string;
    };
  };
}
