import { parseConfig } from '../../src/config/load.js';
import { detectorOptionsFrom, scanPathFilters } from '../../src/config/wiring.js';
import { Detector } from '../../src/scan/detector.js';

const CONFIG = `allowlist:
  paths: ["docs/**"]
  regexes: ["EXAMPLE"]
  stopwords: [dummy]
rules:
  disable: [generic-sk-key]
  enable: [stripe-test-key]
  custom:
    - id: gw
      regex: 'gw_(?<key>[a-z0-9]{24})'
      keywords: [gw_]
`;

describe('detectorOptionsFrom', () => {
  it('passes rules, allow regexes and stopwords to the detector', () => {
    expect(detectorOptionsFrom(parseConfig(CONFIG))).toEqual({
      disabledRules: ['generic-sk-key'],
      enableRules: ['stripe-test-key'],
      customRules: [{ id: 'gw', regex: 'gw_(?<key>[a-z0-9]{24})', keywords: ['gw_'] }],
      allowRegexes: ['EXAMPLE'],
      stopwords: ['dummy'],
    });
  });

  it('gives options the detector accepts', () => {
    expect(() => new Detector(detectorOptionsFrom(parseConfig(CONFIG)))).not.toThrow();
  });
});

describe('scanPathFilters', () => {
  it('prunes allowlisted directories', () => {
    const { includeDir } = scanPathFilters(parseConfig(CONFIG));
    expect(includeDir?.('docs')).toBe(false);
    expect(includeDir?.('src')).toBe(true);
  });

  it('gives no filters when no path is allowlisted', () => {
    expect(scanPathFilters(parseConfig(''))).toEqual({});
  });
});
