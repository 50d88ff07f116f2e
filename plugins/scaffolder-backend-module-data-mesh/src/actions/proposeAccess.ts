import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  AccessGrant,
  addAccessGrant,
  AccessGrantAdded,
  checkName,
  CONTRACT_FILE_NAME,
  ContractValidationError,
  formatContractIssue,
  parseDataProductContract,
} from '@financial-data-mesh/plugin-data-mesh-common';
import git from 'isomorphic-git';
import fs from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeGrant, unifiedDiff } from '../access/describeProposal';
import {
  gitIdentityOf,
  pathExists,
  PLATFORM_GIT_IDENTITY,
} from '../git/localRepository';
import { InputIssue, throwIfInvalid } from './inputIssues';
import { proposeAccessExamples } from './proposeAccess.examples';

export const PROPOSE_ACCESS_ACTION_ID = 'datamesh:access:propose';

const REPO_TARGETS = ['local', 'github', 'gitlab'] as const;

/** `access.consumers[3].events[0]` → `events[0]`: the form field of a contract issue. */
const GRANT_PATH = /^access\.consumers\[\d+\]\.?/;

/**
 * Proposes a consumer's access to a data product as a change of the
 * producer's contract, for the producing team to approve by merging it:
 * a branch of the producer's local repository (`repoTarget: local`), or
 * the workspace's copy of the contract, which the template's
 * publish:github:pull-request or publish:gitlab:merge-request step then
 * proposes. The request is checked against the contract first; a refused
 * request changes nothing.
 * @public
 */
