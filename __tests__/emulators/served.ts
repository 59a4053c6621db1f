import type { EmulatorServer } from './server.js';

/**
 * An emulator served by one EmulatorServer (its `server`), started and stopped with it; how a test
 * reaches it (`baseUrl`, `endpoint`, `url`) is each emulator's own.
 */
export abstract class ServedEmulator {
  abstract readonly server: EmulatorServer;

  /** Listens on a free loopback port; resolves to the server's address. */
  start(): Promise<string> {
    return this.server.start();
  }

  /** Closes every open connection and stops listening. */
  stop(): Promise<void> {
    return this.server.stop();
  }
}
