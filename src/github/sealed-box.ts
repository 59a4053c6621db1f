/**
 * Encrypts a value for GitHub Actions secrets: a libsodium sealed box (X25519 + XSalsa20-Poly1305)
 * to the scope's public key, as GitHub's guide does, returned as standard padded base64.
 *
 * The default import is deliberate: libsodium-wrappers' ESM build exposes the functions only on the
 * default object once `ready` resolves (named exports are limited to the helpers).
 */
import sodium from 'libsodium-wrappers';

export class SealedBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedBoxError';
  }
}

/** The libsodium module once initialised (for the emulator and tests that open boxes). */
export async function sodiumReady(): Promise<typeof sodium> {
  await sodium.ready;
  return sodium;
}

export async function sealSecret(value: string, publicKeyBase64: string): Promise<string> {
  const s = await sodiumReady();
  let publicKey: Uint8Array;
  try {
    publicKey = s.from_base64(publicKeyBase64, s.base64_variants.ORIGINAL);
  } catch {
    throw new SealedBoxError('the public key is not valid base64');
  }
  if (publicKey.length !== s.crypto_box_PUBLICKEYBYTES) {
    throw new SealedBoxError(
      `the public key has ${publicKey.length} bytes; a ${s.crypto_box_PUBLICKEYBYTES}-byte X25519 key is expected`,
    );
  }
  const sealed = s.crypto_box_seal(s.from_string(value), publicKey);
  return s.to_base64(sealed, s.base64_variants.ORIGINAL);
}