export function createProposeAccessAction(options: {
  /** Absolute folder of the local repositories (`<domain>-<product>`). */
  readonly repositoriesDir: string;
  /** The portal's base URL, for the link to the product's page. */
  readonly appBaseUrl: string;
  /** The day of the request; tests fix it. @defaultValue the current date */
  readonly today?: () => Date;
}) {
  const { repositoriesDir, appBaseUrl, today = () => new Date() } = options;
  return createTemplateAction({
    id: PROPOSE_ACCESS_ACTION_ID,
    description:
      "Adds a consumer's grant to a data product's contract (access.consumers in data-product.yaml) after checking it against the contract, and proposes the change for the producing team's review: a branch with one commit in the local producer repository, or the edited contract in the workspace for a pull or merge request.",
    supportsDryRun: true,
    examples: proposeAccessExamples,
    schema: {
      input: {
        product: z =>
          z.string().describe('The data product, as <domain>/<product>'),
        consumer: z =>
          z
            .string()
            .describe(
              'Who reads: a System or Group entity ref with its kind (system:credit-credit-decisions); the default namespace is dropped',
            ),
        account: z =>
          z.string().describe('The 12-digit AWS account id that reads'),
        role: z =>
          z
            .string()
            .optional()
            .describe('An IAM role name in that account; default the account'),
        events: z =>
          z
            .union([z.literal('all'), z.array(z.string())])
            .optional()
            .describe(
              'The events forwarded to the account: all, or detail-types of the product',
            ),
        table: z =>
          z
            .enum(['without-pii', 'with-pii', 'none'])
            .optional()
            .describe(
              "Read the product's table, without or with its PII columns; none (or absent): no table access",
            ),
        purpose: z =>
          z
            .string()
            .describe('What the data is used for (10 characters or more)'),
        expires: z =>
          z
            .string()
            .optional()
            .describe(
              "The grant's last day (YYYY-MM-DD); required for restricted products",
            ),
        piiApproval: z =>
          z
            .string()
            .optional()
            .describe(
              'The reference of the privacy approval; required when personal data is handed over',
            ),
        repoTarget: z =>
          z
            .enum(REPO_TARGETS)
            .default('local')
            .describe(
              'local: a branch of the producer repository under the local repositories folder; github or gitlab: edit contractPath in the workspace for the pull or merge request step',
            ),
        contractPath: z =>
          z
            .string()
            .optional()
            .describe(
              'github/gitlab: the workspace path of the fetched contract (default data-product.yaml)',
            ),
        defaultBranch: z =>
          z
            .string()
            .optional()
            .describe(
              'local: the branch to read the contract from (default main)',
            ),
      },
      output: {
        branchName: z =>
          z
            .string()
            .describe(
              'The branch that proposes the grant: access/<kind>/<name>-<account>, with <namespace>/ before the name when it is not default',
            ),
        commitHash: z =>
          z.string().optional().describe('local: the commit of that branch'),
        repositoryPath: z =>
          z.string().optional().describe('local: the producer repository'),
        remoteUrl: z =>
          z
            .string()
            .optional()
            .describe('local: file:// URL of the repository'),
        summary: z =>
          z
            .string()
            .describe(
              'What is granted and the diff, for the review (Markdown)',
            ),
        diff: z => z.string().describe('The change of data-product.yaml'),
        dataProductUrl: z =>
          z.string().describe("The product's page in the portal"),
      },
    },
    async handler(ctx) {
      const { repoTarget = 'local', defaultBranch = 'main' } = ctx.input;
      const { domain, product } = parseProduct(ctx.input.product);
      const grant = grantOf(ctx.input);

      const local = repoTarget === 'local';
      const repositoryPath = join(repositoriesDir, `${domain}-${product}`);
      const contractFile = local
        ? undefined
        : resolveSafeChildPath(
            ctx.workspacePath,
            ctx.input.contractPath ?? CONTRACT_FILE_NAME,
          );
      const localContract = local
        ? await readLocalContract(repositoryPath, defaultBranch)
        : undefined;
      const localCommit = localContract?.commit;
      const before =
        localContract?.text ?? (await readWorkspaceContract(contractFile!));
      // The request first: a refused one says what to fix in the form.
      const added = proposeGrant(before, grant, today());
      const branchName = branchNameFor(grant);
      if (!branchName) {
        throw new InputError(
          `${PROPOSE_ACCESS_ACTION_ID}: consumer: "${grant.consumer}" gives no valid branch name; use an entity ref such as system:credit-credit-decisions`,
        );
      }
      // A wrong repository must not get someone else's grant.
      if (added.contract.domain !== domain || added.contract.name !== product) {
        throw new InputError(
          `${PROPOSE_ACCESS_ACTION_ID}: repoUrl: the repository's ${CONTRACT_FILE_NAME} is the contract of ${added.contract.domain}/${added.contract.name}, not of ${domain}/${product}; pick the product's own repository`,
        );
      }
      if (local) {
        await refuseExistingBranch(repositoryPath, branchName);
      }

      const diff = unifiedDiff(CONTRACT_FILE_NAME, before, added.text);
      const summary = summaryOf(added, grant, branchName, diff, ctx.user?.ref);
      ctx.output('branchName', branchName);
      ctx.output('summary', summary);
      ctx.output('diff', diff);
      ctx.output(
        'dataProductUrl',
        `${appBaseUrl.replace(/\/+$/, '')}/data-mesh/products/${domain}/${product}`,
      );
      ctx.logger.info(summary);

      if (!local) {
        await writeFile(contractFile!, added.text);
        ctx.logger.info(
          `Wrote the grant into ${ctx.input.contractPath ?? CONTRACT_FILE_NAME}; the pull or merge request step proposes it on ${branchName}`,
        );
        return;
      }
      ctx.output('repositoryPath', repositoryPath);
      ctx.output('remoteUrl', pathToFileURL(repositoryPath).href);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would commit the grant on ${branchName} of ${repositoryPath}`,
        );
        return;
      }
      const commitHash = await ctx.checkpoint({
        key: `propose.${domain}.${product}.${branchName}`,
        fn: () =>
          commitOnNewBranch({
            dir: repositoryPath,
            parent: localCommit!,
            branchName,
            text: added.text,
            message: `Grant ${grant.consumer} (account ${grant.account}) access to ${domain}/${product}\n\n${grant.purpose}\n`,
            author: gitIdentityOf(ctx.user, PLATFORM_GIT_IDENTITY),
          }),
      });
      ctx.output('commitHash', commitHash);
      ctx.logger.info(
        `Proposed on ${branchName} of ${repositoryPath} (commit ${commitHash.slice(0, 7)}); merging it into ${defaultBranch} approves the grant`,
      );
    },
  });
}

function parseProduct(value: string): { domain: string; product: string } {
  const [domain, product, ...rest] = value.split('/');
  const issues: InputIssue[] = [];
  if (product === undefined || rest.length > 0) {
    issues.push({
      path: 'product',
      message: `"${value}" must be <domain>/<product>, such as trading/trade-executions`,
    });
  } else {
    for (const [kind, name] of [
      ['domain', domain],
      ['dataProduct', product],
    ] as const) {
      const problem = checkName(kind, name);
      if (problem) {
        issues.push({ path: 'product', message: `"${name}" ${problem}` });
      }
    }
  }
  throwIfInvalid(PROPOSE_ACCESS_ACTION_ID, issues);
  return { domain, product };
}

/** The grant in the contract's spelling: the picker's `system:default/x` as `system:x`. */
function grantOf(input: {
  consumer: string;
  account: string;
  role?: string;
  events?: 'all' | string[];
  table?: AccessGrant['table'] | 'none';
  purpose: string;
  expires?: string;
  piiApproval?: string;
}): AccessGrant {
  const events =
    Array.isArray(input.events) && input.events.length === 0
      ? undefined
      : input.events;
  return {
    consumer: compactEntityRef(input.consumer),
    account: input.account,
    role: input.role || undefined,
    events,
    table: input.table === 'none' ? undefined : input.table,
    purpose: input.purpose,
    expires: input.expires || undefined,
    piiApproval: input.piiApproval || undefined,
  };
}

function compactEntityRef(ref: string): string {
  try {
    const { kind, namespace, name } = parseEntityRef(ref);
    const kindName = kind.toLocaleLowerCase('en-US');
    return namespace === 'default'
      ? `${kindName}:${name}`
      : `${kindName}:${namespace}/${name}`;
  } catch {
    return ref; // the contract's rules name what is wrong with it
  }
}

/**
 * `access/<kind>/<name>-<account>`, with the namespace when it is not the
 * default one (`access/<kind>/<namespace>/<name>-<account>`): one branch per
 * consumer and account, so `group:credit-risk` and `system:credit-risk` do
 * not meet on one branch (where a pull request step would update the other's
 * request). Lower case, as entity refs compare; `_` and `.` are kept, so
 * `credit_risk` and `credit-risk` differ too; `/` between the parts, which
 * names never contain, so no two consumers share a name. Undefined when the
 * consumer is not a valid ref (the contract's rules say why).
 */
export function branchNameFor(
  grant: Pick<AccessGrant, 'consumer' | 'account'>,
): string | undefined {
  let ref;
  try {
    ref = parseEntityRef(grant.consumer.toLocaleLowerCase('en-US'));
  } catch {
    return undefined;
  }
  const branchName = [
    'access',
    ref.kind,
    ...(ref.namespace === 'default' ? [] : [ref.namespace]),
    `${ref.name}-${grant.account}`,
  ].join('/');
  return isBranchName(branchName) ? branchName : undefined;
}

/**
 * A name git takes for a branch (git check-ref-format's rules, for the
 * characters entity refs and branch inputs use): at most 200 of
 * `A-Z a-z 0-9 . _ / -`, not starting with `-` or ending with `.`, no `..`,
 * no empty part between slashes, none starting with `.` or ending with
 * `.lock`.
 */
export function isBranchName(name: string): boolean {
  return (
    /^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]{1,200}$/.test(name) &&
    !name.endsWith('.') &&
    name
      .split('/')
      .every(
        part => part !== '' && !part.startsWith('.') && !part.endsWith('.lock'),
      )
  );
}

function proposeGrant(
  text: string,
  grant: AccessGrant,
  today: Date,
): AccessGrantAdded {
  try {
    parseDataProductContract(text);
  } catch (error) {
    if (error instanceof ContractValidationError) {
      // Not the requester's to fix: the producer's contract is broken.
      throw new Error(
        `${PROPOSE_ACCESS_ACTION_ID}: the producer's contract does not parse, so no access can be proposed until its team fixes it:\n${error.issues.map(formatContractIssue).join('\n')}`,
      );
    }
    throw error;
  }
  try {
    return addAccessGrant(text, grant, { today });
  } catch (error) {
    if (!(error instanceof ContractValidationError)) {
      throw error;
    }
    throwIfInvalid(
      PROPOSE_ACCESS_ACTION_ID,
      error.issues.map(issue => ({
        path: formFieldOf(issue.path),
        message: issue.message,
      })),
    );
    throw error;
  }
}

