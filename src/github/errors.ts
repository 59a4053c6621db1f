/**
 * Typed errors of the GitHub side. Messages name the method, the API path and GitHub's own message:
 * never a token, a request body or a secret value (request bodies hold sealed values or incident
 * text, and neither belongs in a log line).
 */

export class GitHubApiError extends Error {
  /** Worth trying again later (5xx, 408); read by the rotation saga's own retry. */
  retryable: boolean;

  constructor(
    message: string,
    readonly status: number,
    readonly method: string,
    readonly path: string,
    /** GitHub's `message` field, e.g. `Resource not accessible by integration`. */
    readonly githubMessage?: string,
    readonly documentationUrl?: string,
  ) {
    super(message);
    this.name = 'GitHubApiError';
    this.retryable = status >= 500 || status === 408;
  }

  /** `PUT /repos/o/r/actions/secrets/X → 403 Resource not accessible by integration`. */
  static describe(method: string, path: string, status: number, githubMessage?: string): string {
    return `GitHub API ${method} ${path} → ${status}${githubMessage ? ` ${githubMessage}` : ''}`;
  }
}

/** The primary or secondary rate limit would make us wait longer than allowed. */
export class GitHubRateLimitError extends GitHubApiError {
  constructor(
    method: string,
    path: string,
    status: number,
    /** How long GitHub asked us to wait, in ms. */
    readonly waitMs: number,
    /** Epoch ms at which the primary limit resets, when known. */
    readonly resetAt?: number,
    githubMessage?: string,
  ) {
    const when = resetAt ? `; it resets at ${new Date(resetAt).toISOString()}` : '';
    super(
      `${GitHubApiError.describe(method, path, status, githubMessage)}: GitHub rate limit hit and the wait of ` +
        `${Math.ceil(waitMs / 1000)} s is longer than allowed${when}`,
      status,
      method,
      path,
      githubMessage,
    );
    this.name = 'GitHubRateLimitError';
    // We already waited as long as allowed: an immediate retry elsewhere would only hit the limit again.
    this.retryable = false;
  }
}

/** The token may not do this (401 bad token, 403 missing permission). The message says what is needed. */
export class GitHubPermissionError extends GitHubApiError {
  constructor(message: string, status: number, method: string, path: string, githubMessage?: string) {
    super(message, status, method, path, githubMessage);
    this.name = 'GitHubPermissionError';
  }
}

/** 410 Gone on an issues endpoint: Issues are turned off in the repository. */
export class IssuesDisabledError extends GitHubApiError {
  constructor(repo: string, method: string, path: string, githubMessage?: string) {
    super(
      `Issues are disabled in ${repo} (GitHub answered 410 on ${method} ${path}); keyguard cannot open an ` +
        'incident issue there. Turn Issues on in the repository settings, or turn incident issues off.',
      410,
      method,
      path,
      githubMessage,
    );
    this.name = 'IssuesDisabledError';
  }
}

/** A bad secret name or scope, found before any request is sent. */
export class SecretTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretTargetError';
  }
}
