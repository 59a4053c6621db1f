/**
 * A throw-away certificate authority and a server certificate for 127.0.0.1, made at test time with
 * the `openssl` CLI (node:crypto makes keys but not X.509 certificates): emulators that must speak
 * HTTPS (the Kubernetes API server: its client trusts the CA named in the kubeconfig) start with it.
 * Nothing is kept: the files live in a temporary directory removed before returning.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestTls {
  /** PEM of the CA certificate (what a client trusts). */
  ca: string;
  /** PEM key and certificate of the server (signed by the CA, SAN IP:127.0.0.1 and DNS:localhost). */
  key: string;
  cert: string;
}

let cached: TestTls | undefined;

/** One CA and server certificate per test process (openssl takes ~100 ms a run). */
export function testTls(): TestTls {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'keyguard-tls-'));
  const f = (name: string) => join(dir, name);
  const openssl = (...args: string[]) =>
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      f('ca.key'),
      '-out',
      f('ca.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=keyguard test CA',
    );
    openssl('req', ...ec, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=127.0.0.1');
    writeFileSync(
      f('ext.cnf'),
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n',
    );
    openssl(
      'x509',
      '-req',
      '-in',
      f('server.csr'),
      '-CA',
      f('ca.pem'),
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-out',
      f('server.pem'),
      '-days',
      '2',
      '-extfile',
      f('ext.cnf'),
    );
    cached = {
      ca: readFileSync(f('ca.pem'), 'utf8'),
      key: readFileSync(f('server.key'), 'utf8'),
      cert: readFileSync(f('server.pem'), 'utf8'),
    };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