function formFieldOf(contractPath: string): string {
  if (!GRANT_PATH.test(contractPath)) {
    return contractPath;
  }
  // A grant that grants nothing is about the grant, not one field.
  return contractPath.replace(GRANT_PATH, '') || 'events';
}

async function readWorkspaceContract(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new InputError(
      `${PROPOSE_ACCESS_ACTION_ID}: contractPath: ${file} is not in the workspace; fetch the producer's data-product.yaml first`,
    );
  }
}

async function refuseExistingBranch(dir: string, branchName: string) {
  const branches = await git.listBranches({ fs, dir });
  if (branches.includes(branchName)) {
    throw new ConflictError(
      `${PROPOSE_ACCESS_ACTION_ID}: ${dir} already has the branch ${branchName}: a request of this consumer and account is waiting for review (or was merged and not deleted); merge or delete it first`,
    );
  }
}

/**
 * The contract on `branch`, and the commit it was read from: the proposal
 * is built on that commit, so a branch that moves meanwhile (another grant
 * merged) is not undone by it.
 */
async function readLocalContract(
  dir: string,
  branch: string,
): Promise<{ text: string; commit: string }> {
  if (!(await pathExists(join(dir, '.git')))) {
    throw new NotFoundError(
      `${PROPOSE_ACCESS_ACTION_ID}: no producer repository at ${dir}: publish the product with the Data product template (local) first, or set dataMesh.scaffolder.seedSampleRepositories for the sample products`,
    );
  }
  if (!isBranchName(branch)) {
    throw new InputError(
      `${PROPOSE_ACCESS_ACTION_ID}: defaultBranch "${branch}" is not a branch name`,
    );
  }
  try {
    const commit = await git.resolveRef({
      fs,
      dir,
      ref: `refs/heads/${branch}`,
    });
    const { blob } = await git.readBlob({
      fs,
      dir,
      oid: commit,
      filepath: CONTRACT_FILE_NAME,
    });
    return { text: Buffer.from(blob).toString('utf8'), commit };
  } catch (error) {
    if ((error as { code?: string }).code === 'NotFoundError') {
      throw new NotFoundError(
        `${PROPOSE_ACCESS_ACTION_ID}: ${dir} has no ${CONTRACT_FILE_NAME} on a branch ${branch}: is it the product's repository, and its default branch?`,
      );
    }
    throw error;
  }
}

