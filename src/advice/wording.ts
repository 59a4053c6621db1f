/**
 * What should replace a literal key, per context: the reference each tool has for a secret. One
 * sentence each, with the variable's name filled in; every name passed here is already restricted to
 * letters, digits and `_.-` (see `safeName`), so the text holds nothing an outsider chose freely.
 */
import type { AdviceContext } from '../types.js';

/** A name from the scanned file, kept only if it is plainly a name (at most 80 of `A-Za-z0-9_.-`). */
export function safeName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const t = raw.trim();
  return /^[A-Za-z_][A-Za-z0-9_.-]{0,79}$/.test(t) ? t : undefined;
}

/** `openai_api_key`, `api-key` → `OPENAI_API_KEY`, `API_KEY`: an environment / CI secret name. */
export function envName(raw: string): string {
  const n = raw
    .toUpperCase()
    .replace(/[^A-Z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(n) ? `_${n}` : n || 'API_KEY';
}

export interface FixInput {
  /** The variable or field name (safe), or the provider's usual variable (`OPENAI_API_KEY`). */
  name: string;
  /** `.env.example`-like files: committed on purpose, so they want a placeholder. */
  example?: boolean;
  /** Kubernetes Secret `data:` (base64, which is no protection). */
  base64?: boolean;
}

const BUILD_SECRET = (id: string, env: string) =>
  `a BuildKit build secret: \`RUN --mount=type=secret,id=${id},env=${env} <command>\` in the Dockerfile and \`docker build --secret id=${id},env=${env}\` fed by a CI secret`;

export function fixFor(context: AdviceContext, input: FixInput): string {
  const { name } = input;
  const env = envName(name);
  const id = env.toLowerCase();
  switch (context) {
    case 'dockerfile-arg':
      return `build arguments stay in the image's history and build cache (\`docker history\` shows them): pass the key as ${BUILD_SECRET(id, env)}, instead of ARG`;
    case 'dockerfile-env':
      return `ENV values are baked into every image built from this file (\`docker inspect\` shows them): give the key to the container at run time from the orchestrator's secrets (Kubernetes \`valueFrom.secretKeyRef\`, Compose \`secrets:\`), and if the build itself needs it, use ${BUILD_SECRET(id, env)}`;
    case 'dockerfile-run':
    case 'dockerfile':
      return `instruction text is stored in the image's history: read the key from ${BUILD_SECRET(id, env)}`;
    case 'k8s-env':
      return `reference a Secret instead of a literal value: \`valueFrom: {secretKeyRef: {name: <secret>, key: ${name}}}\`, with the Secret synced from a secret store (External Secrets Operator, Sealed Secrets, SOPS) or created by CI, never committed`;
    case 'k8s-secret':
      return `${input.base64 ? 'base64 in `data:` is an encoding, not protection: ' : ''}do not commit Secret values; create the Secret from CI (\`kubectl create secret generic <secret> --from-literal=${name}="$${env}"\` fed by a CI secret) or sync it from a secret store (External Secrets Operator, Sealed Secrets, a SOPS-encrypted file), and keep only \`secretKeyRef\` references in the manifests`;
    case 'k8s-configmap':
      return `a ConfigMap is readable by anything that can read the namespace's config: move the key to a Secret (synced from a secret store or created by CI) and reference it with \`valueFrom.secretKeyRef\` (key ${name})`;
    case 'k8s-manifest':
      return `reference a Secret instead of the literal (\`valueFrom.secretKeyRef\`, or a Secret mounted as a volume), with the Secret synced from a secret store (External Secrets Operator, Sealed Secrets, SOPS) or created by CI`;
    case 'kustomize-secret':
      return `generate the Secret from a file kept out of git (\`envs:\` or \`files:\` listed in .gitignore, written by CI from a secret) or sync it from a secret store, not from a committed literal`;
    case 'compose-environment':
    case 'compose':
      return `use Compose \`secrets:\` (a \`file:\` outside the repository, or an \`environment:\` source, read in the container from /run/secrets/${id}), or write \`${name}: \${${env}}\` and supply the value from the shell or an env_file kept out of git`;
    case 'compose-build-arg':
      return `build args stay in the image's history: use a build secret instead (Compose \`build: secrets: [${id}]\` with a top-level \`secrets: ${id}: environment: ${env}\`, and \`RUN --mount=type=secret,id=${id},env=${env}\` in the Dockerfile)`;
    case 'helm-values':
      return `keep credentials out of values files: point the chart at an existing Secret (an \`existingSecret\`-style value the template turns into \`valueFrom.secretKeyRef\`), or pass the value at deploy time from a CI secret (\`helm upgrade --set-string ${name}="$${env}"\`)`;
    case 'terraform-variable':
      return `remove the default, declare the variable \`sensitive = true\`, and feed it from \`TF_VAR_${name}\` (a CI secret) or read the key from a secrets manager data source (\`aws_secretsmanager_secret_version\`, \`vault_kv_secret_v2\`, \`google_secret_manager_secret_version\`...)`;
    case 'terraform-tfvars':
      return `do not commit secret values in .tfvars: set \`TF_VAR_${name}\` from a CI secret (or keep a git-ignored *.auto.tfvars), with the variable declared \`sensitive = true\``;
    case 'terraform-attribute':
      return `reference a \`sensitive = true\` variable (\`var.${name.toLowerCase()}\`, fed by \`TF_VAR_${name.toLowerCase()}\` from a CI secret) or a secrets manager data source instead of the literal; the value also lands in the state, so keep the state remote and encrypted`;
    case 'dotenv':
      return input.example
        ? `an example file is committed on purpose: leave ${name} empty or a placeholder here, and keep the real value in an untracked .env or a secret store`
        : `.env files hold local secrets and must not be committed: \`git rm --cached\` it, list it in .gitignore, commit a .env.example with ${name} empty, and load the real value from a secret store or CI secret`;
    case 'github-workflow':
      return `store the key as a secret and use \${{ secrets.${env} }} instead of the literal value`;
  }
}
