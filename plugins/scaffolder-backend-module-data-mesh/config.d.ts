export interface Config {
  dataMesh?: {
    scaffolder?: {
      /**
       * Folder where datamesh:publish:local creates repositories, relative
       * to the backend's working directory.
       * @default .data-mesh/repositories
       */
      localRepositoriesDir?: string;
      /**
       * Create, when absent, a local producer repository
       * (`<domain>-<product>` under localRepositoriesDir: the contract and
       * schemas/, one commit on main) for each sample product in
       * sampleDomainsDir when the backend starts, so that
       * datamesh:access:propose has a repository to branch. For the
       * embedded default; a repository that exists is never touched.
       * @default false
       */
      seedSampleRepositories?: boolean;
      /**
       * The sample domains to seed from, one folder per domain with a
       * data-product.yaml and schemas/, relative to the backend's working
       * directory.
       * @default examples/domains
       */
      sampleDomainsDir?: string;
    };
  };
}