/**
 * One commit on a new branch, from `from` with data-product.yaml replaced:
 * objects and a ref only, so the repository's checked-out branch, index
 * and working tree stay as their owners left them.
 */
async function commitOnNewBranch(options: {
  dir: string;
  /** The commit the contract was read from. */
  parent: string;
  branchName: string;
  text: string;
  message: string;
  author: { name: string; email: string };
}): Promise<string> {
  const { dir, parent, branchName, text, message, author } = options;
  const { tree } = await git.readTree({ fs, dir, oid: parent });
  const blob = await git.writeBlob({
    fs,
    dir,
    blob: Buffer.from(text, 'utf8'),
  });
  const newTree = await git.writeTree({
    fs,
    dir,
    tree: tree.map(entry =>
      entry.path === CONTRACT_FILE_NAME ? { ...entry, oid: blob } : entry,
    ),
  });
  const commit = await git.commit({
    fs,
    dir,
    message,
    author,
    tree: newTree,
    parent: [parent],
    noUpdateBranch: true,
  });
  // Without force: a branch created since the check is not overwritten.
  await git.writeRef({
    fs,
    dir,
    ref: `refs/heads/${branchName}`,
    value: commit,
  });
  return commit;
}

function summaryOf(
  added: AccessGrantAdded,
  grant: AccessGrant,
  branchName: string,
  diff: string,
  requester: string | undefined,
): string {
  const { contract } = added;
  // On a git host the change is authored by the integration's token: the
  // reviewers learn from here who asked.
  const askedBy = requester ? `, requested by ${requester},` : '';
  return [
    `${grant.consumer} (account ${grant.account})${askedBy} asks for ${contract.domain}/${contract.name}:`,
    ...describeGrant(contract, grant).map(line => `- ${line}`),
    '',
    `Proposed as access.consumers[${added.index}] on the branch ${branchName}. Merging it approves the grant; the next deploy of the product builds it.`,
    '',
    '```diff',
    diff,
    '```',
  ].join('\n');
}
