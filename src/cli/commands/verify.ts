/** `keyguard verify`: is this one key (read from stdin, never from arguments) live? */
import { InputError } from '../../config/errors.js';
import { detectorOptionsFrom } from '../../config/wiring.js';
import { buildProviders } from '../../pipeline/providers.js';
import { Detector } from '../../scan/detector.js';
import { Secret } from '../../scan/secret.js';
import { forLog } from '../../text/inert.js';
import { verifyKey } from '../../verify/index.js';
import type { CliIo, Command } from '../command.js';
import { EXIT } from '../exit.js';
import { str } from '../flags.js';
import { atMost, BASE_URL_FLAGS, baseUrlsFrom, CONFIG_FLAG, configFor } from '../shared.js';

async function readStdin(io: CliIo): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin) {
    text += chunk.toString();
    if (text.length > 64 * 1024)
      throw new InputError('verify reads one key from stdin; got more than 64 KiB');
  }
  return text.trim();
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'ask the provider whether one key (read from stdin) is live',
  usage: ['[--provider ID] [--<provider>-base-url URL] < key.txt'],
  flags: [
    {
      name: 'provider',
      type: 'string',
      value: 'ID',
      description: 'the provider to ask (default: the one whose key shape matches)',
    },
    CONFIG_FLAG,
    ...BASE_URL_FLAGS,
  ],
  notes: [
    'Prints: status, provider, redacted key, evidence, detail (tab-separated).',
    'Exit: 0 revoked, 1 live, 3 unknown (could not tell), 2 usage or runtime error.',
  ],
  async run({ values, positionals }, { io }) {
    atMost('verify', positionals, 0, '');
    const raw = await readStdin(io);
    if (!raw)
      throw new InputError(
        'verify reads the key from stdin (never from arguments): echo "$KEY" | keyguard verify',
      );
    if (/\s/.test(raw))
      throw new InputError('verify reads exactly one key from stdin (found whitespace inside)');
    const secret = new Secret(raw);
    const config = await configFor(io.cwd, str(values, 'config'), io.cwd);
    let candidates: string[];
    const provider = str(values, 'provider');
    if (provider !== undefined) candidates = [provider];
    else {
      const found = new Detector(detectorOptionsFrom(config)).scan(raw)[0];
      if (!found)
        throw new InputError(
          `${secret.redacted} does not look like a known key; name its provider with --provider`,
        );
      candidates = found.candidates.length ? found.candidates : found.provider.split('|');
    }
    const providers = buildProviders(config, { baseUrls: baseUrlsFrom(values), env: io.env });
    const v = await verifyKey(secret, candidates, providers);
    const evidence = [v.endpoint, v.httpStatus, v.errorCode]
      .filter((x) => x !== undefined && x !== '')
      .join(' ');
    io.stdout.write(
      `${v.status}\t${forLog(v.provider)}\t${forLog(secret.redacted)}\t${forLog(evidence)}\t${forLog(v.detail)}\n`,
    );
    return v.status === 'live' ? EXIT.live : v.status === 'revoked' ? EXIT.ok : EXIT.inconclusive;
  },
};
