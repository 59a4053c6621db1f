/**
 * Errors a user can act on: they name the file and line and quote the bad value and the expected form.
 * The CLI prints `message` on one line and exits 2; the action fails with it.
 */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(file ? `${file}${line ? `:${line}` : ''}: ${message}` : message);
    this.name = 'ConfigError';
  }
}

/** A bad action input or CLI flag. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Path inside a config document, e.g. `['rotation', 'openai', 'secrets', 0]`. */
export type ConfigPath = (string | number)[];

/** Finds the 1-based line of a value in the loaded document (undefined when unknown). */
export type LineOf = (path: ConfigPath) => number | undefined;
