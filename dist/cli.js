#!/usr/bin/env node
import { createRequire as __kgCreateRequire } from 'node:module';
const require = __kgCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/config/errors.ts
var ConfigError, InputError;
var init_errors = __esm({
  "src/config/errors.ts"() {
    "use strict";
    ConfigError = class extends Error {
      constructor(message, file, line) {
        super(file ? `${file}${line ? `:${line}` : ""}: ${message}` : message);
        this.file = file;
        this.line = line;
        this.name = "ConfigError";
      }
      file;
      line;
    };
    InputError = class extends Error {
      constructor(message) {
        super(message);
        this.name = "InputError";
      }
    };
  }
});

// src/rules/gen.ts
function pick(random, alphabet, n) {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}
function join(...parts) {
  return parts.join("");
}
var UPPER, LOWER, DIGITS, ALNUM, B64URL, HEX, OPENAI_MARKER;
var init_gen = __esm({
  "src/rules/gen.ts"() {
    "use strict";
    UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    LOWER = "abcdefghijklmnopqrstuvwxyz";
    DIGITS = "0123456789";
    ALNUM = UPPER + LOWER + DIGITS;
    B64URL = `${ALNUM}_-`;
    HEX = "0123456789abcdef";
    OPENAI_MARKER = ["T3Bl", "bkFJ"].join("");
  }
});

// src/rules/anthropic.ts
var URLSAFE, anthropicRules;
var init_anthropic = __esm({
  "src/rules/anthropic.ts"() {
    "use strict";
    init_gen();
    URLSAFE = "A-Za-z0-9_-";
    anthropicRules = [
      {
        id: "anthropic-admin-key",
        provider: "anthropic",
        candidates: ["anthropic"],
        description: "Anthropic Admin API key (organization-wide)",
        keywords: ["sk-ant-admin01-"],
        regex: /sk-ant-admin01-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/g,
        anchored: true,
        minLength: 110,
        maxLength: 110,
        alphabet: URLSAFE,
        prefixLength: 15,
        entropyFloor: 4.5,
        sample: (random) => join("sk-ant-admin01-", pick(random, B64URL, 93), "AA")
      },
      {
        id: "anthropic-api-key",
        provider: "anthropic",
        candidates: ["anthropic"],
        description: "Anthropic API key",
        keywords: ["sk-ant-api03-"],
        regex: /sk-ant-api03-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/g,
        anchored: true,
        minLength: 108,
        maxLength: 108,
        alphabet: URLSAFE,
        prefixLength: 13,
        entropyFloor: 4.5,
        sample: (random) => join("sk-ant-api03-", pick(random, B64URL, 93), "AA")
      },
      {
        // OAuth access/refresh tokens (`sk-ant-oat01-`, `sk-ant-ort01-`), session keys, future versions.
        id: "anthropic-other-key",
        provider: "anthropic",
        candidates: ["anthropic"],
        description: "Anthropic credential of another kind (OAuth token, session key or a newer key version)",
        keywords: ["sk-ant-"],
        regex: /sk-ant-[a-z]{2,8}[0-9]{2}-[A-Za-z0-9_-]{32,250}(?![A-Za-z0-9_-])/g,
        anchored: true,
        minLength: 44,
        maxLength: 268,
        alphabet: URLSAFE,
        prefixLength: 13,
        entropyFloor: 4.2,
        // API and admin keys have a fixed length: one that fails its own rule is truncated or made up.
        validate: (key) => !/^sk-ant-(?:api03|admin01)-/.test(key),
        sample: (random) => join("sk-ant-", random() < 0.5 ? "oat01-" : "ort01-", pick(random, B64URL, 93), "AA")
      }
    ];
  }
});

// src/rules/deepseek.ts
var deepseekRules;
var init_deepseek = __esm({
  "src/rules/deepseek.ts"() {
    "use strict";
    init_gen();
    deepseekRules = [
      {
        id: "deepseek-api-key",
        provider: "deepseek|dashscope",
        candidates: ["deepseek", "dashscope"],
        description: "DeepSeek or DashScope (Qwen) API key: 32 hex characters",
        keywords: ["sk-"],
        regex: /sk-[0-9a-f]{32}(?![A-Za-z0-9_-])/g,
        anchored: true,
        minLength: 35,
        maxLength: 35,
        alphabet: "A-Za-z0-9_-",
        prefixLength: 3,
        entropyFloor: 2.7,
        // A body of digits only, or of letters only, is a counter or a word, not 128 random bits.
        validate: (key) => /[a-f]/.test(key.slice(3)) && /[0-9]/.test(key.slice(3)),
        // `sk-` + an md5 is also how code names cache entries: a key on a line about caching or hashing,
        // with no word of keys or providers, is a digest.
        falseContext: /cache|md5|hash|digest|checksum|etag|fingerprint/i,
        unlessContext: /api[_-]?key|secret|token|bearer|authori[sz]ation|credential|deepseek|dashscope|qwen|aliyun|bailian|tongyi|openai|llm|env/i,
        sample: (random) => join("sk-", pick(random, HEX, 32))
      }
    ];
  }
});

// src/scan/entropy.ts
function shannonEntropy(s) {
  if (s.length === 0) return 0;
  let other;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) counts[c]++;
    else {
      other ??= /* @__PURE__ */ new Map();
      other.set(s[i], (other.get(s[i]) ?? 0) + 1);
    }
  }
  let h = 0;
  const add = (n) => {
    const p = n / s.length;
    h -= p * Math.log2(p);
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && counts[c] > 0) {
      add(counts[c]);
      counts[c] = 0;
    }
  }
  if (other) for (const n of other.values()) add(n);
  return h;
}
var counts;
var init_entropy = __esm({
  "src/scan/entropy.ts"() {
    "use strict";
    counts = new Uint32Array(128);
  }
});

// src/rules/generic.ts
function genericEntropyFloor(length) {
  if (length < 28) return 3.6;
  if (length < 40) return 3.9;
  return 4.2;
}
function isDashedName(body2) {
  const word = (part) => /^[a-z]{3,}$/.test(part) && !/^[a-f]+$/.test(part);
  const parts = body2.split("-");
  if (parts.length >= 3 && word(parts[0]) && /^[a-z]{3,}$/.test(parts[1])) return true;
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(body2)) return false;
  return parts.some(word);
}
function isBase64Of16Bytes(body2) {
  return body2.length === 22 && /[AQgw]$/.test(body2) && /[A-Z]/.test(body2) && /[a-z]/.test(body2);
}
function genericBodyIsRandom(body2) {
  if (OWNED_PREFIXES.test(body2)) return false;
  if (MARKER_PART.test(body2) || K8S_POD.test(body2) || CSS_MODULE.test(body2) || isDashedName(body2))
    return false;
  if (!/[A-Za-z]/.test(body2)) return false;
  if (!/[0-9]/.test(body2) && !isBase64Of16Bytes(body2)) return false;
  const hex = /^[0-9a-f]+$/.test(body2) || /^[0-9A-F]+$/.test(body2);
  if (hex && (body2.length < 32 || HASH_LENGTHS.has(body2.length))) return false;
  if (UUID.test(body2)) return false;
  return shannonEntropy(body2) >= genericEntropyFloor(body2.length);
}
var HASH_LENGTHS, UUID, OWNED_PREFIXES, K8S_POD, CSS_MODULE, MARKER_PART, TAKEN, genericRules;
var init_generic = __esm({
  "src/rules/generic.ts"() {
    "use strict";
    init_entropy();
    init_gen();
    HASH_LENGTHS = /* @__PURE__ */ new Set([40, 64, 128]);
    UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    OWNED_PREFIXES = /^(?:proj|None|svcacct|service|admin|ant-api03|ant-admin01|or-v1|lf)-/;
    K8S_POD = /^[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*-[0-9a-z]{6,10}-[0-9a-z]{5}$/;
    CSS_MODULE = /^(?:[a-z][a-z0-9]*[-_])*[a-z][a-z0-9]*__[A-Za-z0-9_-]{5,8}$/;
    MARKER_PART = /T3Bl|bkFJ/;
    TAKEN = /* @__PURE__ */ new Set([22, 32, 48]);
    genericRules = [
      {
        id: "generic-sk-key",
        provider: "unknown",
        candidates: [],
        // Not OpenAI or OpenRouter: their keys have formats of their own, so a key of another shape is not
        // theirs, and their 401 would wrongly read as "revoked".
        contextCandidates: ["litellm", "deepseek", "dashscope", "moonshot", "siliconflow"],
        description: "sk- style API key of a provider without a specific rule",
        keywords: ["sk-"],
        regex: /sk-[A-Za-z0-9_-]{20,250}(?![A-Za-z0-9_-])/g,
        anchored: true,
        minLength: 23,
        maxLength: 253,
        alphabet: "A-Za-z0-9_-",
        prefixLength: 3,
        validate: (key) => genericBodyIsRandom(key.slice(3)),
        sample: (random) => {
          for (; ; ) {
            let n = 20 + Math.floor(random() * 80);
            while (TAKEN.has(n)) n++;
            const body2 = pick(random, B64URL, n);
            if (genericBodyIsRandom(body2) && /^[A-Za-z0-9]/.test(body2)) return join("sk-", body2);
          }
        }
      }
    ];
  }
});

// src/rules/groq.ts
var groqRules;
var init_groq = __esm({
  "src/rules/groq.ts"() {
    "use strict";
    init_gen();
    groqRules = [
      {
        id: "groq-api-key",
        provider: "groq",
        candidates: ["groq"],
        description: "Groq API key",
        keywords: ["gsk_"],
        regex: /gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9_])/g,
        anchored: true,
        minLength: 56,
        maxLength: 56,
        alphabet: "A-Za-z0-9_",
        prefixLength: 4,
        entropyFloor: 4.3,
        sample: (random) => join("gsk_", pick(random, ALNUM, 52))
      }
    ];
  }
});

// src/rules/langfuse.ts
var uuid, langfuseRules;
var init_langfuse = __esm({
  "src/rules/langfuse.ts"() {
    "use strict";
    init_gen();
    uuid = (random) => [
      pick(random, HEX, 8),
      pick(random, HEX, 4),
      `4${pick(random, HEX, 3)}`,
      `a${pick(random, HEX, 3)}`,
      pick(random, HEX, 12)
    ].join("-");
    langfuseRules = [
      {
        id: "langfuse-secret-key",
        provider: "langfuse",
        candidates: ["langfuse"],
        description: "Langfuse secret key",
        keywords: ["sk-lf-"],
        regex: /sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_-])/g,
        anchored: true,
        minLength: 42,
        maxLength: 42,
        alphabet: "A-Za-z0-9_-",
        prefixLength: 6,
        entropyFloor: 3,
        skipIdentifierFilter: true,
        sample: (random) => join("sk-lf-", uuid(random))
      }
    ];
  }
});

// src/rules/litellm.ts
var litellmRules;
var init_litellm = __esm({
  "src/rules/litellm.ts"() {
    "use strict";
    init_gen();
    litellmRules = [
      {
        id: "litellm-virtual-key",
        provider: "litellm",
        candidates: ["litellm"],
        description: "LiteLLM proxy virtual key",
        keywords: ["sk-"],
        regex: /sk-[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])/g,
        anchored: true,
        minLength: 25,
        maxLength: 25,
        alphabet: "A-Za-z0-9_-",
        prefixLength: 3,
        entropyFloor: 3.3,
        requiresContext: /lite_?llm|proxy|:4000\b/i,
        sample: (random) => join("sk-", pick(random, B64URL, 22))
      }
    ];
  }
});

// src/rules/moonshot.ts
var moonshotRules;
var init_moonshot = __esm({
  "src/rules/moonshot.ts"() {
    "use strict";
    init_gen();
    moonshotRules = [
      {
        id: "siliconflow-api-key",
        provider: "siliconflow|moonshot",
        candidates: ["siliconflow", "moonshot"],
        description: "SiliconFlow API key: 48 lowercase letters (Moonshot shares the length)",
        keywords: ["sk-"],
        regex: /sk-[a-z]{48}(?![A-Za-z0-9_-])/g,
        anchored: true,
        minLength: 51,
        maxLength: 51,
        alphabet: "A-Za-z0-9_-",
        prefixLength: 3,
        entropyFloor: 3.5,
        sample: (random) => join("sk-", pick(random, LOWER, 48))
      },
      {
        id: "moonshot-api-key",
        provider: "moonshot|siliconflow",
        candidates: ["moonshot", "siliconflow"],
        description: "Moonshot (Kimi) API key: 48 letters and digits (SiliconFlow shares the length)",
        keywords: ["sk-"],
        regex: /sk-[A-Za-z0-9]{48}(?![A-Za-z0-9_-])/g,
        anchored: true,
        minLength: 51,
        maxLength: 51,
        alphabet: "A-Za-z0-9_-",
        prefixLength: 3,
        entropyFloor: 4.2,
        // Random 48-character alphanumerics practically always mix cases and digits.
        validate: (key) => {
          const body2 = key.slice(3);
          return /[A-Z]/.test(body2) && /[a-z]/.test(body2) && /[0-9]/.test(body2);
        },
        sample: (random) => join("sk-", pick(random, ALNUM, 48))
      }
    ];
  }
});

// src/rules/openai.ts
function isWholePrefixedKey(body2) {
  const at = body2.indexOf(OPENAI_MARKER);
  if (at === -1) return body2.length >= MIN_MARKERLESS_BODY && !body2.includes(OPENAI_MARKER.slice(0, 4));
  return at >= 20 && at === body2.length - at - OPENAI_MARKER.length;
}
function modernSample(prefix2, half) {
  return (random) => join(prefix2, pick(random, B64URL, half), OPENAI_MARKER, pick(random, B64URL, half - 1), "A");
}
var URLSAFE2, hasMarker, MIN_MARKERLESS_BODY, markerLengths, openaiRules;
var init_openai = __esm({
  "src/rules/openai.ts"() {
    "use strict";
    init_gen();
    URLSAFE2 = "A-Za-z0-9_-";
    hasMarker = (key) => key.includes(OPENAI_MARKER);
    MIN_MARKERLESS_BODY = 100;
    markerLengths = (prefix2) => [20, 58, 74].map((h) => prefix2.length + 2 * h + 8);
    openaiRules = [
      {
        id: "openai-project-key",
        provider: "openai",
        candidates: ["openai"],
        description: "OpenAI project API key",
        keywords: ["sk-proj-", "sk-None-"],
        // The early 20+marker+20 shape (48) up to today's 156-character bodies with room to grow; the
        // body must be whole (see `isWholePrefixedKey`).
        regex: /sk-(?:proj|None)-[A-Za-z0-9_-]{48,250}(?![A-Za-z0-9_-])/g,
        anchored: true,
        minLength: 56,
        maxLength: 258,
        lengths: markerLengths("sk-proj-"),
        validate: (key) => isWholePrefixedKey(key.slice(8)),
        alphabet: URLSAFE2,
        prefixLength: 8,
        entropyFloor: 4.2,
        sample: (random) => random() < 0.8 ? modernSample("sk-proj-", 74)(random) : join("sk-proj-", pick(random, B64URL, 20), OPENAI_MARKER, pick(random, B64URL, 20))
      },
      {
        id: "openai-service-account-key",
        provider: "openai",
        candidates: ["openai"],
        description: "OpenAI service account API key",
        keywords: ["sk-svcacct-", "sk-service-"],
        regex: /sk-(?:svcacct|service)-[A-Za-z0-9_-]{48,250}(?![A-Za-z0-9_-])/g,
        anchored: true,
        minLength: 59,
        maxLength: 261,
        lengths: markerLengths("sk-svcacct-"),
        validate: (key) => isWholePrefixedKey(key.slice(11)),
        alphabet: URLSAFE2,
        prefixLength: 11,
        entropyFloor: 4.2,
        sample: (random) => modernSample(random() < 0.8 ? "sk-svcacct-" : "sk-service-", 74)(random)
      },
      {
        id: "openai-admin-key",
        provider: "openai",
        candidates: ["openai"],
        description: "OpenAI admin API key (organization-wide)",
        keywords: ["sk-admin-"],
        regex: /sk-admin-[A-Za-z0-9_-]{48,250}(?![A-Za-z0-9_-])/g,
        anchored: true,
        minLength: 57,
        maxLength: 259,
        lengths: markerLengths("sk-admin-"),
        validate: (key) => isWholePrefixedKey(key.slice(9)),
        alphabet: URLSAFE2,
        prefixLength: 9,
        entropyFloor: 4.2,
        sample: modernSample("sk-admin-", 58)
      },
      {
        id: "openai-legacy-key",
        provider: "openai",
        candidates: ["openai"],
        description: "OpenAI user API key (legacy format)",
        keywords: ["sk-"],
        regex: new RegExp(`sk-[A-Za-z0-9]{20}${OPENAI_MARKER}[A-Za-z0-9]{20}(?![A-Za-z0-9_-])`, "g"),
        anchored: true,
        minLength: 51,
        maxLength: 51,
        alphabet: URLSAFE2,
        prefixLength: 3,
        validate: hasMarker,
        sample: (random) => {
          const alnum = B64URL.slice(0, 62);
          return join("sk-", pick(random, alnum, 20), OPENAI_MARKER, pick(random, alnum, 20));
        }
      }
    ];
  }
});

// src/rules/openrouter.ts
var openrouterRules;
var init_openrouter = __esm({
  "src/rules/openrouter.ts"() {
    "use strict";
    init_gen();
    openrouterRules = [
      {
        id: "openrouter-api-key",
        provider: "openrouter",
        candidates: ["openrouter"],
        description: "OpenRouter API key",
        keywords: ["sk-or-v1-"],
        regex: /sk-or-v1-[0-9a-f]{64}(?![A-Za-z0-9_-])/g,
        anchored: true,
        minLength: 73,
        maxLength: 73,
        alphabet: "A-Za-z0-9_-",
        prefixLength: 9,
        entropyFloor: 3.3,
        sample: (random) => join("sk-or-v1-", pick(random, HEX, 64))
      }
    ];
  }
});

// src/rules/perplexity.ts
var perplexityRules;
var init_perplexity = __esm({
  "src/rules/perplexity.ts"() {
    "use strict";
    init_gen();
    perplexityRules = [
      {
        id: "perplexity-api-key",
        provider: "perplexity",
        candidates: ["perplexity"],
        description: "Perplexity API key",
        keywords: ["pplx-"],
        regex: /pplx-[A-Za-z0-9]{48}(?![A-Za-z0-9_-])/g,
        anchored: true,
        minLength: 53,
        maxLength: 53,
        alphabet: "A-Za-z0-9_-",
        prefixLength: 5,
        entropyFloor: 4.4,
        sample: (random) => join("pplx-", pick(random, ALNUM, 48))
      }
    ];
  }
});

// src/rules/stripe.ts
var ALPHA, body, stripeRules, stripeTestRules;
var init_stripe = __esm({
  "src/rules/stripe.ts"() {
    "use strict";
    init_gen();
    ALPHA = "A-Za-z0-9_";
    body = (random) => pick(random, ALNUM, 24 + Math.floor(random() * 76));
    stripeRules = [
      {
        id: "stripe-secret-key",
        provider: "stripe",
        candidates: ["stripe"],
        description: "Stripe live secret key",
        // `sk_` rather than `sk_live_` + `sk_prod_`: one `indexOf` pass instead of two.
        keywords: ["sk_"],
        regex: /sk_(?:live|prod)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g,
        anchored: true,
        minLength: 24,
        maxLength: 255,
        alphabet: ALPHA,
        prefixLength: 8,
        entropyFloor: 3.5,
        sample: (random) => join("sk", random() < 0.9 ? "_live_" : "_prod_", body(random))
      },
      {
        id: "stripe-restricted-key",
        provider: "stripe",
        candidates: ["stripe"],
        description: "Stripe live restricted key",
        keywords: ["rk_"],
        regex: /rk_(?:live|prod)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g,
        anchored: true,
        minLength: 24,
        maxLength: 255,
        alphabet: ALPHA,
        prefixLength: 8,
        entropyFloor: 3.5,
        sample: (random) => join("rk", random() < 0.9 ? "_live_" : "_prod_", body(random))
      }
    ];
    stripeTestRules = [
      {
        id: "stripe-test-key",
        provider: "stripe",
        candidates: ["stripe"],
        description: "Stripe test-mode key (no production data; opt-in)",
        keywords: ["sk_", "rk_"],
        regex: /[sr]k_test_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g,
        anchored: true,
        minLength: 24,
        maxLength: 255,
        alphabet: ALPHA,
        prefixLength: 8,
        entropyFloor: 3.5,
        sample: (random) => join(random() < 0.5 ? "sk" : "rk", "_test_", body(random))
      }
    ];
  }
});

// src/rules/xai.ts
var xaiRules;
var init_xai = __esm({
  "src/rules/xai.ts"() {
    "use strict";
    init_gen();
    xaiRules = [
      {
        id: "xai-api-key",
        provider: "xai",
        candidates: ["xai"],
        description: "xAI (Grok) API key",
        keywords: ["xai-"],
        regex: /xai-[A-Za-z0-9_]{80}(?![A-Za-z0-9_-])/g,
        anchored: true,
        minLength: 84,
        maxLength: 84,
        alphabet: "A-Za-z0-9_-",
        prefixLength: 4,
        entropyFloor: 4.6,
        sample: (random) => join("xai-", pick(random, ALNUM, 80))
      }
    ];
  }
});

// src/rules/index.ts
function builtinRules() {
  return [
    ...anthropicRules,
    ...openrouterRules,
    ...openaiRules,
    ...deepseekRules,
    ...moonshotRules,
    ...litellmRules,
    ...langfuseRules,
    ...stripeRules,
    ...groqRules,
    ...xaiRules,
    ...perplexityRules,
    ...genericRules
  ];
}
function optionalRules() {
  return [...stripeTestRules];
}
var init_rules = __esm({
  "src/rules/index.ts"() {
    "use strict";
    init_anthropic();
    init_deepseek();
    init_generic();
    init_groq();
    init_langfuse();
    init_litellm();
    init_moonshot();
    init_openai();
    init_openrouter();
    init_perplexity();
    init_stripe();
    init_xai();
  }
});

// src/scan/needles.ts
function rank(code2) {
  return code2 < 128 ? RANK[code2] : 0;
}
function planNeedle(text) {
  if (text.length < 2) return { text, skip: 0, tail: text };
  let skip = 0;
  for (let j = 1; j < text.length - 1; j++)
    if (rank(text.charCodeAt(j)) < rank(text.charCodeAt(skip))) skip = j;
  return { text, skip, tail: text.slice(skip) };
}
function headMatches(hay, at, n) {
  if (at < 0) return false;
  for (let i = 0; i < n.skip; i++) if (hay[at + i] !== n.text.charCodeAt(i)) return false;
  return true;
}
function findNeedle(hay, n, from = 0) {
  if (typeof hay === "string") return findInText(hay, n, from);
  for (let i = hay.indexOf(n.tail, from + n.skip); i !== -1; i = hay.indexOf(n.tail, i + 1)) {
    if (headMatches(hay, i - n.skip, n)) return i - n.skip;
  }
  return -1;
}
function findInText(hay, n, from) {
  const { skip, tail, text } = n;
  for (let i = hay.indexOf(tail, from + skip); i !== -1; i = hay.indexOf(tail, i + 1)) {
    const at = i - skip;
    if (at < 0) continue;
    let k = 0;
    while (k < skip && hay.charCodeAt(at + k) === text.charCodeAt(k)) k++;
    if (k === skip) return at;
  }
  return -1;
}
function bytesEqual(buf, start, text) {
  for (let i = 0; i < text.length; i++) if (buf[start + i] !== text.charCodeAt(i)) return false;
  return true;
}
var BY_FREQUENCY, RANK, AnchorSet;
var init_needles = __esm({
  "src/scan/needles.ts"() {
    "use strict";
    BY_FREQUENCY = "!%&>?@\\^|~QWRUGMZDHLVF9425687\"3#*<wCXJTYz1K0x$[]qjBNbSg+EIO_`vPA=:{k}-y/(),f';mhup.dclnosairte ";
    RANK = new Uint8Array(128);
    for (let i = 0; i < BY_FREQUENCY.length; i++) RANK[BY_FREQUENCY.charCodeAt(i)] = i + 1;
    AnchorSet = class {
      #anchors = [];
      constructor(needles) {
        const left = needles.map((text, index) => ({ text, index })).filter((n) => n.text.length > 0);
        while (left.length > 0) {
          const count = /* @__PURE__ */ new Map();
          for (const n of left)
            for (const c of new Set(n.text)) count.set(c.charCodeAt(0), (count.get(c.charCodeAt(0)) ?? 0) + 1);
          let best = -1;
          for (const [c, k] of count) {
            const b = count.get(best) ?? 0;
            if (k > b || k === b && rank(c) < rank(best)) best = c;
          }
          const group = {
            code: best,
            needles: [],
            follow: new Uint8Array(256)
          };
          for (let i = left.length - 1; i >= 0; i--) {
            const n = left[i];
            const at = n.text.indexOf(String.fromCharCode(best));
            if (at === -1) continue;
            group.needles.push({ text: n.text, at, index: n.index });
            if (at + 1 < n.text.length) group.follow[n.text.charCodeAt(at + 1) & 255] = 1;
            else group.follow.fill(1);
            left.splice(i, 1);
          }
          this.#anchors.push(group);
        }
      }
      /** The anchor characters, one search pass each. */
      get anchors() {
        return this.#anchors.map((a) => String.fromCharCode(a.code));
      }
      /**
       * Calls `hit(needleIndex, position)` for occurrences of the needles (grouped by anchor, not in text
       * order) until it returns true; returns whether it did.
       */
      some(hay, hit) {
        for (const a of this.#anchors) {
          const next = typeof hay === "string" ? (from) => hay.indexOf(String.fromCharCode(a.code), from) : (from) => hay.indexOf(a.code, from);
          const follow = a.follow;
          for (let p = next(0); p !== -1; p = next(p + 1)) {
            const f = typeof hay === "string" ? hay.charCodeAt(p + 1) : hay[p + 1];
            if (f === void 0 || Number.isNaN(f) ? follow[0] === 0 : follow[f & 255] === 0) continue;
            for (const n of a.needles) {
              const start = p - n.at;
              if (start < 0 || start + n.text.length > hay.length) continue;
              const same = typeof hay === "string" ? hay.startsWith(n.text, start) : bytesEqual(hay, start, n.text);
              if (same && hit(n.index, start)) return true;
            }
          }
        }
        return false;
      }
    };
  }
});

// src/scan/base64.ts
function isB64(code2) {
  return code2 < 128 && B64_CHAR[code2] === 1;
}
function codeAt(h, i) {
  return typeof h === "string" ? h.charCodeAt(i) : h[i] ?? Number.NaN;
}
function base64Markers(seed) {
  const bytes = Buffer.from(seed, "latin1");
  if (bytes.length !== 3) throw new Error("a base64 marker seed must be 3 bytes");
  const out = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes, Buffer.alloc(3)]).toString("base64");
    const first = Math.ceil(8 * offset / 6);
    const last = Math.floor((8 * offset + 24) / 6) - 1;
    out.push(encoded.slice(first, last + 1));
  }
  return out;
}
function base64Seeds(keywords) {
  const seeds = /* @__PURE__ */ new Set();
  for (const k of keywords) if (k.length >= 3) seeds.add(k.slice(-3));
  return [...seeds];
}
function isBlank(code2) {
  return code2 === 32 || code2 === 9;
}
function isWrapSpace(code2) {
  return code2 === 10 || code2 === 13 || code2 === 32 || code2 === 9;
}
function runStart(h, i) {
  let s = i;
  if (typeof h === "string") {
    while (s > 0) {
      const c = h.charCodeAt(s - 1);
      if (c > 255 || B64_CHAR[c] === 0) break;
      s--;
    }
  } else {
    while (s > 0 && B64_CHAR[h[s - 1]] === 1) s--;
  }
  return s;
}
function runEnd(h, i) {
  let e = i;
  const n = h.length;
  if (typeof h === "string") {
    while (e < n) {
      const c = h.charCodeAt(e);
      if (c > 255 || B64_CHAR[c] === 0) break;
      e++;
    }
  } else {
    while (e < n && B64_CHAR[h[e]] === 1) e++;
  }
  return e;
}
function expandRun(text, hit) {
  let start = runStart(text, hit);
  let end = runEnd(text, hit);
  let wrapped = false;
  let segStart = start;
  while (WRAP_WIDTHS.has(end - segStart)) {
    let j = end;
    if (codeAt(text, j) === 13) j++;
    if (codeAt(text, j) !== 10) break;
    j++;
    while (j < text.length && isBlank(codeAt(text, j))) j++;
    if (!isB64(codeAt(text, j))) break;
    segStart = j;
    end = runEnd(text, j);
    wrapped = true;
  }
  for (; ; ) {
    let k = start - 1;
    while (k >= 0 && isBlank(codeAt(text, k))) k--;
    if (k < 0 || codeAt(text, k) !== 10) break;
    k--;
    if (k >= 0 && codeAt(text, k) === 13) k--;
    const segEnd = k + 1;
    const s = runStart(text, segEnd);
    if (!WRAP_WIDTHS.has(segEnd - s)) break;
    start = s;
    wrapped = true;
  }
  return { start, end, wrapped };
}
function someLongRun(h, visit) {
  const n = h.length;
  let start = 0;
  if (typeof h === "string") {
    while (start + MIN_RUN <= n) {
      let j = start + MIN_RUN - 1;
      while (j >= start) {
        const c = h.charCodeAt(j);
        if (c > 255 || B64_VALUE[c] < 0) break;
        j--;
      }
      if (j >= start) {
        start = j + 1;
        continue;
      }
      const run = expandRun(h, start);
      if (visit(run.start, run.end, run.wrapped)) return true;
      start = Math.max(run.end, start + MIN_RUN) + 1;
    }
  } else {
    while (start + MIN_RUN <= n) {
      let j = start + MIN_RUN - 1;
      while (j >= start && B64_VALUE[h[j]] >= 0) j--;
      if (j >= start) {
        start = j + 1;
        continue;
      }
      let end = start + MIN_RUN;
      while (end < n && B64_VALUE[h[end]] >= 0) end++;
      const next = visitLongRun(h, start, end, visit);
      if (next < 0) return true;
      start = next + 1;
    }
  }
  return false;
}
function visitLongRun(h, start, end, visit) {
  const before = start > 0 ? h[start - 1] : 10;
  if (WRAP_WIDTHS.has(end - start) || before === 10 || isBlank(before)) {
    const run = expandRun(h, start);
    if (visit(run.start, run.end, run.wrapped)) return -1;
    return Math.max(run.end, end);
  }
  return visit(start, end, false) ? -1 : end;
}
function markerStart(h, i) {
  let p = i;
  for (let k = 0; k < 2; k++) {
    p--;
    while (isWrapSpace(codeAt(h, p))) p--;
  }
  return p;
}
function someMarkedRunDecodes(h, markers, test) {
  return someLongRun(h, markedRunVisitor(h, markers, test));
}
function markedRunVisitor(h, markers, test) {
  return (start, end, wrapped) => {
    if (!markers.within(h, start, end)) return false;
    const raw = typeof h === "string" ? h.slice(start, end) : h.toString("latin1", start, end);
    const run = wrapped ? raw.replace(/\s+/g, "") : raw;
    if (run.length < MIN_RUN) return false;
    for (let from = 0; ; from += CHUNK - OVERLAP) {
      const to = Math.min(run.length, from + CHUNK);
      if (test(decode(run, from, to))) return true;
      if (to === run.length) return false;
    }
  };
}
function decodeBase64Runs(text, markers) {
  const out = [];
  const table2 = markers instanceof MarkerTable ? markers : new MarkerTable(markers);
  someLongRun(text, (start, end, wrapped) => {
    if (!table2.within(text, start, end)) return false;
    const run = wrapped ? text.slice(start, end).replace(/\s+/g, "") : text.slice(start, end);
    if (run.length >= MIN_RUN) {
      for (let from = 0; ; from += CHUNK - OVERLAP) {
        const to = Math.min(run.length, from + CHUNK);
        out.push({ runStart: start, runEnd: end, decoded: decode(run, from, to) });
        if (to === run.length) break;
      }
    }
    return false;
  });
  return out;
}
function decodeHintedRuns(text, hints = DOUBLE_ENCODED_HINTS) {
  const out = [];
  let common = hints[0] ?? "";
  for (const h of hints) while (!h.startsWith(common)) common = common.slice(0, -1);
  if (common.length === 0) return out;
  const needle = planNeedle(common);
  for (let i = findNeedle(text, needle); i !== -1; i = findNeedle(text, needle, i + 1)) {
    for (const hint of hints) {
      if (!text.startsWith(hint, i)) continue;
      let start = i + hint.length;
      const limit = Math.min(text.length, start + 8);
      while (start < limit && !isB64(codeAt(text, start))) start++;
      let end = start;
      while (end < text.length && end - start < 65536 && isB64(codeAt(text, end))) end++;
      if (end - start >= MIN_RUN)
        out.push({ runStart: start, runEnd: end, decoded: decode(text, start, end) });
    }
  }
  return out;
}
function decode(text, start, end) {
  const len = end - start & ~3;
  let s = text.slice(start, start + len);
  if (end - start - len >= 2) s = text.slice(start, end) + "=".repeat(4 - (end - start - len));
  return Buffer.from(s, "base64").toString("latin1");
}
var B64_CHAR, BASE64_SEEDS, MIN_RUN, CHUNK, OVERLAP, WRAP_WIDTHS, B64_VALUE, MarkerTable, DOUBLE_ENCODED_HINTS;
var init_base64 = __esm({
  "src/scan/base64.ts"() {
    "use strict";
    init_needles();
    B64_CHAR = new Uint8Array(256);
    for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_")
      B64_CHAR[c.charCodeAt(0)] = 1;
    BASE64_SEEDS = base64Seeds(["sk-", "sk_", "rk_", "gsk_", "xai-", "pplx-"]);
    MIN_RUN = 32;
    CHUNK = 65536;
    OVERLAP = 1024;
    WRAP_WIDTHS = /* @__PURE__ */ new Set([64, 76]);
    B64_VALUE = new Int8Array(256).fill(-1);
    for (let v = 0; v < 64; v++) {
      B64_VALUE["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(v)] = v;
    }
    B64_VALUE[45] = 62;
    B64_VALUE[95] = 63;
    MarkerTable = class {
      #bits = new Uint32Array(1 << 13);
      #markers;
      constructor(markers) {
        this.#markers = [...markers];
        for (const m of markers) {
          const code2 = B64_VALUE[m.charCodeAt(0)] << 12 | B64_VALUE[m.charCodeAt(1)] << 6 | B64_VALUE[m.charCodeAt(2)];
          this.#bits[code2 >>> 5] |= 1 << (code2 & 31);
        }
      }
      get size() {
        return this.#markers.length;
      }
      /** The bitmap itself (read-only use: the WebAssembly pre-filter copies it). */
      get bitmap() {
        return this.#bits;
      }
      /**
       * Does `h[start, end)` hold one of the markers (either base64 alphabet)? Line breaks and indentation
       * inside the range are skipped, so a marker split by the wrap of a wrapped run is still seen.
       */
      // One loop per input type on purpose: each stays monomorphic (string or Buffer), which V8 runs faster.
      within(h, start, end) {
        return typeof h === "string" ? this.#withinText(h, start, end) : this.#withinBytes(h, start, end);
      }
      // The two forms of `within` differ only in how a character is read: kept apart so each loop sees one
      // type (a run can be megabytes long, e.g. a line of `sk-sk-sk-…`, which is all base64 characters).
      #withinText(h, start, end) {
        const bits = this.#bits;
        let code2 = 0;
        let valid = 0;
        for (let i = start; i < end; i++) {
          const c = h.charCodeAt(i);
          const v = c > 255 ? -1 : B64_VALUE[c];
          if (v < 0) {
            if (!isWrapSpace(c)) valid = 0;
            continue;
          }
          code2 = (code2 << 6 | v) & 262143;
          if (++valid >= 3 && (bits[code2 >>> 5] & 1 << (code2 & 31)) !== 0) {
            if (this.#full(h, markerStart(h, i), end)) return true;
          }
        }
        return false;
      }
      #withinBytes(h, start, end) {
        const bits = this.#bits;
        let code2 = 0;
        let valid = 0;
        for (let i = start; i < end; i++) {
          const c = h[i];
          const v = B64_VALUE[c];
          if (v < 0) {
            if (!isWrapSpace(c)) valid = 0;
            continue;
          }
          code2 = (code2 << 6 | v) & 262143;
          if (++valid >= 3 && (bits[code2 >>> 5] & 1 << (code2 & 31)) !== 0) {
            if (this.#full(h, markerStart(h, i), end)) return true;
          }
        }
        return false;
      }
      /** The whole marker (3 or 4 base64 characters, spaces skipped) at `at`; `-`/`+`, `_`/`/` agree. */
      #full(h, at, end) {
        outer: for (const m of this.#markers) {
          let i = at;
          for (let k = 0; k < m.length; k++, i++) {
            let c = i < end ? typeof h === "string" ? h.charCodeAt(i) : h[i] : -1;
            while (k > 0 && isWrapSpace(c) && i + 1 < end)
              c = typeof h === "string" ? h.charCodeAt(++i) : h[++i];
            if (c < 0 || c > 255 || B64_VALUE[c] !== B64_VALUE[m.charCodeAt(k)]) continue outer;
          }
          return true;
        }
        return false;
      }
    };
    DOUBLE_ENCODED_HINTS = [".dockerconfigjson", ".dockercfg"];
  }
});

// src/scan/context.ts
function nearbyProviders(text, start, end, providers = Object.keys(PROVIDER_HINTS), radius = CONTEXT_RADIUS) {
  const from = Math.max(0, start - radius);
  const window = text.slice(from, Math.min(text.length, end + radius)).toLowerCase();
  const keyStart = start - from;
  const keyEnd = end - from;
  const found = [];
  for (const provider of providers) {
    let best = Number.POSITIVE_INFINITY;
    for (const word of PROVIDER_HINTS[provider] ?? [provider]) {
      for (let i = window.indexOf(word); i !== -1; i = window.indexOf(word, i + 1)) {
        if (i >= keyStart && i < keyEnd) continue;
        const d = i < keyStart ? keyStart - (i + word.length) : i - keyEnd;
        if (d < best) best = d;
      }
    }
    if (best !== Number.POSITIVE_INFINITY) found.push({ provider, distance: best });
  }
  return found.sort((a, b) => a.distance - b.distance).map((f) => f.provider);
}
function rankCandidates(candidates, text, start, end) {
  if (candidates.length < 2) return [...candidates];
  const near = nearbyProviders(text, start, end, candidates);
  return [...near, ...candidates.filter((c) => !near.includes(c))];
}
var PROVIDER_HINTS, CONTEXT_RADIUS;
var init_context = __esm({
  "src/scan/context.ts"() {
    "use strict";
    PROVIDER_HINTS = {
      openai: ["openai"],
      anthropic: ["anthropic", "claude"],
      deepseek: ["deepseek"],
      dashscope: ["dashscope", "qwen", "aliyun", "bailian", "tongyi"],
      moonshot: ["moonshot", "kimi"],
      siliconflow: ["siliconflow", "silicon_flow", "siliconcloud"],
      openrouter: ["openrouter"],
      litellm: ["litellm", "lite_llm"]
    };
    CONTEXT_RADIUS = 200;
  }
});

// src/scan/custom.ts
function findNestedQuantifier(source) {
  const stack = [];
  let i = 0;
  const quantifierAt = (j) => {
    const c = source[j];
    if (c === "*" || c === "+") return { repeats: true, variable: true, length: 1 };
    if (c === "?") return { repeats: false, variable: false, length: 1 };
    if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(j));
      if (!m) return void 0;
      const min = Number(m[1]);
      const max = m[2] === void 0 ? min : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3]);
      return { repeats: max > 1, variable: max > 1 && max !== min, length: m[0].length };
    }
    return void 0;
  };
  while (i < source.length) {
    const c = source[i];
    if (c === "\\") {
      i += 2;
      continue;
    }
    if (c === "[") {
      i++;
      while (i < source.length && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    if (c === "(") {
      stack.push({ start: i, repeats: false });
      i++;
      continue;
    }
    if (c === ")") {
      const group = stack.pop();
      i++;
      const q2 = quantifierAt(i);
      if (group && q2?.repeats && group.repeats) return source.slice(group.start, i + q2.length);
      const parent = stack[stack.length - 1];
      if (parent && (group?.repeats || q2?.variable)) parent.repeats = true;
      continue;
    }
    const q = quantifierAt(i);
    if (q) {
      const top = stack[stack.length - 1];
      if (top && q.variable) top.repeats = true;
      i += q.length;
      continue;
    }
    i++;
  }
  return void 0;
}
function compileCustomRule(spec) {
  const id = spec?.id;
  if (typeof id !== "string" || !ID.test(id)) {
    throw new Error(
      `custom rule id ${JSON.stringify(id)} is invalid: expected letters, digits, '.', '_' or '-' (at most 64)`
    );
  }
  if (typeof spec.regex !== "string" || spec.regex.length === 0) {
    throw new Error(`custom rule "${id}": regex must be a non-empty string`);
  }
  let regex;
  try {
    regex = new RegExp(spec.regex, "g");
  } catch (e) {
    throw new Error(`custom rule "${id}": invalid regex: ${e.message}`);
  }
  const nested = findNestedQuantifier(spec.regex);
  if (nested) {
    throw new Error(
      `custom rule "${id}": unsafe regex: nested quantifier ${JSON.stringify(nested)} can take exponential time; use a single bounded repetition such as [A-Za-z0-9]{32,64}`
    );
  }
  if (new RegExp(`^(?:${spec.regex})$`).test("")) {
    throw new Error(`custom rule "${id}": regex matches the empty string`);
  }
  if (spec.entropy !== void 0 && (typeof spec.entropy !== "number" || !(spec.entropy >= 0))) {
    throw new Error(`custom rule "${id}": entropy must be a number of bits per character, e.g. 3.5`);
  }
  const keywords = spec.keywords ?? [];
  if (!Array.isArray(keywords) || keywords.some((k) => typeof k !== "string" || k.length === 0)) {
    throw new Error(`custom rule "${id}": keywords must be a list of non-empty strings`);
  }
  const provider = spec.provider ?? "custom";
  return {
    id,
    provider,
    candidates: spec.provider ? [spec.provider] : [],
    description: spec.description ?? `Custom rule ${id}`,
    keywords: keywords.map((k) => k.toLowerCase()),
    regex,
    group: /\(\?<key>/.test(spec.regex) ? "key" : 0,
    entropyFloor: spec.entropy,
    prefixLength: 0,
    custom: true,
    sample: () => {
      throw new Error(`custom rule "${id}" has no sample generator`);
    }
  };
}
var ID;
var init_custom = __esm({
  "src/scan/custom.ts"() {
    "use strict";
    ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
  }
});

// src/scan/placeholder.ts
function hasPlaceholderText(body2) {
  if (PLACEHOLDER_RE.test(body2)) return true;
  if (!body2.includes("-") && !body2.includes("_")) return false;
  const segments = body2.split(/[-_]/).map((s) => /^(?:[a-z]+|[A-Z]+|[A-Z][a-z]+)$/.test(s) ? s.toLowerCase() : s);
  if (segments.length > 1 && PLACEHOLDER_SEGMENTS.has(segments[0])) return true;
  for (const seg of segments) if (seg === "here" || seg === "your" || seg === "xxx") return true;
  return false;
}
function looksLikeIdentifier(body2) {
  const segments = body2.split(/[-_]+/).filter((s) => s.length > 0);
  if (segments.length >= 2) {
    const long = segments.filter((s) => s.length >= 3);
    const words = long.filter((s) => WORDISH.test(s)).length;
    if (long.length > 0 && (words === long.length || segments.length >= 3 && words >= 0.75 * long.length)) {
      return true;
    }
  }
  if (/^(?:[a-z]+|[A-Z]+)[0-9]+$/.test(body2) || /^[0-9]+(?:[a-z]+|[A-Z]+)$/.test(body2)) return true;
  return false;
}
function hasRun(body2, length = 6) {
  let same = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i < body2.length; i++) {
    const d = body2.charCodeAt(i) - body2.charCodeAt(i - 1);
    same = d === 0 ? same + 1 : 1;
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    if (same >= length || up >= length || down >= length) return true;
  }
  return hasInterleavedRun(body2, length);
}
function hasInterleavedRun(body2, length) {
  const run = [1, 1];
  for (let i = 2; i < body2.length; i++) {
    const d = body2.charCodeAt(i) - body2.charCodeAt(i - 2);
    run[i & 1] = d === 1 ? run[i & 1] + 1 : 1;
    if (run[i & 1] >= length) return true;
  }
  return false;
}
function isMostlySequential(body2) {
  if (body2.length < 12) return false;
  let steps = 0;
  for (let i = 1; i < body2.length; i++) {
    const d = body2.charCodeAt(i) - body2.charCodeAt(i - 1);
    if (d === 1 || d === -1) steps++;
  }
  return steps >= 0.4 * (body2.length - 1);
}
function isPeriodic(body2) {
  for (let p = 1; p <= 16 && p * 2 <= body2.length; p++) {
    let i = p;
    while (i < body2.length && body2.charCodeAt(i) === body2.charCodeAt(i - p)) i++;
    if (i === body2.length) return true;
  }
  return false;
}
function isPlaceholderBody(body2) {
  return hasRun(body2) || isPeriodic(body2) || isMostlySequential(body2) || hasPlaceholderText(body2) || looksLikeIdentifier(body2);
}
function isFollowedByMask(text, end) {
  const c = text.charCodeAt(end);
  if (c === 8230) return true;
  if (c === 46 || c === 42) {
    const next = text.slice(end, end + 3);
    return next === "..." || next === "***";
  }
  return false;
}
var PLACEHOLDER_SUBSTRINGS, PLACEHOLDER_SEGMENTS, WORDISH, variants, escapeRegex, PLACEHOLDER_RE;
var init_placeholder = __esm({
  "src/scan/placeholder.ts"() {
    "use strict";
    PLACEHOLDER_SUBSTRINGS = [
      "xxxx",
      "****",
      "....",
      "your",
      "example",
      "sample",
      "placeholder",
      "redacted",
      "dummy",
      "replace",
      "insert",
      "apikey",
      "api_key",
      "api-key",
      "secretkey",
      "secret_key",
      "secret-key",
      "changeme",
      "secret",
      "password",
      "token",
      "invalid",
      "qwerty",
      "asdfgh",
      "lorem",
      "foobar"
    ];
    PLACEHOLDER_SEGMENTS = /* @__PURE__ */ new Set([
      "test",
      "tests",
      "demo",
      "fake",
      "mock",
      "here",
      "key",
      "keys",
      "xxx",
      "todo",
      "null",
      "sample",
      "example",
      "your",
      "abc",
      "xyz",
      "foo",
      "bar"
    ]);
    WORDISH = /^(?:[a-z]+|[A-Z][a-z]+|[A-Z]+|[a-z]+[0-9]{1,3}|[0-9]{1,4}|v[0-9]{1,3}|[0-9]{1,2}[a-z]{1,2})$/;
    variants = (w) => [w, w.toUpperCase(), w[0].toUpperCase() + w.slice(1)];
    escapeRegex = (w) => w.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
    PLACEHOLDER_RE = new RegExp(
      [
        ...PLACEHOLDER_SUBSTRINGS.filter((w) => w.length > 4).flatMap(variants).map(escapeRegex),
        ...PLACEHOLDER_SUBSTRINGS.filter((w) => w.length <= 4).flatMap(variants).map((w) => `(?:^|[-_])${escapeRegex(w)}|${escapeRegex(w)}(?:$|[-_])`)
      ].join("|")
    );
  }
});

// src/scan/prefilter-wasm.ts
var PREFILTER_WASM;
var init_prefilter_wasm = __esm({
  "src/scan/prefilter-wasm.ts"() {
    "use strict";
    PREFILTER_WASM = "AGFzbQEAAAABEgNgAAF/YAJ/fwF/YAN/f38BfwMGBQABAgECBQMBAAIGBgF/AUEACwc0BQZtZW1vcnkCAAZydW5FbmQAAAhmaW5kUGFpcgABB25leHRSdW4AAwljb3VudEJ5dGUABAqfBgUEACMAC6cCAgN/CHtBgIIC/QAEACEIQZCCAv0ABAAhCUGgggL9AAQAIQpBsIIC/QAEACEL/QwPDw8PDw8PDw8PDw8PDw8PIQwgACECAkADQCACQRFqIAFLDQEgAv0ABAAhBSAC/QAEASEGIAggBSAM/U79DiAJIAVBBP2NASAM/U79Dv1OIAogBiAM/U79DiALIAZBBP2NASAM/U79Dv1O/U4hByAH/VMEQCACIAf9DAAAAAAAAAAAAAAAAAAAAAD9JP1kaGoPCyACQRBqIQIMAAsLAkADQCACQQFqIAFPDQEgAi0AACEDIAItAAEhBCADQQ9xLQCAggIgA0EEdi0AkIICcSAEQQ9xLQCgggIgBEEEdi0AsIICcXEEQCACDwsgAkEBaiECDAALC0F/C5UBAQR/IAEgAGshAyADQcAARiADQcwARnIgASACSXEEQCABLQAAIQQgBEEKRiAEQQ1GcgRAQQEPCwsgACEGQQAhBQJAA0AgBiABTw0BIAVBBnQgBi0AAC0AgIACckH//w9xIQUgBiAAQQJqTwRAIAVBBXZBAnQoAgAgBUEfcXZBAXEEQEEBDwsLIAZBAWohBgwACwtBAAvxAQIDfwR7QcCCAv0ABAAhBkHQggL9AAQAIQf9DA8PDw8PDw8PDw8PDw8PDw8hCCAAIQICQANAIAJBEGogAUsNASAC/QAEACEFIAYgBSAI/U79DiAHIAVBBP2NASAI/U79Dv1O/WMEQCACIQMCQANAIAMgAE0NASADQQFrLQAALQCAgAJB/wFGDQEgA0EBayEDDAALCyACQRBqIQQCQANAIAQgAU8NASAELQAALQCAgAJB/wFGDQEgBEEBaiEEDAALCyAEIANrQSBPBEAgAyAEIAEQAgRAIAQkACADDwsLIAQhAgUgAkEQaiECCwwACwtBfwtlAgJ/AXsgACEDIAL9DyEFAkADQCADQRBqIAFLDQEgBCAD/QAEACAF/SP9ZGlqIQQgA0EQaiEDDAALCwJAA0AgAyABTw0BIAMtAAAgAkYEQCAEQQFqIQQLIANBAWohAwwACwsgBAs=";
  }
});

// src/scan/prefilter.ts
import { endianness } from "node:os";
function base64Values() {
  const v = new Uint8Array(256).fill(255);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (let i = 0; i < 64; i++) v[alphabet.charCodeAt(i)] = i;
  v[45] = 62;
  v[95] = 63;
  return v;
}
function classTables(inClass) {
  const out = new Uint8Array(32);
  const bits = /* @__PURE__ */ new Map();
  for (let hi = 0; hi < 16; hi++) {
    const lows = [];
    for (let lo = 0; lo < 16; lo++) if (inClass(hi << 4 | lo)) lows.push(lo);
    if (!lows.length) continue;
    const key = lows.join(",");
    if (!bits.has(key)) bits.set(key, 1 << bits.size);
    const bit = bits.get(key);
    if (bit > 128) throw new Error("byte class needs more than 8 nibble sets");
    out[16 + hi] |= bit;
    for (const lo of lows) out[lo] |= bit;
  }
  return out;
}
function pairTables(pairs) {
  const out = new Uint8Array(64);
  pairs.forEach((p, k) => {
    const bit = 1 << k % 8;
    out[p.first & 15] |= bit;
    out[16 + (p.first >> 4)] |= bit;
    out[32 + (p.second & 15)] |= bit;
    out[48 + (p.second >> 4)] |= bit;
  });
  return out;
}
function bytesEqual2(buf, start, text) {
  for (let i = 0; i < text.length; i++) if (buf[start + i] !== text.charCodeAt(i)) return false;
  return true;
}
function threadEngine() {
  if (engine === void 0) {
    engine = null;
    const wasm = globalThis.WebAssembly;
    if (process.env.KEYGUARD_NO_WASM !== "1" && wasm && endianness() === "LE") {
      try {
        const mod = new wasm.Module(Buffer.from(PREFILTER_WASM, "base64"));
        engine = new Engine(new wasm.Instance(mod).exports);
      } catch {
        engine = null;
      }
    }
  }
  return engine ?? void 0;
}
function wasmReadArea(size) {
  return threadEngine()?.readArea(size);
}
function wasmCountByte(buf, start, end, byte) {
  const n = threadEngine()?.count(buf, start, end, byte) ?? -1;
  return n < 0 ? void 0 : n;
}
var BITMAP_AT, BITMAP_WORDS, VALUES_AT, PAIRS_AT, CLASS_AT, DATA_AT, SLACK, COPY_CAP, READ_AT, INITIAL_READ_CAP, PAGE, Engine, engine, BytePlan;
var init_prefilter = __esm({
  "src/scan/prefilter.ts"() {
    "use strict";
    init_needles();
    init_prefilter_wasm();
    BITMAP_AT = 0;
    BITMAP_WORDS = 1 << 13;
    VALUES_AT = 32768;
    PAIRS_AT = 33024;
    CLASS_AT = 33088;
    DATA_AT = 65536;
    SLACK = 16;
    COPY_CAP = 1 << 20;
    READ_AT = DATA_AT + COPY_CAP + SLACK;
    INITIAL_READ_CAP = (2 << 20) + (8 << 10);
    PAGE = 65536;
    Engine = class {
      #x;
      #readCap = INITIAL_READ_CAP;
      #bytes;
      #readView;
      /** The plan whose pairs and bitmap are in memory now. */
      #loaded;
      constructor(x) {
        this.#x = x;
        const needed = READ_AT + INITIAL_READ_CAP + SLACK;
        const have = x.memory.buffer.byteLength;
        if (needed > have) x.memory.grow(Math.ceil((needed - have) / PAGE));
        this.#bytes = new Uint8Array(x.memory.buffer);
        const values = base64Values();
        this.#bytes.set(values, VALUES_AT);
        this.#bytes.set(
          classTables((b) => values[b] !== 255),
          CLASS_AT
        );
      }
      /** Views must be made again after the memory grows (growing detaches the old ArrayBuffer). */
      #refresh() {
        if (this.#bytes.buffer !== this.#x.memory.buffer) {
          this.#bytes = new Uint8Array(this.#x.memory.buffer);
          this.#readView = void 0;
        }
      }
      /**
       * The thread's read buffer: at least `size` bytes, valid until the next call with a larger size; or
       * undefined when the memory cannot grow that far (the caller then reads into a buffer of its own).
       */
      readArea(size) {
        if (size > this.#readCap) {
          const cap = Math.max(size, this.#readCap * 2);
          const needed = READ_AT + cap + SLACK;
          const have = this.#x.memory.buffer.byteLength;
          try {
            if (needed > have) this.#x.memory.grow(Math.ceil((needed - have) / PAGE));
          } catch {
            return void 0;
          }
          this.#readCap = cap;
        }
        this.#refresh();
        this.#readView ??= Buffer.from(this.#x.memory.buffer, READ_AT, this.#readCap);
        return this.#readView;
      }
      /** Where `buf` is in the memory (copied there when it is elsewhere), or -1 when it does not fit. */
      #place(buf) {
        this.#refresh();
        if (buf.buffer === this.#x.memory.buffer) {
          if (buf.byteOffset >= DATA_AT && buf.byteOffset + buf.length + SLACK <= this.#bytes.length)
            return buf.byteOffset;
        }
        if (buf.length > COPY_CAP) return -1;
        this.#bytes.set(buf, DATA_AT);
        return DATA_AT;
      }
      #load(plan) {
        if (this.#loaded === plan) return;
        new Uint32Array(this.#x.memory.buffer, BITMAP_AT, BITMAP_WORDS).set(plan.bitmap);
        this.#bytes.set(plan.pairTables, PAIRS_AT);
        this.#loaded = plan;
      }
      /** See `BytePlan.screen`. */
      screen(plan, buf, hit) {
        const at = this.#place(buf);
        if (at < 0) return void 0;
        this.#load(plan);
        const end = at + buf.length;
        const x = this.#x;
        for (let p = x.findPair(at, end); p !== -1; p = x.findPair(p + 1, end)) {
          const pos = p - at;
          const pair2 = plan.byPair.get(buf[pos] << 8 | buf[pos + 1]);
          if (!pair2) continue;
          for (const n of pair2.needles) {
            const start = pos - n.at;
            if (start < 0 || start + n.text.length > buf.length) continue;
            if (bytesEqual2(buf, start, n.text) && hit(n.index, start)) return "keyword";
          }
        }
        return plan.bitmapEmpty || x.nextRun(at, end) === -1 ? "nothing" : "base64-run";
      }
      /** See `BytePlan.someRun`. */
      someRun(plan, buf, visit) {
        if (plan.bitmapEmpty) return false;
        const at = this.#place(buf);
        if (at < 0) return void 0;
        this.#load(plan);
        const end = at + buf.length;
        const x = this.#x;
        for (let s = x.nextRun(at, end); s !== -1; s = x.nextRun(s, end)) {
          const e = x.runEnd();
          if (visit(s - at, e - at)) return true;
          s = e;
        }
        return false;
      }
      /** Occurrences of `byte` in buf[start, end), or -1 when `buf` is not in the memory already. */
      count(buf, start, end, byte) {
        if (buf.buffer !== this.#x.memory.buffer || buf.byteOffset < DATA_AT) return -1;
        const at = buf.byteOffset;
        if (at + end + SLACK > this.#x.memory.buffer.byteLength) return -1;
        return this.#x.countByte(at + start, at + end, byte);
      }
    };
    BytePlan = class _BytePlan {
      pairs;
      byPair;
      pairTables;
      bitmap;
      bitmapEmpty;
      constructor(pairs, bitmap) {
        this.pairs = pairs;
        this.byPair = new Map(pairs.map((p) => [p.first << 8 | p.second, p]));
        this.pairTables = pairTables(pairs);
        this.bitmap = bitmap;
        this.bitmapEmpty = bitmap.every((w) => w === 0);
      }
      /**
       * A plan for these needles (each searched through its rarest pair of adjacent bytes) and this marker
       * bitmap (MarkerTable's), or undefined when they do not suit the WebAssembly loops (a one-character
       * needle) or WebAssembly is off.
       */
      static build(needles, bitmap) {
        if (!threadEngine() || bitmap.length !== BITMAP_WORDS) return void 0;
        const byPair = /* @__PURE__ */ new Map();
        for (let index = 0; index < needles.length; index++) {
          const text = needles[index];
          if (text.length === 0) continue;
          if (text.length < 2) return void 0;
          let at = 0;
          let best = Number.POSITIVE_INFINITY;
          for (let j = 0; j + 1 < text.length; j++) {
            const score = rank(text.charCodeAt(j)) + rank(text.charCodeAt(j + 1));
            if (score < best) {
              best = score;
              at = j;
            }
          }
          const first = text.charCodeAt(at) & 255;
          const second = text.charCodeAt(at + 1) & 255;
          const key = first << 8 | second;
          let pair2 = byPair.get(key);
          if (!pair2) {
            pair2 = { first, second, needles: [] };
            byPair.set(key, pair2);
          }
          pair2.needles.push({ text, at, index });
        }
        return new _BytePlan([...byPair.values()], bitmap);
      }
      /**
       * Screens raw bytes: calls `hit` for every occurrence of a needle (in text order) until it returns
       * true, then checks for base64 runs that could hide a key. Undefined when it could not run (WebAssembly
       * off, or bytes over 1 MiB that are not already in its memory): the caller then does the work itself.
       */
      screen(buf, hit) {
        return threadEngine()?.screen(this, buf, hit);
      }
      /**
       * Visits, in order, each unbroken run of 32+ base64 bytes that could hide a key (it holds a marker's
       * first three characters, or is a full line of wrapped base64) until `visit` returns true. Every run
       * the exact check would decode is one of these or the wrapped run one of them starts. Undefined when
       * it could not run (see `screen`).
       */
      someRun(buf, visit) {
        return threadEngine()?.someRun(this, buf, visit);
      }
    };
  }
});

// src/scan/detector.ts
function knownLengths(rule) {
  if (rule.lengths) return [...rule.lengths];
  return rule.minLength !== void 0 && rule.minLength === rule.maxLength ? [rule.minLength] : [];
}
function lengthPrefix(text, p) {
  if (p < 1) return -1;
  const c = text.charCodeAt(p - 1);
  if (c < 32 || c > 126) return -1;
  if (p === 1) return c;
  const b = text.charCodeAt(p - 2);
  return b === 10 || b === 90 || b === 122 || b < 32 || b > 126 ? c : -1;
}
function alphabetTable(cls) {
  const table2 = new Uint8Array(128);
  const re = new RegExp(`[${cls}]`);
  for (let c = 0; c < 128; c++) if (re.test(String.fromCharCode(c))) table2[c] = 1;
  return table2;
}
function isHex(c) {
  return c >= 48 && c <= 57 || c >= 65 && c <= 70 || c >= 97 && c <= 102;
}
function ansiBefore(at, p) {
  const last = at(p - 1);
  if (last !== 109 && last !== 75) return false;
  let j = p - 2;
  const stop = Math.max(0, p - 20);
  while (j >= stop) {
    const c = at(j);
    if (c >= 48 && c <= 57 || c === 59) j--;
    else break;
  }
  return j >= 1 && at(j) === 91 && at(j - 1) === 27;
}
function secretNameBefore(at, p) {
  if (p < 3) return false;
  const lower = (c) => c >= 65 && c <= 90 ? c | 32 : c;
  const last = lower(at(p - 1));
  if (last >= 128 || SECRET_NAME_LAST[last] === 0) return false;
  return SECRET_NAME_ENDINGS.some((e) => {
    if (p < e.length) return false;
    for (let j = 0; j < e.length; j++) if (lower(at(p - e.length + j)) !== e.charCodeAt(j)) return false;
    return true;
  });
}
function boundaryBefore(text, p, alphabet) {
  if (p === 0) return true;
  const c = text.charCodeAt(p - 1);
  if (c >= 128 || alphabet[c] === 0) return true;
  if ((c === 110 || c === 116 || c === 114) && p >= 2 && text.charCodeAt(p - 2) === 92) return true;
  if (p >= 3 && ansiBefore((i) => text.charCodeAt(i), p)) return true;
  if (!isHex(c) || p < 3 || !isHex(text.charCodeAt(p - 2))) return false;
  const b = text.charCodeAt(p - 3);
  if (b === 37) return true;
  if ((b === 120 || b === 88) && p >= 4 && text.charCodeAt(p - 4) === 92) return true;
  if (p >= 6 && text.charCodeAt(p - 6) === 92 && text.charCodeAt(p - 5) === 117) {
    return isHex(text.charCodeAt(p - 4)) && isHex(b);
  }
  return false;
}
function tokenLength(text, p, alphabet, max) {
  const limit = Math.min(text.length, p + max + 1);
  let i = p;
  if (typeof text === "string") {
    while (i < limit) {
      const c = text.charCodeAt(i);
      if (c >= 128 || alphabet[c] === 0) break;
      i++;
    }
  } else {
    while (i < limit) {
      const c = text[i];
      if (c >= 128 || alphabet[c] === 0) break;
      i++;
    }
  }
  return i - p;
}
function isFalseContext(r, text, start, end) {
  let from = text.lastIndexOf("\n", start) + 1;
  from = Math.max(from, start - 120);
  let to = text.indexOf("\n", end);
  if (to === -1 || to > end + 120) to = Math.min(text.length, end + 120);
  const line = text.slice(from, start) + text.slice(end, to);
  return r.falseContext.test(line) && !r.unlessContext?.test(line);
}
function commonPrefix(words) {
  let common = words[0] ?? "";
  for (const w of words) while (!w.startsWith(common)) common = common.slice(0, -1);
  return common;
}
function outerWindow(o) {
  return o.text.slice(Math.max(0, o.start - 200), Math.min(o.text.length, o.end + 200));
}
function compileAllow(source) {
  try {
    return new RegExp(source);
  } catch (e) {
    throw new Error(`allow regex ${JSON.stringify(source)} is invalid: ${e.message}`);
  }
}
var INLINE_ALLOW, MAX_BASE64_DEPTH, GENERIC_LAST, MAX_BINARY_TAIL, NO_OPTIONS, SECRET_NAME_ENDINGS, SECRET_NAME_LAST, Detector;
var init_detector = __esm({
  "src/scan/detector.ts"() {
    "use strict";
    init_rules();
    init_base64();
    init_context();
    init_custom();
    init_entropy();
    init_needles();
    init_placeholder();
    init_prefilter();
    init_custom();
    INLINE_ALLOW = "keyguard:allow";
    MAX_BASE64_DEPTH = 2;
    GENERIC_LAST = /^generic-/;
    MAX_BINARY_TAIL = 2;
    NO_OPTIONS = {};
    SECRET_NAME_ENDINGS = ["key", "token", "secret", "password", "passwd", "credential", "credentials"];
    SECRET_NAME_LAST = new Uint8Array(128);
    for (const e of SECRET_NAME_ENDINGS) SECRET_NAME_LAST[e.charCodeAt(e.length - 1)] = 1;
    Detector = class {
      /** The active rules, in priority order. */
      rules;
      #groups = [];
      #free = [];
      /** Base64 markers of every prefix family and the double-encoding hints. */
      #markers;
      /** Group keywords (index < #groups.length) and double-encoding hints, found through shared anchors. */
      #anchors;
      /** The same needles and markers for the WebAssembly pre-filter (undefined when it is off). */
      #plan;
      #allow;
      #stopwords;
      #decodeBase64;
      constructor(opts = {}) {
        const disabled = new Set(opts.disabledRules ?? []);
        const enabled = new Set(opts.enableRules ?? []);
        const base = opts.rules ?? [...builtinRules(), ...optionalRules().filter((r) => enabled.has(r.id))];
        const custom = (opts.customRules ?? []).map(compileCustomRule);
        const ordered = [
          ...base.filter((r) => !GENERIC_LAST.test(r.id)),
          ...custom,
          ...base.filter((r) => GENERIC_LAST.test(r.id))
        ].filter((r) => !disabled.has(r.id));
        this.rules = ordered;
        const anchoredKeywords = /* @__PURE__ */ new Set();
        for (const r of ordered) if (r.anchored) for (const k of r.keywords) anchoredKeywords.add(k);
        const parentOf = (k) => {
          let best = k;
          for (const other of anchoredKeywords)
            if (k.startsWith(other) && other.length < best.length) best = other;
          return best;
        };
        const groups = /* @__PURE__ */ new Map();
        ordered.forEach((rule, priority) => {
          if (rule.anchored) {
            const compiled = {
              rule,
              priority,
              alphabetIndex: 0,
              minLength: rule.minLength ?? 0,
              maxLength: rule.maxLength ?? Number.POSITIVE_INFINITY,
              regex: new RegExp(rule.regex.source, `${rule.regex.flags.replace(/[gy]/g, "")}y`),
              lengths: knownLengths(rule)
            };
            for (const k of new Set(rule.keywords.map(parentOf))) {
              const list = groups.get(k) ?? [];
              list.push(compiled);
              groups.set(k, list);
            }
          } else {
            const flags = `${rule.regex.flags.replace(/[gyd]/g, "")}g${rule.group ? "d" : ""}`;
            this.#free.push({
              rule,
              priority,
              regex: new RegExp(rule.regex.source, flags),
              alphabetIndex: 0,
              minLength: 0,
              maxLength: Number.POSITIVE_INFINITY,
              lengths: []
            });
          }
        });
        for (const [keyword, rules] of groups) {
          const sources = [...new Set(rules.map((c) => c.rule.alphabet ?? "A-Za-z0-9_-"))];
          for (const c of rules) c.alphabetIndex = sources.indexOf(c.rule.alphabet ?? "A-Za-z0-9_-");
          const maxLength = Math.max(...rules.map((c) => c.maxLength));
          const minLength = Math.min(...rules.map((c) => c.minLength));
          const lengths2 = [...new Set(rules.flatMap((c) => c.lengths))].sort((a, b) => b - a);
          this.#groups.push({
            keyword,
            needle: planNeedle(keyword),
            lengths: lengths2,
            rules,
            alphabets: sources.map(alphabetTable),
            minLength,
            maxLength
          });
        }
        this.#decodeBase64 = opts.decodeBase64 ?? true;
        this.#markers = new MarkerTable(
          this.#decodeBase64 ? base64Seeds(groups.keys()).flatMap(base64Markers) : []
        );
        const needles = [
          ...this.#groups.map((g) => g.keyword),
          ...this.#decodeBase64 ? [commonPrefix(DOUBLE_ENCODED_HINTS)] : []
        ];
        this.#anchors = new AnchorSet(needles);
        this.#plan = BytePlan.build(needles, this.#markers.bitmap);
        this.#allow = (opts.allowRegexes ?? []).map(compileAllow);
        this.#stopwords = (opts.stopwords ?? []).map((s) => s.toLowerCase()).filter((s) => s.length > 0);
      }
      /**
       * Could `scan` find anything in this chunk? A cheap substring test on raw bytes (no decoding), for
       * callers that skip files or blobs early. Never false when `scan` would find a key.
       */
      mightMatch(chunk) {
        const groups = this.#groups;
        const at = typeof chunk === "string" ? (i) => chunk.charCodeAt(i) : (i) => chunk[i];
        const accept = (index, p) => {
          const g = groups[index];
          if (!g) return true;
          if (p >= 2) {
            const c = at(p - 1);
            const b = at(p - 2);
            if (c >= 32 && c <= 126 && c !== 110 && c !== 116 && c !== 114 && b >= 32 && b <= 126 && b !== 90 && b !== 122 && !(isHex(c) && isHex(b)) && !ansiBefore(at, p) && g.alphabets.every((t) => t[c] === 1) && !secretNameBefore(at, p))
              return false;
          }
          for (const table2 of g.alphabets)
            if (tokenLength(chunk, p, table2, g.minLength) >= g.minLength) return true;
          return false;
        };
        const screen = typeof chunk === "string" ? void 0 : this.#plan?.screen(chunk, accept);
        if (screen === "keyword") return true;
        if (screen === void 0 && this.#anchors.some(chunk, accept)) return true;
        if (screen !== "nothing" && this.#markers.size > 0) {
          const test = (d) => this.mightMatch(d);
          if (screen === "base64-run") {
            const buf = chunk;
            const visit = markedRunVisitor(buf, this.#markers, test);
            let covered = 0;
            const hit = this.#plan.someRun(buf, (s, e) => {
              if (s < covered) return false;
              const next = visitLongRun(buf, s, e, visit);
              covered = next + 1;
              return next < 0;
            });
            if (hit ?? someMarkedRunDecodes(chunk, this.#markers, test)) return true;
          } else if (someMarkedRunDecodes(chunk, this.#markers, test)) return true;
        }
        if (this.#free.length === 0) return false;
        if (this.#free.some((c) => c.rule.keywords.length === 0)) return true;
        const lower = (typeof chunk === "string" ? chunk : chunk.toString("utf8")).toLowerCase();
        return this.#free.some((c) => c.rule.keywords.some((k) => lower.includes(k)));
      }
      /**
       * True when these raw bytes certainly hold no base64 run that could hide a key (so `scan` of their
       * text may skip looking, with `base64Clear`); false when they may, or when that is not known cheaply.
       */
      base64Clear(chunk) {
        if (!this.#decodeBase64) return true;
        return this.#plan?.someRun(chunk, () => true) === false;
      }
      /** Every key in `text`, in order of position. `firstLine` is the line number of the text's first line. */
      scan(text, firstLine = 1, opts = NO_OPTIONS) {
        const found = this.#find(text, true, opts.binary === true);
        if (this.#decodeBase64) found.push(...this.#findBase64(text, 1, void 0, opts.base64Clear === true));
        if (found.length === 0) return [];
        found.sort((a, b) => a.start - b.start || a.compiled.priority - b.compiled.priority);
        const allows = [];
        for (let i = text.indexOf(INLINE_ALLOW); i !== -1; i = text.indexOf(INLINE_ALLOW, i + 1)) allows.push(i);
        let allowIdx = 0;
        let line = firstLine;
        let lineStart = 0;
        let nextNl = text.indexOf("\n");
        const out = [];
        for (const m of found) {
          while (nextNl !== -1 && nextNl < m.start) {
            line++;
            lineStart = nextNl + 1;
            nextNl = text.indexOf("\n", lineStart);
          }
          const lineEnd = nextNl === -1 ? text.length : nextNl;
          while (allowIdx < allows.length && allows[allowIdx] < lineStart) allowIdx++;
          const inlineAllowed = allowIdx < allows.length && allows[allowIdx] < lineEnd;
          const r = m.compiled.rule;
          const d = {
            ruleId: r.id,
            provider: m.provider,
            candidates: m.candidates,
            description: r.description,
            key: m.key,
            line,
            column: m.start - lineStart + 1,
            inlineAllowed
          };
          if (m.encoding) d.encoding = m.encoding;
          out.push(d);
        }
        return out;
      }
      /** Plain-text matches, without overlaps (the higher-priority rule keeps contested text). */
      #find(text, withFree, binary, outer) {
        const out = [];
        for (const g of this.#groups) {
          const tokenLengths = new Array(g.alphabets.length);
          let p = findNeedle(text, g.needle);
          while (p !== -1) {
            let next = p + 1;
            let longest = -1;
            let boundary = false;
            for (let a = 0; a < g.alphabets.length; a++) {
              const table2 = g.alphabets[a];
              const ok = boundaryBefore(text, p, table2);
              boundary ||= ok;
              tokenLengths[a] = ok ? tokenLength(text, p, table2, g.maxLength) : -1;
              if (tokenLengths[a] > longest) longest = tokenLengths[a];
            }
            let match2;
            if (longest >= g.minLength) match2 = this.#atToken(g, text, p, tokenLengths, binary, outer);
            else if (!boundary) {
              const length = this.#prefixedLength(g, text, p);
              if (length > 0) match2 = this.#atLength(g, text, p, length, outer);
              else if (binary && secretNameBefore((i) => text.charCodeAt(i), p)) {
                for (let a = 0; a < g.alphabets.length; a++)
                  tokenLengths[a] = tokenLength(text, p, g.alphabets[a], g.maxLength);
                if (Math.max(...tokenLengths) >= g.minLength)
                  match2 = this.#atToken(g, text, p, tokenLengths, binary, outer);
              }
            }
            if (match2) {
              out.push(match2);
              next = match2.end;
            }
            p = findNeedle(text, g.needle, next);
          }
        }
        if (withFree && this.#free.length > 0) {
          let lower;
          for (const c of this.#free) {
            if (c.rule.keywords.length > 0) {
              lower ??= text.toLowerCase();
              const l = lower;
              if (!c.rule.keywords.some((k) => l.includes(k))) continue;
            }
            c.regex.lastIndex = 0;
            for (let m = c.regex.exec(text); m !== null; m = c.regex.exec(text)) {
              if (m[0].length === 0) c.regex.lastIndex++;
              let start = m.index;
              let key = m[0];
              if (c.rule.group !== void 0 && c.rule.group !== 0) {
                const span = c.rule.group === "key" ? m.indices?.groups?.key : m.indices?.[c.rule.group];
                if (!span) continue;
                [start] = span;
                key = text.slice(span[0], span[1]);
              }
              if (key.length === 0) continue;
              const match2 = this.#accept(c, key, text, start, start + key.length, outer);
              if (match2) out.push(match2);
            }
          }
        }
        if (this.#groups.length + (withFree ? this.#free.length : 0) < 2) return out;
        out.sort((a, b) => a.start - b.start || a.compiled.priority - b.compiled.priority);
        const kept = [];
        for (const m of out) {
          const last = kept[kept.length - 1];
          if (last && m.start < last.end) {
            if (m.compiled.priority < last.compiled.priority) kept[kept.length - 1] = m;
          } else kept.push(m);
        }
        return kept;
      }
      /** The first rule of the group that accepts the token at `p` (whose lengths per alphabet are given). */
      #atToken(g, text, p, tokenLengths, binary, outer) {
        const prefixed = binary ? this.#prefixedLength(g, text, p) : -1;
        if (prefixed > 0 && prefixed < Math.max(...tokenLengths)) {
          const m = this.#atLength(g, text, p, prefixed, outer);
          if (m) return m;
        }
        if (binary) {
          const longest = Math.max(...tokenLengths);
          for (const length of g.lengths) {
            if (length >= longest || length < longest - MAX_BINARY_TAIL) continue;
            const m = this.#atLength(g, text, p, length, outer, true);
            if (m) return m;
          }
        }
        for (const c of g.rules) {
          const length = tokenLengths[c.alphabetIndex];
          if (length < c.minLength || length > c.maxLength) continue;
          c.regex.lastIndex = p;
          const m = c.regex.exec(text);
          if (!m) continue;
          const match2 = this.#accept(c, m[0], text, p, p + m[0].length, outer);
          if (match2) return match2;
          if ((c.rule.prefixLength ?? 0) > g.keyword.length) return void 0;
        }
        return void 0;
      }
      /**
       * The key length a length byte before `p` announces, when it fits the group and the token goes on
       * for at most a short tail after it (a serializer type byte such as `N` after the string).
       */
      #prefixedLength(g, text, p) {
        const length = lengthPrefix(text, p);
        if (length < g.minLength || length > g.maxLength) return -1;
        let token = 0;
        for (const table2 of g.alphabets)
          token = Math.max(token, tokenLength(text, p, table2, length + MAX_BINARY_TAIL));
        if (token < length) return -1;
        return token - length <= MAX_BINARY_TAIL ? length : -1;
      }
      /** The first rule of the group that accepts exactly `length` characters at `p` as a key. */
      #atLength(g, text, p, length, outer, ownedOnly = false) {
        const cut = text.slice(0, p + length);
        if (ownedOnly) {
          const shaped = g.rules.some((c) => {
            if (!c.lengths.includes(length)) return false;
            c.regex.lastIndex = p;
            return c.regex.exec(cut)?.[0].length === length;
          });
          if (!shaped) return void 0;
        }
        for (const c of g.rules) {
          if (length < c.minLength || length > c.maxLength) continue;
          if (tokenLength(cut, p, g.alphabets[c.alphabetIndex], length) !== length) continue;
          c.regex.lastIndex = p;
          const m = c.regex.exec(cut);
          if (!m || m[0].length !== length) continue;
          const match2 = this.#accept(c, m[0], text, p, p + length, outer);
          if (match2) return match2;
        }
        return void 0;
      }
      /** The filters every match passes: context, placeholders, entropy, shape checks, allowlists. */
      #accept(c, key, text, start, end, outer) {
        const r = c.rule;
        if (r.requiresContext) {
          const around = text.slice(Math.max(0, start - 200), Math.min(text.length, end + 200));
          if (!r.requiresContext.test(around) && !(outer && r.requiresContext.test(outerWindow(outer)))) {
            return void 0;
          }
        }
        if (r.falseContext && isFalseContext(r, text, start, end)) return void 0;
        const body2 = key.slice(r.prefixLength ?? 0);
        const identifierFilter = !r.custom && !r.skipIdentifierFilter;
        if (identifierFilter ? isPlaceholderBody(body2) : hasRun(body2) || isPeriodic(body2) || isMostlySequential(body2) || hasPlaceholderText(body2)) {
          return void 0;
        }
        if (r.entropyFloor !== void 0 && shannonEntropy(body2) < r.entropyFloor) return void 0;
        if (r.validate && !r.validate(key)) return void 0;
        if (isFollowedByMask(text, end)) return void 0;
        if (this.#stopwords.length > 0) {
          const lower = key.toLowerCase();
          if (this.#stopwords.some((s) => lower.includes(s))) return void 0;
        }
        if (this.#allow.some((a) => a.test(key))) return void 0;
        let candidates = rankCandidates(r.candidates, text, start, end);
        if (candidates.length === 0 && r.contextCandidates) {
          candidates = nearbyProviders(text, start, end, r.contextCandidates);
        }
        if (outer && candidates.length !== 1) {
          const pool = r.candidates.length > 0 ? r.candidates : r.contextCandidates ?? [];
          const inner = nearbyProviders(text, start, end, pool);
          if (inner.length === 0) {
            const near = nearbyProviders(outer.text, outer.start, outer.end, pool);
            if (near.length > 0) {
              candidates = r.candidates.length > 0 ? [...near, ...r.candidates.filter((x) => !near.includes(x))] : near;
            }
          }
        }
        const provider = candidates.length > 1 ? candidates.join("|") : r.candidates.length ? r.provider : candidates[0] ?? r.provider;
        return { start, end, key, compiled: c, provider, candidates };
      }
      /** Keys inside base64 runs, reported at the run (nested runs: at the outermost one). */
      #findBase64(text, depth, outer, runsClear = false) {
        const out = [];
        const seen = /* @__PURE__ */ new Set();
        const segments = runsClear ? [] : decodeBase64Runs(text, this.#markers);
        if (depth === 1) segments.push(...decodeHintedRuns(text));
        for (const seg of segments) {
          const around = outer ?? { text, start: seg.runStart, end: seg.runEnd };
          const inner = this.#find(seg.decoded, false, false, around);
          if (depth < MAX_BASE64_DEPTH) inner.push(...this.#findBase64(seg.decoded, depth + 1, around));
          for (const m of inner) {
            const id = `${seg.runStart}:${m.key}`;
            if (seen.has(id)) continue;
            seen.add(id);
            out.push({ ...m, start: seg.runStart, end: seg.runEnd, encoding: "base64" });
          }
        }
        return out;
      }
    };
  }
});

// src/sources/diff.ts
function unquotePath(p) {
  if (!p.startsWith('"') || !p.endsWith('"')) return p;
  const bytes = [];
  const s = p.slice(1, -1);
  const simple = { n: 10, t: 9, r: 13, '"': 34, "\\": 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch !== "\\") {
      bytes.push(...Buffer.from(ch, "utf8"));
      continue;
    }
    const next = s[i + 1] ?? "";
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
function newPath(raw) {
  const p = unquotePath(raw.replace(/\t$/, ""));
  if (p === "/dev/null") return null;
  return p.startsWith("b/") ? p.slice(2) : p;
}
function pathFromDiffLine(line) {
  const rest = line.replace(/^diff --(git|cc|combined) /, "");
  if (rest.startsWith('"')) return newPath(rest.slice(rest.indexOf('"', 1) + 2)) ?? rest;
  if (!rest.startsWith("a/")) return rest;
  return rest.slice(Math.floor(rest.length / 2) + 1).replace(/^b\//, "");
}
var COMMIT_MARK, COMMIT_FORMAT, HUNK, DiffParser;
var init_diff = __esm({
  "src/sources/diff.ts"() {
    "use strict";
    COMMIT_MARK = "KG\0";
    COMMIT_FORMAT = "%x1eKG%x00%H%x00%an%x00%ae%x00%aI";
    HUNK = /^(@{2,}) (?:-\d+(?:,\d+)? )+\+(\d+)(?:,\d+)? @{2,}/;
    DiffParser = class {
      #ev;
      #path = null;
      #diffLine = "";
      #blob;
      #inHunk = false;
      #cols = 1;
      #next = 0;
      #block = null;
      constructor(events) {
        this.#ev = events;
      }
      #flush() {
        if (this.#block) this.#ev.onBlock(this.#block);
        this.#block = null;
      }
      line(line) {
        if (this.#inHunk) {
          const c = line.charCodeAt(0);
          if (c === 43 || c === 32 || c === 45) {
            this.#content(line);
            return;
          }
          if (c === 92) return;
          this.#inHunk = false;
          this.#flush();
        }
        if (line.startsWith(COMMIT_MARK)) {
          this.#flush();
          const [sha = "", author = "", email = "", date = ""] = line.slice(COMMIT_MARK.length).split("\0");
          this.#path = null;
          this.#ev.onCommit?.({ sha, author, email, date });
        } else if (line.startsWith("diff --")) {
          this.#path = null;
          this.#blob = void 0;
          this.#diffLine = line;
        } else if (line.startsWith("index ")) {
          const m = /^index [0-9a-f,]+\.\.([0-9a-f]+)/.exec(line);
          this.#blob = m && !/^0+$/.test(m[1]) ? m[1] : void 0;
        } else if (line.startsWith("+++ ")) {
          this.#path = newPath(line.slice(4));
        } else if (line.startsWith("@@")) {
          const m = HUNK.exec(line);
          if (!m || this.#path === null) return;
          this.#cols = m[1].length - 1;
          this.#next = Number(m[2]);
          this.#inHunk = true;
        } else if (line.startsWith("Binary files ") && line.endsWith(" differ")) {
          if (!line.endsWith("/dev/null differ"))
            this.#ev.onBinary?.(pathFromDiffLine(this.#diffLine), this.#blob);
        }
      }
      #content(line) {
        let added;
        if (this.#cols === 1) {
          const c = line.charCodeAt(0);
          if (c === 45) return;
          added = c === 43;
        } else {
          const prefix2 = line.slice(0, this.#cols);
          if (prefix2.includes("-")) return;
          added = !prefix2.includes(" ");
        }
        const n = this.#next++;
        if (!added) {
          this.#flush();
          return;
        }
        const text = line.slice(this.#cols);
        const b = this.#block;
        if (b && b.firstLine + b.lines.length === n) {
          b.lines.push(text);
        } else {
          this.#flush();
          this.#block = { path: this.#path, firstLine: n, lines: [text] };
        }
      }
      end() {
        this.#inHunk = false;
        this.#flush();
      }
    };
  }
});

// src/sources/searcher.ts
import { isAscii } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
function resolved(o) {
  const chunkSize = Math.max(64, o.chunkSize ?? 1 << 20);
  const overlap = o.overlap ?? 4096;
  const context = o.context ?? 256;
  return {
    chunkSize,
    // A forced cut must leave room for overlap + context, or the window would never shrink.
    maxCarry: Math.max(o.maxCarry ?? chunkSize, overlap + context + 1),
    overlap,
    context,
    minRun: o.minRun ?? 20
  };
}
function charBoundary(buf, i) {
  let j = Math.max(0, Math.min(i, buf.length));
  while (j > 0 && j < buf.length && (buf[j] & 192) === 128) j--;
  return j;
}
function utf16Length(buf, start, end) {
  if (end - start >= 64 && isAscii(buf.subarray(start, end))) return end - start;
  let n = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i];
    if ((b & 192) !== 128) n += b >= 240 ? 2 : 1;
  }
  return n;
}
function countNewlines(buf, start, end) {
  const counted = end > start ? wasmCountByte(buf, start, end, 10) : 0;
  if (counted !== void 0) return { count: counted, last: counted > 0 ? buf.lastIndexOf(10, end - 1) : -1 };
  let count = 0;
  let last = -1;
  let i = buf.indexOf(10, start);
  while (i >= 0 && i < end) {
    count++;
    last = i;
    i = buf.indexOf(10, i + 1);
  }
  return { count, last };
}
function isPrintable(b) {
  return b >= 32 && b <= 126 || b === 9;
}
function printableRuns(buf, start, end, minRun) {
  const runs = [];
  const span = Math.max(1, minRun);
  let i = start;
  while (i + span <= end) {
    const probe = i + span - 1;
    if (!isPrintable(buf[probe])) {
      i = probe + 1;
      continue;
    }
    let s = probe;
    while (s > i && isPrintable(buf[s - 1])) s--;
    let e = probe + 1;
    while (e < end && isPrintable(buf[e])) e++;
    if (e - s >= minRun) runs.push([s, e]);
    i = e + 1;
  }
  return runs;
}
function searchFileSync(path2, det, opts = {}, scratch = shared) {
  const o = resolved(opts);
  const fd = openSync(path2, OPEN_FLAGS);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new NotRegularFile();
    const size = st.size;
    if (opts.maxSize !== void 0 && size > opts.maxSize) throw new FileTooLarge(size);
    if (size <= o.chunkSize) {
      const buf = scratch.get(size);
      let n = 0;
      while (n < size) {
        const r = readSync(fd, buf, n, size - n, n);
        if (r === 0) break;
        n += r;
      }
      return searchBuffer(buf.subarray(0, n), det, o);
    }
    return streamFd(fd, det, o, scratch);
  } finally {
    closeSync(fd);
  }
}
function streamFd(fd, det, o, scratch) {
  const s = new StreamSearch(det, o);
  const buf = scratch.get(o.chunkSize + o.maxCarry + o.overlap + o.context);
  let pos = 0;
  for (; ; ) {
    const carry = s.carry;
    carry.copy(buf, 0);
    const n = readSync(fd, buf, carry.length, o.chunkSize, pos);
    if (n === 0) break;
    pos += n;
    s.pushJoined(buf.subarray(0, carry.length + n));
  }
  s.end();
  return { keys: s.keys, bytes: s.bytes, binary: s.binary };
}
function searchBuffer(buf, det, opts = {}) {
  if (buf.length >= 2 && (buf[0] === 255 && buf[1] === 254 || buf[0] === 254 && buf[1] === 255)) {
    return searchUtf16(buf, det);
  }
  if (!det.mightMatch(buf)) return { keys: [], bytes: buf.length, binary: false };
  const s = new StreamSearch(det, opts);
  s.pushLast(buf, true);
  return { keys: s.keys, bytes: s.bytes, binary: s.binary };
}
function searchUtf16(buf, det) {
  let body2 = buf.subarray(2);
  if (buf[0] === 254) {
    body2 = Buffer.from(body2);
    body2.swap16();
  }
  const text = body2.toString("utf16le", 0, body2.length - body2.length % 2);
  const keys = det.mightMatch(text) ? det.scan(text, 1) : [];
  return { keys, bytes: buf.length, binary: false };
}
var EMPTY, StreamSearch, OPEN_FLAGS, NotRegularFile, FileTooLarge, ReadBuffer, shared;
var init_searcher = __esm({
  "src/sources/searcher.ts"() {
    "use strict";
    init_prefilter();
    EMPTY = Buffer.alloc(0);
    StreamSearch = class {
      keys = [];
      binary = false;
      bytes = 0;
      #det;
      #o;
      #carry = EMPTY;
      /** Bytes at the start of the carry that were already searched (left context after a forced cut). */
      #skip = 0;
      /** Line number and column (0-based, UTF-16 units) of the first byte of the carry. */
      #line = 1;
      #col = 0;
      constructor(det, opts = {}) {
        this.#det = det;
        this.#o = resolved(opts);
      }
      push(chunk) {
        this.bytes += chunk.length;
        if (!this.#carry.length) this.#window(chunk, true);
        else this.#window(Buffer.concat([this.#carry, chunk]), false);
      }
      /** What the next window must start with: a reader can place it in front of its next read itself. */
      get carry() {
        return this.#carry;
      }
      /**
       * Like `push`, for a window the caller built as `carry` followed by fresh bytes (read straight after
       * it), which saves copying every chunk. `win` may be reused by the caller afterwards.
       */
      pushJoined(win) {
        this.bytes += win.length - this.#carry.length;
        this.#window(win, true);
      }
      /** `volatile`: `win` belongs to the caller and must be copied if kept. */
      #window(win, volatile) {
        const nl2 = win.lastIndexOf(10);
        if (nl2 >= 0 && win.length - (nl2 + 1) <= this.#o.maxCarry) {
          this.#search(win, nl2 + 1, nl2 + 1, nl2 + 1);
          return;
        }
        if (win.length <= this.#o.maxCarry + this.#o.overlap + this.#o.context) {
          this.#carry = volatile ? Buffer.from(win) : win;
          return;
        }
        const cut = charBoundary(win, win.length - this.#o.overlap);
        const carryStart = charBoundary(win, cut - this.#o.context);
        this.#search(win, win.length, cut, carryStart);
      }
      /**
       * Searches `buf` as the whole (or final) input at once; `end()` is then not needed. `prefiltered`:
       * the caller has already seen `mightMatch(buf)` return true.
       */
      pushLast(buf, prefiltered = false) {
        this.bytes += buf.length;
        const joined = this.#carry.length > 0;
        const win = joined ? Buffer.concat([this.#carry, buf]) : buf;
        if (win.length) this.#search(win, win.length, win.length, win.length, true, prefiltered && !joined);
        this.#carry = EMPTY;
      }
      end() {
        const win = this.#carry;
        if (win.length) this.#search(win, win.length, win.length, win.length, true);
        this.#carry = EMPTY;
      }
      /**
       * Searches win[0, scanEnd), reports keys starting in [skip, reportEnd), then keeps win[carryStart..]
       * as the next carry. `last`: nothing follows, so the line/column bookkeeping is skipped.
       * `prefiltered`: the caller already ran the pre-filter on exactly this region.
       */
      #search(win, scanEnd, reportEnd, carryStart, last = false, prefiltered = false) {
        const region = win.subarray(0, scanEnd);
        if (prefiltered || this.#det.mightMatch(region)) {
          if (region.indexOf(0) >= 0) {
            this.binary = true;
            this.#searchBinary(win, scanEnd, reportEnd);
          } else {
            this.#searchText(region, reportEnd, this.#det.base64Clear?.(region) === true);
          }
        }
        if (last) return;
        const nl2 = countNewlines(win, 0, carryStart);
        if (nl2.count > 0) {
          this.#line += nl2.count;
          this.#col = utf16Length(win, nl2.last + 1, carryStart);
        } else {
          this.#col += utf16Length(win, 0, carryStart);
        }
        const rest = win.subarray(carryStart);
        this.#carry = rest.length ? Buffer.from(rest) : EMPTY;
        this.#skip = Math.max(0, Math.max(reportEnd, this.#skip) - carryStart);
      }
      #place(key, relLine, relCol) {
        this.keys.push({
          ...key,
          line: this.#line + relLine - 1,
          column: relLine === 1 ? this.#col + relCol : relCol
        });
      }
      #searchText(region, reportEnd, base64Clear) {
        const text = region.toString("utf8");
        const found = this.#det.scan(text, 1, base64Clear ? { base64Clear } : void 0);
        if (!found.length) return;
        const partial = this.#skip > 0 || reportEnd < region.length;
        let lineStarts;
        const skipChars = this.#skip > 0 ? utf16Length(region, 0, this.#skip) : 0;
        const endChars = reportEnd < region.length ? utf16Length(region, 0, reportEnd) : text.length;
        for (const k of found) {
          if (partial) {
            if (!lineStarts) {
              lineStarts = [0];
              for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
            }
            const at = (lineStarts[k.line - 1] ?? 0) + k.column - 1;
            if (at < skipChars || at >= endChars) continue;
          }
          this.#place(k, k.line, k.column);
        }
      }
      #searchBinary(win, scanEnd, reportEnd) {
        const runs = printableRuns(win, 0, scanEnd, this.#o.minRun);
        if (!runs.length) return;
        const text = runs.map(([s, e]) => win.toString("latin1", s, e)).join("\n");
        for (const k of this.#det.scan(text, 1, { binary: true })) {
          const run = runs[k.line - 1];
          if (!run) continue;
          const at = run[0] + k.column - 1;
          if (at < this.#skip || at >= reportEnd) continue;
          const { count, last } = countNewlines(win, 0, at);
          this.#place(k, count + 1, count > 0 ? at - last : at + 1);
        }
      }
    };
    OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
    NotRegularFile = class extends Error {
      code = "ENOTREG";
      constructor() {
        super("not a regular file");
      }
    };
    FileTooLarge = class extends Error {
      constructor(size) {
        super(`file is ${size} bytes`);
        this.size = size;
      }
      size;
    };
    ReadBuffer = class {
      #buf;
      get(size) {
        const area = wasmReadArea(size);
        if (area) return area;
        if (!this.#buf || this.#buf.length < size)
          this.#buf = Buffer.allocUnsafe(Math.max(size, 64 * 1024, (this.#buf?.length ?? 0) * 2));
        return this.#buf;
      }
    };
    shared = new ReadBuffer();
  }
});

// src/sources/git.ts
import { execFile, spawn } from "node:child_process";
import { StringDecoder } from "node:string_decoder";
function git(cwd, args) {
  return new Promise((resolve3, reject) => {
    execFile("git", [...CONFIG, ...args], { cwd, env: ENV, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new GitSourceError(`git ${args[0]} failed: ${String(stderr || err.message).trim()}`));
      else resolve3(stdout);
    });
  });
}
async function subdirectoryOf(root) {
  return (await git(root, ["rev-parse", "--show-prefix"])).trim();
}
function belowRoot(path2, prefix2) {
  if (!prefix2) return path2;
  return path2.startsWith(prefix2) ? path2.slice(prefix2.length) : void 0;
}
function streamGit(cwd, args, onLine, stdin) {
  return new Promise((resolve3, reject) => {
    const child = spawn("git", [...CONFIG, ...args], {
      cwd,
      env: ENV,
      // (typed as all-pipes: stdin is 'ignore' when there is nothing to send, and checked below)
      stdio: [stdin === void 0 ? "ignore" : "pipe", "pipe", "pipe"]
    });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d) => {
      stderr = (stderr + d).slice(-4e3);
    });
    const decoder = new StringDecoder("utf8");
    const pending = [];
    let failed2;
    const line = (text) => onLine(text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text);
    const feed = (s) => {
      let j = s.indexOf("\n");
      if (j === -1) {
        if (s) pending.push(s);
        return;
      }
      let i = 0;
      if (pending.length) {
        pending.push(s.slice(0, j));
        line(pending.join(""));
        pending.length = 0;
        i = j + 1;
        j = s.indexOf("\n", i);
      }
      for (; j !== -1; j = s.indexOf("\n", i)) {
        line(s.slice(i, j));
        i = j + 1;
      }
      if (i < s.length) pending.push(s.slice(i));
    };
    child.stdout.on("data", (chunk) => {
      if (failed2) return;
      try {
        feed(decoder.write(chunk));
      } catch (e) {
        failed2 = e;
        child.kill();
      }
    });
    child.stdout.on("end", () => {
      if (failed2) return;
      try {
        feed(decoder.end());
        if (pending.length) line(pending.join(""));
      } catch (e) {
        failed2 = e;
      }
    });
    child.on("error", (e) => reject(new GitSourceError(`cannot run git: ${e.message}`)));
    child.on("close", (c) => {
      if (failed2) reject(failed2);
      else if (c === 0) resolve3();
      else reject(new GitSourceError(`git ${args[0]} failed (exit ${c ?? 1}): ${stderr.trim()}`));
    });
    if (stdin !== void 0 && child.stdin) {
      child.stdin.on("error", () => {
      });
      child.stdin.end(stdin);
    }
  });
}
async function shallowBoundary(root) {
  const shallow = (await git(root, ["rev-parse", "--is-shallow-repository"])).trim() === "true";
  if (!shallow) return [];
  const file = (await git(root, ["rev-parse", "--path-format=absolute", "--git-path", "shallow"])).trim();
  const { readFile: readFile4 } = await import("node:fs/promises");
  return (await readFile4(file, "utf8")).split("\n").filter(Boolean);
}
function shallowWarning(boundary) {
  const shas = boundary.map((s) => s.slice(0, 12)).join(", ");
  return {
    message: `shallow clone: history before ${shas} not scanned, and ${boundary.length > 1 ? "those commits show" : "that commit shows"} every file as added; fetch with fetch-depth: 0 (or git fetch --unshallow) to scan the full history`
  };
}
async function requireCommit(root, rev, range2) {
  try {
    await git(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`]);
  } catch {
    throw new GitSourceError(
      `commit ${rev} (from range ${range2}) is not in this clone: fetch it first (git fetch origin ${rev}, or actions/checkout with fetch-depth: 0)`
    );
  }
}
function parseRange(range2) {
  const m = /^([^.\s]+)(\.\.\.?)([^.\s]+)$/.exec(range2.trim());
  if (!m) throw new GitSourceError(`range must look like BASE..HEAD (got "${range2}")`);
  return { base: m[1], head: m[3], dots: m[2] };
}
function slices(list, n) {
  const out = [];
  for (let k = 0; k < n; k++) {
    const part = list.slice(Math.floor(k * list.length / n), Math.floor((k + 1) * list.length / n));
    if (part.length) out.push(part);
  }
  return out;
}
function scanBlobs(root, blobs, det) {
  const out = /* @__PURE__ */ new Map();
  if (!blobs.length) return Promise.resolve(out);
  return new Promise((resolve3, reject) => {
    const child = spawn("git", [...CONFIG, "cat-file", "--batch"], {
      cwd: root,
      env: ENV,
      stdio: ["pipe", "pipe", "pipe"]
    });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d) => {
      stderr = (stderr + d).slice(-4e3);
    });
    let state = "head";
    let head = "";
    let remaining = 0;
    let sha = "";
    let search;
    const finishBlob = () => {
      search.end();
      out.set(sha, { keys: search.keys, bytes: search.bytes });
      search = void 0;
      state = "lf";
    };
    child.stdout.on("data", (chunk) => {
      let i = 0;
      while (i < chunk.length) {
        if (state === "head") {
          const nl2 = chunk.indexOf(10, i);
          if (nl2 < 0) {
            head += chunk.toString("latin1", i);
            break;
          }
          head += chunk.toString("latin1", i, nl2);
          i = nl2 + 1;
          const [id = "", type, size] = head.split(" ");
          head = "";
          if (type === "missing" || size === void 0) continue;
          sha = id;
          remaining = Number(size);
          search = new StreamSearch(det);
          if (remaining === 0) finishBlob();
          else state = "body";
        } else if (state === "body") {
          const n = Math.min(remaining, chunk.length - i);
          search.push(chunk.subarray(i, i + n));
          i += n;
          remaining -= n;
          if (remaining === 0) finishBlob();
        } else {
          i++;
          state = "head";
        }
      }
    });
    child.on("error", (e) => reject(new GitSourceError(`cannot run git: ${e.message}`)));
    child.on("close", (code2) => {
      if (code2 === 0) resolve3(out);
      else reject(new GitSourceError(`git cat-file failed (exit ${code2}): ${stderr.trim()}`));
    });
    child.stdin.end(`${blobs.join("\n")}
`);
  });
}
async function scanGit(root, det, opts = {}) {
  const res = { hits: [], warnings: [], suppressed: 0, files: 0, bytes: 0, commits: 0 };
  const source = opts.range ? "range" : "history";
  const boundary = new Set(await shallowBoundary(root));
  const boundaryHit = [];
  let revs;
  if (opts.range) {
    const { base, head } = parseRange(opts.range);
    await requireCommit(root, head, opts.range);
    if (/^0+$/.test(base)) {
      const others = opts.branch ? ["--not", `--exclude=*/${opts.branch}`, "--remotes", "--not"] : [];
      revs = [...others, "--end-of-options", head];
    } else {
      await requireCommit(root, base, opts.range);
      revs = ["--end-of-options", opts.range.trim()];
    }
  } else {
    revs = ["--all"];
  }
  const prefix2 = await subdirectoryOf(root);
  const pathspec = prefix2 ? ["--full-history", "--", "."] : ["--"];
  const seen = /* @__PURE__ */ new Map();
  const files = /* @__PURE__ */ new Set();
  const binaries = [];
  const unseenBinaries = [];
  const record = (key, path2, at, atOrder) => {
    if (key.inlineAllowed) {
      res.suppressed++;
      return;
    }
    const hit = { key, file: path2, source, commit: at && { ...at } };
    const prev = seen.get(key.key);
    if (!prev) {
      seen.set(key.key, { hit, order: atOrder, commits: /* @__PURE__ */ new Set() });
    } else if (atOrder < prev.order) {
      if (prev.hit.commit) prev.commits.add(prev.hit.commit.sha);
      if (at) prev.commits.delete(at.sha);
      prev.hit = hit;
      prev.order = atOrder;
    } else if (at && at.sha !== prev.hit.commit?.sha) {
      prev.commits.add(at.sha);
    }
  };
  const parserFor = (orderOf) => {
    let commit;
    let order = 0;
    return new DiffParser({
      onCommit: (c) => {
        res.commits = (res.commits ?? 0) + 1;
        order = orderOf?.get(c.sha) ?? order + 1;
        commit = { sha: c.sha, author: c.author, email: c.email, date: c.date };
        if (boundary.has(c.sha)) boundaryHit.push(c.sha);
      },
      onBlock: (b) => {
        const path2 = belowRoot(b.path, prefix2);
        if (path2 === void 0 || opts.include && !opts.include(path2)) return;
        files.add(path2);
        const text = b.lines.length === 1 ? b.lines[0] : b.lines.join("\n");
        res.bytes += text.length + 1;
        if (!det.mightMatch(text)) return;
        for (const key of det.scan(text, b.firstLine)) record(key, path2, commit, order);
      },
      onBinary: (repoPath, blob) => {
        const path2 = belowRoot(repoPath, prefix2);
        if (path2 === void 0 || opts.include && !opts.include(path2)) return;
        if (blob && commit) binaries.push({ path: path2, blob, commit, order });
        else unseenBinaries.push(path2);
      }
    });
  };
  const logArgs = ["log", "-p", "--cc", "--full-index", ...DIFF_FLAGS, `--format=${COMMIT_FORMAT}`];
  const parallel = Math.max(1, Math.floor(opts.parallel ?? 1));
  let list = [];
  if (parallel > 1) {
    const out = await git(root, ["rev-list", "--reverse", "--date-order", ...revs, ...pathspec]);
    list = out.split("\n").filter(Boolean);
  }
  const minSlice = Math.max(1, opts.minSliceCommits ?? MIN_SPLIT_COMMITS);
  const parts = slices(list, Math.min(parallel, Math.floor(list.length / minSlice)));
  if (parts.length > 1) {
    const orderOf = new Map(list.map((sha, i) => [sha, i + 1]));
    await Promise.all(
      parts.map((part) => {
        const parser = parserFor(orderOf);
        return streamGit(
          root,
          [...logArgs, "--no-walk=unsorted", "--stdin", ...pathspec],
          (l) => parser.line(l),
          `${part.join("\n")}
`
        ).then(() => parser.end());
      })
    );
  } else {
    const parser = parserFor();
    await streamGit(
      root,
      [...logArgs, "--reverse", "--date-order", ...revs, ...pathspec],
      (l) => parser.line(l)
    );
    parser.end();
  }
  const blobs = await scanBlobs(root, [...new Set(binaries.map((b) => b.blob))], det);
  for (const [, r] of blobs) res.bytes += r.bytes;
  for (const b of binaries) {
    files.add(b.path);
    for (const key of blobs.get(b.blob)?.keys ?? []) record(key, b.path, b.commit, b.order);
  }
  for (const { hit, commits } of seen.values()) {
    if (hit.commit) hit.commit.laterCommits = commits.size;
    res.hits.push(hit);
  }
  res.files = files.size;
  const missed = opts.range ? boundaryHit : [...boundary];
  if (missed.length) res.warnings.unshift(shallowWarning(missed));
  if (unseenBinaries.length) {
    const sample = [...new Set(unseenBinaries)].slice(0, 5).join(", ");
    res.warnings.push({
      message: `${unseenBinaries.length} binary file change(s) in ${source} not scanned (${sample}${unseenBinaries.length > 5 ? ", \u2026" : ""}): git gave no blob id`
    });
  }
  return res;
}
var GitSourceError, CONFIG, DIFF_FLAGS, ENV, MIN_SPLIT_COMMITS;
var init_git = __esm({
  "src/sources/git.ts"() {
    "use strict";
    init_diff();
    init_searcher();
    GitSourceError = class extends Error {
      constructor(message) {
        super(message);
        this.name = "GitSourceError";
      }
    };
    CONFIG = ["-c", "core.quotePath=false", "-c", "diff.noprefix=false", "-c", "log.showSignature=false"];
    DIFF_FLAGS = [
      "-U0",
      "--no-color",
      "--no-ext-diff",
      "--no-textconv",
      "-M",
      "--src-prefix=a/",
      "--dst-prefix=b/"
    ];
    ENV = { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_PAGER: "cat", LC_ALL: "C" };
    MIN_SPLIT_COMMITS = 200;
  }
});

// src/sources/walk.ts
import { readdirSync, realpathSync } from "node:fs";
import { join as join2, sep } from "node:path";
function errorText(err) {
  const e = err;
  return e?.code ? `${e.code}: ${e.message}` : String(err);
}
function* walkTreeSync(root, opts = {}) {
  const base = realpathSync(root);
  const posix = sep === "/" && base !== "/";
  const stack = [""];
  while (stack.length) {
    const relDir = stack.pop();
    let entries;
    try {
      entries = readdirSync(relDir ? join2(base, relDir) : base, { withFileTypes: true });
    } catch (err) {
      opts.onWarning?.({ file: relDir || ".", message: `directory not readable (${errorText(err)})` });
      continue;
    }
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const dirs = [];
    for (const e of entries) {
      if (e.name === ".git") continue;
      const rel = relDir ? `${relDir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!opts.includeDir || opts.includeDir(rel)) dirs.push(rel);
      } else if (e.isFile()) {
        if (!opts.include || opts.include(rel))
          yield { abs: posix ? `${base}/${rel}` : join2(base, rel), rel };
      }
    }
    for (let i = dirs.length - 1; i >= 0; i--) stack.push(dirs[i]);
  }
}
var init_walk = __esm({
  "src/sources/walk.ts"() {
    "use strict";
  }
});

// src/sources/tree.ts
function errorText2(err) {
  const e = err;
  return e?.code ? `${e.code}: ${e.message}` : String(err);
}
function scanTreeFileSync(abs, rel, det, opts = {}, scratch) {
  const out = { hits: [], warnings: [], suppressed: 0, bytes: 0, scanned: false };
  try {
    const r = searchFileSync(abs, det, { ...opts, maxSize: opts.maxFileSize }, scratch);
    out.bytes = r.bytes;
    out.scanned = true;
    for (const key of r.keys) {
      if (key.inlineAllowed) out.suppressed++;
      else out.hits.push({ key, file: rel, source: "tree" });
    }
  } catch (err) {
    if (err instanceof FileTooLarge) {
      out.warnings.push({
        file: rel,
        message: `skipped: ${err.size} bytes is over max-file-size ${opts.maxFileSize}`
      });
    } else {
      out.warnings.push({ file: rel, message: `not readable (${errorText2(err)})` });
    }
  }
  return out;
}
function scanFilesSync(files, det, opts = {}, scratch = new ReadBuffer()) {
  return files.map((f) => scanTreeFileSync(f.abs, f.rel, det, opts, scratch));
}
var init_tree = __esm({
  "src/sources/tree.ts"() {
    "use strict";
    init_searcher();
    init_walk();
  }
});

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap3 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar3 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq3 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar3(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap3;
    exports.isNode = isNode;
    exports.isPair = isPair;
    exports.isScalar = isScalar3;
    exports.isSeq = isSeq3;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key, node, visitor, path2) {
      const ctrl = callVisitor(key, node, visitor, path2);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path2, ctrl);
        return visit_(key, ctrl, visitor, path2);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path2 = Object.freeze(path2.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path2);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path2 = Object.freeze(path2.concat(node));
          const ck = visit_("key", node.key, visitor, path2);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path2);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path2) {
      const ctrl = await callVisitor(key, node, visitor, path2);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path2, ctrl);
        return visitAsync_(key, ctrl, visitor, path2);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path2 = Object.freeze(path2.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path2);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path2 = Object.freeze(path2.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path2);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path2);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path2) {
      if (typeof visitor === "function")
        return visitor(key, node, path2);
      if (identity.isMap(node))
        return visitor.Map?.(key, node, path2);
      if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path2);
      if (identity.isPair(node))
        return visitor.Pair?.(key, node, path2);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path2);
      if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path2);
      return void 0;
    }
    function replaceNode(key, path2, node) {
      const parent = path2[path2.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix2] = parts;
            this.tags[handle] = prefix2;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix2 = this.tags[handle];
        if (prefix2) {
          try {
            return prefix2 + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix2] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix2))
            return handle + escapeTagName(tag.substring(prefix2.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix2] of tagEntries) {
          if (handle === "!!" && prefix2 === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix2)))
            lines.push(`%TAG ${handle} ${prefix2}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix2, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix2}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix2) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix2, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match2 = tags.filter((t) => t.tag === tagName);
        const tagObj = match2.find((t) => !t.format) ?? match2[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path2, value) {
      let v = value;
      for (let i = path2.length - 1; i >= 0; --i) {
        const k = path2[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path2) => path2 == null || typeof path2 === "object" && !!path2[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path2, value) {
        if (isEmptyPath(path2))
          this.add(value);
        else {
          const [key, ...rest] = path2;
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path2) {
        const [key, ...rest] = path2;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path2, keepScalar) {
        const [key, ...rest] = path2;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path2) {
        const [key, ...rest] = path2;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path2, value) {
        const [key, ...rest] = path2;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str2) => str2.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str2, indent, comment) => str2.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str2.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str2) => /^(%|---|\.\.\.)/m.test(str2);
    function lineLengthOverLimit(str2, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str2.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str2[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str2 = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str2 += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str2 += json.slice(start, i);
                const code2 = json.substr(i + 2, 4);
                switch (code2) {
                  case "0000":
                    str2 += "\\0";
                    break;
                  case "0007":
                    str2 += "\\a";
                    break;
                  case "000b":
                    str2 += "\\v";
                    break;
                  case "001b":
                    str2 += "\\e";
                    break;
                  case "0085":
                    str2 += "\\N";
                    break;
                  case "00a0":
                    str2 += "\\_";
                    break;
                  case "2028":
                    str2 += "\\L";
                    break;
                  case "2029":
                    str2 += "\\P";
                    break;
                  default:
                    if (code2.substr(0, 2) === "00")
                      str2 += "\\x" + code2.substr(2);
                    else
                      str2 += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str2 += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str2 += "\n";
                  i += 2;
                }
                str2 += indent;
                if (json[i + 2] === " ")
                  str2 += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str2 = start ? str2 + json.slice(start) : json;
      return implicitKey ? str2 : foldFlowLines.foldFlowLines(str2, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal2 = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal2 ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal2) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body2 = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body2}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str2 = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str2);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str2 : foldFlowLines.foldFlowLines(str2, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match2 = tags.filter((t) => t.tag === item.tag);
        if (match2.length > 0)
          return match2.find((t) => t.format === item.format) ?? match2[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match2 = tags.filter((t) => t.identify?.(obj));
        if (match2.length > 1) {
          const testMatch = match2.filter((t) => t.test);
          if (testMatch.length > 0)
            match2 = testMatch;
        }
        tagObj = match2.find((t) => t.format === item.format) ?? match2.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str2 = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str2;
      return identity.isScalar(node) || str2[0] === "{" || str2[0] === "[" ? `${props} ${str2}` : `${props}
${ctx.indent}${str2}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key) || !identity.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity.isCollection(key) || (identity.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str2 = stringify.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str2.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str2 === "" ? "?" : explicitKey ? `? ${str2}` : str2;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str2 = `? ${str2}`;
        if (keyComment && !keyCommentDone) {
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str2;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
        str2 = `? ${str2}
${indent}:`;
      } else {
        str2 = `${str2}:`;
        if (keyComment)
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str2.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str2 += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str2;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge.identify(key) || identity.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
          key = key.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair2 = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair2, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str3 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str3 += stringifyComment.lineComment(str3, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str3);
      }
      let str2;
      if (lines.length === 0) {
        str2 = flowChars.start + flowChars.end;
      } else {
        str2 = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str2 += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str2 += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str2;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str2 = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str2.includes("\n"));
        if (i < items.length - 1) {
          str2 += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum2, line) => sum2 + line.length + 2, 2) + (str2.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str2 += ",";
          }
        }
        if (comment)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment));
        lines.push(str2);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum2, line) => sum2 + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str2 = start;
          for (const line of lines)
            str2 += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str2}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k = identity.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key, value] of obj)
            add(key, value);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair2, overwrite) {
        let _pair;
        if (identity.isPair(pair2))
          _pair = pair2;
        else if (!pair2 || typeof pair2 !== "object" || !("key" in pair2)) {
          _pair = new Pair.Pair(pair2, pair2?.value);
        } else
          _pair = new Pair.Pair(pair2.key, pair2.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str2) => str2,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str2) => new Scalar.Scalar(str2[0] === "t" || str2[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num2 = typeof value === "number" ? value : Number(value);
      if (!isFinite(num2))
        return isNaN(num2) ? ".nan" : num2 < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str2) => str2.slice(-3).toLowerCase() === "nan" ? NaN : str2[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str2) => parseFloat(str2),
      stringify(node) {
        const num2 = Number(node.value);
        return isFinite(num2) ? num2.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str2) {
        const node = new Scalar.Scalar(parseFloat(str2));
        const dot = str2.indexOf(".");
        if (dot !== -1 && str2[str2.length - 1] === "0")
          node.minFractionDigits = str2.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str2, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str2) : parseInt(str2.substring(offset), radix);
    function intStringify(node, radix, prefix2) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix2 + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str2) => str2,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str2) => str2 === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str2, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str2) : parseInt(str2, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str2) => parseFloat(str2),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str2, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str2)}`);
        return str2;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str2 = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str2.length);
          for (let i = 0; i < str2.length; ++i)
            buffer[i] = str2.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str2;
        if (typeof node_buffer.Buffer === "function") {
          str2 = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str2 = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str2.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str2.substr(o, lineWidth);
          }
          str2 = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str2 }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair2 = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair2.key.commentBefore = pair2.key.commentBefore ? `${item.commentBefore}
${pair2.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair2.value ?? pair2.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair2;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair2 of this.items) {
          let key, value;
          if (identity.isPair(pair2)) {
            key = toJS.toJS(pair2.key, "", ctx);
            value = toJS.toJS(pair2.value, key, ctx);
          } else {
            key = toJS.toJS(pair2, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str2) => str2.slice(-3).toLowerCase() === "nan" ? NaN : str2[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str2) => parseFloat(str2.replace(/_/g, "")),
      stringify(node) {
        const num2 = Number(node.value);
        return isFinite(num2) ? num2.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str2) {
        const node = new Scalar.Scalar(parseFloat(str2.replace(/_/g, "")));
        const dot = str2.indexOf(".");
        if (dot !== -1) {
          const f = str2.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str2, offset, radix, { intAsBigInt }) {
      const sign = str2[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str2 = str2.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str2 = `0b${str2}`;
            break;
          case 8:
            str2 = `0o${str2}`;
            break;
          case 16:
            str2 = `0x${str2}`;
            break;
        }
        const n2 = BigInt(str2);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str2, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix2) {
      const { value } = node;
      if (intIdentify(value)) {
        const str2 = value.toString(radix);
        return value < 0 ? "-" + prefix2 + str2.substr(1) : prefix2 + str2;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair2;
        if (identity.isPair(key))
          pair2 = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair2 = new Pair.Pair(key.key, null);
        else
          pair2 = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair2.key);
        if (!prev)
          this.items.push(pair2);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair2 = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair2) ? identity.isScalar(pair2.key) ? pair2.key.value : pair2.key : pair2;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str2, asBigInt) {
      const sign = str2[0];
      const parts = sign === "-" || sign === "+" ? str2.substring(1) : str2;
      const num2 = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num2(60) + num2(p), num2(0));
      return sign === "-" ? num2(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num2 = (n) => n;
      if (typeof value === "bigint")
        num2 = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num2(-1);
      }
      const _60 = num2(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str2, _onError, { intAsBigInt }) => parseSexagesimal(str2, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str2) => parseSexagesimal(str2, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str2) {
        const match2 = str2.match(timestamp.test);
        if (!match2)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match2.map(Number);
        const millisec = match2[7] ? Number((match2[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match2[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body2 = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body2 += stringifyComment.lineComment(body2, "", commentString(contentComment));
        if ((body2[0] === "|" || body2[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body2}`;
        } else
          lines.push(body2);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path2, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path2, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path2) {
        if (Collection.isEmptyPath(path2)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path2) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path2, keepScalar) {
        if (Collection.isEmptyPath(path2))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path2, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path2) {
        if (Collection.isEmptyPath(path2))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path2) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path2, value) {
        if (Collection.isEmptyPath(path2)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path2), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path2, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code2, message) {
        super();
        this.name = name;
        this.code = code2;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code2, message) {
        super("YAMLParseError", pos, code2, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code2, message) {
        super("YAMLWarning", pos, code2, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair2) => isEqual(pair2.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep: sep3, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep3?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep3) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep3 ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep3, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair2 = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair2.srcToken = collItem;
          map.items.push(pair2);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair2 = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair2.srcToken = collItem;
          map.items.push(pair2);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep3 = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep3 + cb;
              sep3 = "";
              break;
            }
            case "newline":
              if (comment)
                sep3 += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap3 = fc.start.source === "{";
      const fcName = isMap3 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap3 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep: sep3, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep3?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep3 && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap3 && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap3 && !sep3 && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep3, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep3 ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap3 && !props.found && ctx.options.strict) {
              if (sep3)
                for (const st of sep3) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep3, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair2 = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair2.srcToken = collItem;
          if (isMap3) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair2);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair2);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap3 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl2 } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl2 || nl2.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep3 = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep3 + indent.slice(trimIndent) + content;
          sep3 = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep3 === " ")
            sep3 = "\n";
          else if (!prevMoreIndented && sep3 === "\n")
            sep3 = "\n\n";
          value += sep3 + indent.slice(trimIndent) + content;
          sep3 = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep3 === "\n")
            value += "\n";
          else
            sep3 = "\n";
        } else {
          value += sep3 + content;
          sep3 = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code2, msg) => onError(offset + rel, code2, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match2 = line.exec(source);
      if (!match2)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match2[1].replace(trimEnd, "");
      let sep3 = " ";
      let pos = line.lastIndex;
      while (match2 = line.exec(source)) {
        const lm = match2[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep3 === "\n")
            res += sep3;
          else
            sep3 = "\n";
        } else {
          res += sep3 + lm;
          sep3 = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match2 = last.exec(source);
      return res + sep3 + (match2?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code2 = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code2);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range: range2 } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range2;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code2, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code2, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code2, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code2, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code2, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code2, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body2 = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body2 };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body2 = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body2;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body2 });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl2 = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl2] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep: sep3, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep3)
        for (const st of sep3)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path2) => {
      let item = cst;
      for (const [field, index] of path2) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path2) => {
      const parent = visit.itemAtPath(cst, path2.slice(0, -1));
      const field = path2[path2.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path2, item, visitor) {
      let ctrl = visitor(item, path2);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path2.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path2);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path2) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar3 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar3;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl2, sp;
        let indent = -1;
        do {
          nl2 = yield* this.pushNewline();
          if (nl2 > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl2 + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote2 = this.charAt(0);
        let end = this.buffer.indexOf(quote2, this.pos + 1);
        if (quote2 === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl2 = qb.indexOf("\n", this.pos);
        if (nl2 !== -1) {
          while (nl2 !== -1) {
            const cs = this.continueScalar(nl2 + 1);
            if (cs === -1)
              break;
            nl2 = qb.indexOf("\n", cs);
          }
          if (nl2 !== -1) {
            end = nl2 - (qb[nl2 - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl2 = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl2 = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl2 + 1);
            if (cs === -1)
              break;
            nl2 = this.buffer.indexOf("\n", cs);
          } while (nl2 !== -1);
          if (nl2 === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl2 = this.buffer.length;
          }
        }
        let i = nl2 + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl2 = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl2 - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl2 = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl2 + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter3 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter3;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser2 = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep3;
          if (scalar.end) {
            sep3 = scalar.end;
            sep3.push(this.sourceToken);
            delete scalar.end;
          } else
            sep3 = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep: sep3 }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl2 = this.source.indexOf("\n") + 1;
              while (nl2 !== 0) {
                this.onNewLine(this.offset + nl2);
                nl2 = this.source.indexOf("\n", nl2) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl2 = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl2.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl2.length = 0;
                  break;
                default:
                  nl2.length = 0;
              }
            }
            if (nl2.length >= 2)
              start = it.sep.splice(nl2[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep3 = it.sep;
                  sep3.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep: sep3 }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep3 = fc.end.splice(1, fc.end.length);
            sep3.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep: sep3 }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl2 = this.source.indexOf("\n") + 1;
          while (nl2 !== 0) {
            this.onNewLine(this.offset + nl2);
            nl2 = this.source.indexOf("\n", nl2) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser2;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument3(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse3(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument3(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse3;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument3;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// src/sources/workflows.ts
function isWorkflowFile(rel) {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(rel) || /(^|\/)action\.ya?ml$/.test(rel);
}
function secretName(raw) {
  const n = raw.toUpperCase().replace(/[^A-Z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  return /^[0-9]/.test(n) ? `_${n}` : n || "API_KEY";
}
function providerName(key) {
  return secretName(`${(key.candidates[0] ?? key.provider).split("|")[0]}_API_KEY`);
}
function describe(path2, key, lineText, keyCol) {
  const last = path2[path2.length - 1];
  const parent = path2[path2.length - 2];
  const job = path2[0] === "jobs" && typeof path2[1] === "string" ? `job "${path2[1]}"` : void 0;
  const stepIdx = path2.indexOf("steps");
  const step = stepIdx >= 0 && typeof path2[stepIdx + 1] === "number" ? `step ${Number(path2[stepIdx + 1]) + 1}` : void 0;
  const scope = [step, job].filter(Boolean).join(" of ") || "the workflow";
  if (parent === "env" && typeof last === "string") {
    const owner = path2[path2.length - 4];
    const svc = path2[path2.length - 3] === "container" ? "the container" : owner === "services" ? `service "${path2[path2.length - 3]}"` : scope;
    return { where: `env ${last} of ${svc}`, name: secretName(last) };
  }
  if (parent === "with" && typeof last === "string")
    return { where: `input "${last}" of ${scope}`, name: secretName(last) };
  if (parent === "secrets" && typeof last === "string")
    return { where: `secret "${last}" passed by ${scope}`, name: secretName(last) };
  if (parent === "credentials" && typeof last === "string") {
    const owner = path2[path2.length - 3] === "container" ? "REGISTRY" : String(path2[path2.length - 3]);
    return {
      where: `${last} of the ${owner === "REGISTRY" ? "container" : `service "${owner}"`} credentials`,
      name: secretName(`${owner}_${last}`)
    };
  }
  if (last === "default" && path2[0] === "inputs" && typeof parent === "string") {
    return { where: `default of action input "${parent}"`, name: secretName(parent) };
  }
  if (last === "run") {
    const before = lineText.slice(0, Math.max(0, keyCol - 1));
    const m = /([A-Za-z_][A-Za-z0-9_-]*)["']?\s*(?:[:=]|\s)\s*["']?$/.exec(before);
    const name = m && !/^(bearer|echo|export|curl|token)$/i.test(m[1]) ? secretName(m[1].replace(/^-+/, "")) : providerName(key);
    return { where: `run script of ${scope}`, name };
  }
  const named = [...path2].reverse().find((p) => typeof p === "string");
  return {
    where: `${path2.join(".") || "document"}`,
    name: named && named !== "run" ? secretName(named) : providerName(key)
  };
}
function scanWorkflow(rel, text, det) {
  const out = { hits: [], warnings: [], suppressed: 0 };
  if (!det.mightMatch(text)) return out;
  const lc = new import_yaml.LineCounter();
  let doc;
  try {
    doc = (0, import_yaml.parseDocument)(text, { lineCounter: lc, uniqueKeys: false });
  } catch (err) {
    out.warnings.push({
      file: rel,
      message: `workflow not parsed as YAML (${err.message.split("\n")[0]})`
    });
    return out;
  }
  if (doc.errors.length) {
    const e = doc.errors[0];
    out.warnings.push({
      file: rel,
      line: e.linePos?.[0]?.line,
      message: `malformed YAML, workflow checks skipped (scanned as text only): ${e.message.split("\n")[0]}`
    });
    return out;
  }
  const lines = text.split("\n");
  const visit = (node, path2) => {
    if ((0, import_yaml.isMap)(node)) {
      for (const pair2 of node.items) {
        const k = (0, import_yaml.isScalar)(pair2.key) ? String(pair2.key.value) : String(pair2.key);
        visit(pair2.value, [...path2, k]);
      }
    } else if ((0, import_yaml.isSeq)(node)) {
      node.items.forEach((item, i) => {
        visit(item, [...path2, i]);
      });
    } else if ((0, import_yaml.isScalar)(node) && typeof node.value === "string") {
      scalar(node, node.value, path2);
    }
  };
  const scalar = (node, value, path2) => {
    if (!det.mightMatch(value)) return;
    const [start, , end] = node.range ?? [0, 0, text.length];
    let from = start;
    for (const key of det.scan(value, 1)) {
      const at = text.indexOf(key.key, from);
      const offset = at >= 0 && at < end ? at : start;
      if (at >= 0 && at < end) from = at + 1;
      const pos = lc.linePos(offset);
      const lineText = lines[pos.line - 1] ?? "";
      if (lineText.includes(INLINE_ALLOW2) || key.inlineAllowed) {
        out.suppressed++;
        continue;
      }
      const { where, name } = describe(path2, key, lineText, pos.col);
      out.hits.push({
        key: { ...key, line: pos.line, column: pos.col },
        file: rel,
        source: "workflow",
        ruleId: WORKFLOW_RULE_ID,
        description: `Literal ${key.provider} key in a GitHub Actions ${path2[0] === "runs" || path2[0] === "inputs" ? "action" : "workflow"} file`,
        message: `${where}: store the key as a secret and use \${{ secrets.${name} }} instead of the literal value`
      });
    }
  };
  visit(doc.contents, []);
  return out;
}
var import_yaml, WORKFLOW_RULE_ID, INLINE_ALLOW2;
var init_workflows = __esm({
  "src/sources/workflows.ts"() {
    "use strict";
    import_yaml = __toESM(require_dist(), 1);
    WORKFLOW_RULE_ID = "workflow-literal-secret";
    INLINE_ALLOW2 = "keyguard:allow";
  }
});

// src/scan/secret.ts
import { createHash } from "node:crypto";
import { inspect } from "node:util";
function keyPrefix(key) {
  return KNOWN_PREFIXES.find((p) => key.startsWith(p)) ?? "";
}
function redact(key) {
  const prefix2 = keyPrefix(key);
  const body2 = key.slice(prefix2.length);
  if (body2.length < 12) return `${prefix2}${"*".repeat(Math.min(body2.length, 4))}\u2026`;
  return `${prefix2}${body2.slice(0, 4)}\u2026${body2.slice(-4)}`;
}
function fingerprint(key) {
  return createHash("sha256").update(`keyguard:v1:${key}`).digest("hex").slice(0, 32);
}
function scrub(text, secrets) {
  let out = text;
  for (const s of secrets) {
    const v = s.reveal();
    if (v.length >= 8) out = out.split(v).join(s.redacted);
  }
  return out;
}
var KNOWN_PREFIXES, Secret;
var init_secret = __esm({
  "src/scan/secret.ts"() {
    "use strict";
    KNOWN_PREFIXES = [
      "sk-ant-admin01-",
      "sk-ant-api03-",
      "sk-svcacct-",
      "sk-service-",
      "sk-or-v1-",
      "sk-admin-",
      "sk-proj-",
      "sk_live_",
      "rk_live_",
      "sk_test_",
      "rk_test_",
      "sk_prod_",
      "rk_prod_",
      "sk-ant-",
      "pplx-",
      "gsk_",
      "xai-",
      "sk-"
    ];
    Secret = class {
      #value;
      redacted;
      fingerprint;
      constructor(value) {
        this.#value = value;
        this.redacted = redact(value);
        this.fingerprint = fingerprint(value);
      }
      reveal() {
        return this.#value;
      }
      get length() {
        return this.#value.length;
      }
      equals(other) {
        return (typeof other === "string" ? other : other.reveal()) === this.#value;
      }
      toJSON() {
        return this.redacted;
      }
      toString() {
        return this.redacted;
      }
      [inspect.custom]() {
        return `Secret(${this.redacted})`;
      }
    };
  }
});

// src/engine/findings.ts
function toFinding(hit) {
  const k = hit.key;
  const secret = new Secret(k.key);
  const f = {
    ruleId: hit.ruleId ?? k.ruleId,
    provider: k.provider,
    candidates: [...k.candidates],
    description: hit.description ?? k.description,
    file: hit.file,
    line: k.line,
    column: k.column,
    secret,
    redacted: secret.redacted,
    fingerprint: secret.fingerprint,
    source: hit.source
  };
  if (hit.commit) f.commit = { ...hit.commit };
  if (k.encoding) f.encoding = k.encoding;
  if (hit.message) f.message = hit.message;
  return f;
}
function compareFindings(a, b) {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
function replaceByWorkflow(tree, workflow) {
  const taken = new Set(workflow.map((h) => `${h.file}
${h.key.line}
${h.key.key}`));
  return [...tree.filter((h) => !taken.has(`${h.file}
${h.key.line}
${h.key.key}`)), ...workflow];
}
var init_findings = __esm({
  "src/engine/findings.ts"() {
    "use strict";
    init_secret();
  }
});

// src/engine/worker.ts
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
function embeddedWorkerCode() {
  return true ? '"use strict";var import_node_worker_threads=require("node:worker_threads");var UPPER="ABCDEFGHIJKLMNOPQRSTUVWXYZ",LOWER="abcdefghijklmnopqrstuvwxyz",DIGITS="0123456789",ALNUM=UPPER+LOWER+DIGITS,B64URL=`${ALNUM}_-`,HEX="0123456789abcdef",OPENAI_MARKER=["T3Bl","bkFJ"].join("");function pick(random,alphabet,n){let s="";for(let i=0;i<n;i++)s+=alphabet[Math.floor(random()*alphabet.length)];return s}function join(...parts){return parts.join("")}var URLSAFE="A-Za-z0-9_-",anthropicRules=[{id:"anthropic-admin-key",provider:"anthropic",candidates:["anthropic"],description:"Anthropic Admin API key (organization-wide)",keywords:["sk-ant-admin01-"],regex:/sk-ant-admin01-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/g,anchored:!0,minLength:110,maxLength:110,alphabet:URLSAFE,prefixLength:15,entropyFloor:4.5,sample:random=>join("sk-ant-admin01-",pick(random,B64URL,93),"AA")},{id:"anthropic-api-key",provider:"anthropic",candidates:["anthropic"],description:"Anthropic API key",keywords:["sk-ant-api03-"],regex:/sk-ant-api03-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/g,anchored:!0,minLength:108,maxLength:108,alphabet:URLSAFE,prefixLength:13,entropyFloor:4.5,sample:random=>join("sk-ant-api03-",pick(random,B64URL,93),"AA")},{id:"anthropic-other-key",provider:"anthropic",candidates:["anthropic"],description:"Anthropic credential of another kind (OAuth token, session key or a newer key version)",keywords:["sk-ant-"],regex:/sk-ant-[a-z]{2,8}[0-9]{2}-[A-Za-z0-9_-]{32,250}(?![A-Za-z0-9_-])/g,anchored:!0,minLength:44,maxLength:268,alphabet:URLSAFE,prefixLength:13,entropyFloor:4.2,validate:key=>!/^sk-ant-(?:api03|admin01)-/.test(key),sample:random=>join("sk-ant-",random()<.5?"oat01-":"ort01-",pick(random,B64URL,93),"AA")}];var deepseekRules=[{id:"deepseek-api-key",provider:"deepseek|dashscope",candidates:["deepseek","dashscope"],description:"DeepSeek or DashScope (Qwen) API key: 32 hex characters",keywords:["sk-"],regex:/sk-[0-9a-f]{32}(?![A-Za-z0-9_-])/g,anchored:!0,minLength:35,maxLength:35,alphabet:"A-Za-z0-9_-",prefixLength:3,entropyFloor:2.7,validate:key=>/[a-f]/.test(key.slice(3))&&/[0-9]/.test(key.slice(3)),falseContext:/cache|md5|hash|digest|checksum|etag|fingerprint/i,unlessContext:/api[_-]?key|secret|token|bearer|authori[sz]ation|credential|deepseek|dashscope|qwen|aliyun|bailian|tongyi|openai|llm|env/i,sample:random=>join("sk-",pick(random,HEX,32))}];var counts=new Uint32Array(128);function shannonEntropy(s){if(s.length===0)return 0;let other;for(let i=0;i<s.length;i++){let c=s.charCodeAt(i);c<128?counts[c]++:(other??=new Map,other.set(s[i],(other.get(s[i])??0)+1))}let h=0,add=n=>{let p=n/s.length;h-=p*Math.log2(p)};for(let i=0;i<s.length;i++){let c=s.charCodeAt(i);c<128&&counts[c]>0&&(add(counts[c]),counts[c]=0)}if(other)for(let n of other.values())add(n);return h}var HASH_LENGTHS=new Set([40,64,128]),UUID=/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;function genericEntropyFloor(length){return length<28?3.6:length<40?3.9:4.2}var OWNED_PREFIXES=/^(?:proj|None|svcacct|service|admin|ant-api03|ant-admin01|or-v1|lf)-/,K8S_POD=/^[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*-[0-9a-z]{6,10}-[0-9a-z]{5}$/,CSS_MODULE=/^(?:[a-z][a-z0-9]*[-_])*[a-z][a-z0-9]*__[A-Za-z0-9_-]{5,8}$/;function isDashedName(body2){let word=part=>/^[a-z]{3,}$/.test(part)&&!/^[a-f]+$/.test(part),parts=body2.split("-");return parts.length>=3&&word(parts[0])&&/^[a-z]{3,}$/.test(parts[1])?!0:/^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(body2)?parts.some(word):!1}var MARKER_PART=/T3Bl|bkFJ/;function isBase64Of16Bytes(body2){return body2.length===22&&/[AQgw]$/.test(body2)&&/[A-Z]/.test(body2)&&/[a-z]/.test(body2)}function genericBodyIsRandom(body2){return OWNED_PREFIXES.test(body2)||MARKER_PART.test(body2)||K8S_POD.test(body2)||CSS_MODULE.test(body2)||isDashedName(body2)||!/[A-Za-z]/.test(body2)||!/[0-9]/.test(body2)&&!isBase64Of16Bytes(body2)||(/^[0-9a-f]+$/.test(body2)||/^[0-9A-F]+$/.test(body2))&&(body2.length<32||HASH_LENGTHS.has(body2.length))||UUID.test(body2)?!1:shannonEntropy(body2)>=genericEntropyFloor(body2.length)}var TAKEN=new Set([22,32,48]),genericRules=[{id:"generic-sk-key",provider:"unknown",candidates:[],contextCandidates:["litellm","deepseek","dashscope","moonshot","siliconflow"],description:"sk- style API key of a provider without a specific rule",keywords:["sk-"],regex:/sk-[A-Za-z0-9_-]{20,250}(?![A-Za-z0-9_-])/g,anchored:!0,minLength:23,maxLength:253,alphabet:"A-Za-z0-9_-",prefixLength:3,validate:key=>genericBodyIsRandom(key.slice(3)),sample:random=>{for(;;){let n=20+Math.floor(random()*80);for(;TAKEN.has(n);)n++;let body2=pick(random,B64URL,n);if(genericBodyIsRandom(body2)&&/^[A-Za-z0-9]/.test(body2))return join("sk-",body2)}}}];var groqRules=[{id:"groq-api-key",provider:"groq",candidates:["groq"],description:"Groq API key",keywords:["gsk_"],regex:/gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9_])/g,anchored:!0,minLength:56,maxLength:56,alphabet:"A-Za-z0-9_",prefixLength:4,entropyFloor:4.3,sample:random=>join("gsk_",pick(random,ALNUM,52))}];var uuid=random=>[pick(random,HEX,8),pick(random,HEX,4),`4${pick(random,HEX,3)}`,`a${pick(random,HEX,3)}`,pick(random,HEX,12)].join("-"),langfuseRules=[{id:"langfuse-secret-key",provider:"langfuse",candidates:["langfuse"],description:"Langfuse secret key",keywords:["sk-lf-"],regex:/sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_-])/g,anchored:!0,minLength:42,maxLength:42,alphabet:"A-Za-z0-9_-",prefixLength:6,entropyFloor:3,skipIdentifierFilter:!0,sample:random=>join("sk-lf-",uuid(random))}];var litellmRules=[{id:"litellm-virtual-key",provider:"litellm",candidates:["litellm"],description:"LiteLLM proxy virtual key",keywords:["sk-"],regex:/sk-[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])/g,anchored:!0,minLength:25,maxLength:25,alphabet:"A-Za-z0-9_-",prefixLength:3,entropyFloor:3.3,requiresContext:/lite_?llm|proxy|:4000\\b/i,sample:random=>join("sk-",pick(random,B64URL,22))}];var moonshotRules=[{id:"siliconflow-api-key",provider:"siliconflow|moonshot",candidates:["siliconflow","moonshot"],description:"SiliconFlow API key: 48 lowercase letters (Moonshot shares the length)",keywords:["sk-"],regex:/sk-[a-z]{48}(?![A-Za-z0-9_-])/g,anchored:!0,minLength:51,maxLength:51,alphabet:"A-Za-z0-9_-",prefixLength:3,entropyFloor:3.5,sample:random=>join("sk-",pick(random,LOWER,48))},{id:"moonshot-api-key",provider:"moonshot|siliconflow",candidates:["moonshot","siliconflow"],description:"Moonshot (Kimi) API key: 48 letters and digits (SiliconFlow shares the length)",keywords:["sk-"],regex:/sk-[A-Za-z0-9]{48}(?![A-Za-z0-9_-])/g,anchored:!0,minLength:51,maxLength:51,alphabet:"A-Za-z0-9_-",prefixLength:3,entropyFloor:4.2,validate:key=>{let body2=key.slice(3);return/[A-Z]/.test(body2)&&/[a-z]/.test(body2)&&/[0-9]/.test(body2)},sample:random=>join("sk-",pick(random,ALNUM,48))}];var URLSAFE2="A-Za-z0-9_-",hasMarker=key=>key.includes(OPENAI_MARKER),MIN_MARKERLESS_BODY=100;function isWholePrefixedKey(body2){let at=body2.indexOf(OPENAI_MARKER);return at===-1?body2.length>=MIN_MARKERLESS_BODY&&!body2.includes(OPENAI_MARKER.slice(0,4)):at>=20&&at===body2.length-at-OPENAI_MARKER.length}var markerLengths=prefix=>[20,58,74].map(h=>prefix.length+2*h+8);function modernSample(prefix,half){return random=>join(prefix,pick(random,B64URL,half),OPENAI_MARKER,pick(random,B64URL,half-1),"A")}var openaiRules=[{id:"openai-project-key",provider:"openai",candidates:["openai"],description:"OpenAI project API key",keywords:["sk-proj-","sk-None-"],regex:/sk-(?:proj|None)-[A-Za-z0-9_-]{48,250}(?![A-Za-z0-9_-])/g,anchored:!0,minLength:56,maxLength:258,lengths:markerLengths("sk-proj-"),validate:key=>isWholePrefixedKey(key.slice(8)),alphabet:URLSAFE2,prefixLength:8,entropyFloor:4.2,sample:random=>random()<.8?modernSample("sk-proj-",74)(random):join("sk-proj-",pick(random,B64URL,20),OPENAI_MARKER,pick(random,B64URL,20))},{id:"openai-service-account-key",provider:"openai",candidates:["openai"],description:"OpenAI service account API key",keywords:["sk-svcacct-","sk-service-"],regex:/sk-(?:svcacct|service)-[A-Za-z0-9_-]{48,250}(?![A-Za-z0-9_-])/g,anchored:!0,minLength:59,maxLength:261,lengths:markerLengths("sk-svcacct-"),validate:key=>isWholePrefixedKey(key.slice(11)),alphabet:URLSAFE2,prefixLength:11,entropyFloor:4.2,sample:random=>modernSample(random()<.8?"sk-svcacct-":"sk-service-",74)(random)},{id:"openai-admin-key",provider:"openai",candidates:["openai"],description:"OpenAI admin API key (organization-wide)",keywords:["sk-admin-"],regex:/sk-admin-[A-Za-z0-9_-]{48,250}(?![A-Za-z0-9_-])/g,anchored:!0,minLength:57,maxLength:259,lengths:markerLengths("sk-admin-"),validate:key=>isWholePrefixedKey(key.slice(9)),alphabet:URLSAFE2,prefixLength:9,entropyFloor:4.2,sample:modernSample("sk-admin-",58)},{id:"openai-legacy-key",provider:"openai",candidates:["openai"],description:"OpenAI user API key (legacy format)",keywords:["sk-"],regex:new RegExp(`sk-[A-Za-z0-9]{20}${OPENAI_MARKER}[A-Za-z0-9]{20}(?![A-Za-z0-9_-])`,"g"),anchored:!0,minLength:51,maxLength:51,alphabet:URLSAFE2,prefixLength:3,validate:hasMarker,sample:random=>{let alnum=B64URL.slice(0,62);return join("sk-",pick(random,alnum,20),OPENAI_MARKER,pick(random,alnum,20))}}];var openrouterRules=[{id:"openrouter-api-key",provider:"openrouter",candidates:["openrouter"],description:"OpenRouter API key",keywords:["sk-or-v1-"],regex:/sk-or-v1-[0-9a-f]{64}(?![A-Za-z0-9_-])/g,anchored:!0,minLength:73,maxLength:73,alphabet:"A-Za-z0-9_-",prefixLength:9,entropyFloor:3.3,sample:random=>join("sk-or-v1-",pick(random,HEX,64))}];var perplexityRules=[{id:"perplexity-api-key",provider:"perplexity",candidates:["perplexity"],description:"Perplexity API key",keywords:["pplx-"],regex:/pplx-[A-Za-z0-9]{48}(?![A-Za-z0-9_-])/g,anchored:!0,minLength:53,maxLength:53,alphabet:"A-Za-z0-9_-",prefixLength:5,entropyFloor:4.4,sample:random=>join("pplx-",pick(random,ALNUM,48))}];var ALPHA="A-Za-z0-9_",body=random=>pick(random,ALNUM,24+Math.floor(random()*76)),stripeRules=[{id:"stripe-secret-key",provider:"stripe",candidates:["stripe"],description:"Stripe live secret key",keywords:["sk_"],regex:/sk_(?:live|prod)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g,anchored:!0,minLength:24,maxLength:255,alphabet:ALPHA,prefixLength:8,entropyFloor:3.5,sample:random=>join("sk",random()<.9?"_live_":"_prod_",body(random))},{id:"stripe-restricted-key",provider:"stripe",candidates:["stripe"],description:"Stripe live restricted key",keywords:["rk_"],regex:/rk_(?:live|prod)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g,anchored:!0,minLength:24,maxLength:255,alphabet:ALPHA,prefixLength:8,entropyFloor:3.5,sample:random=>join("rk",random()<.9?"_live_":"_prod_",body(random))}],stripeTestRules=[{id:"stripe-test-key",provider:"stripe",candidates:["stripe"],description:"Stripe test-mode key (no production data; opt-in)",keywords:["sk_","rk_"],regex:/[sr]k_test_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g,anchored:!0,minLength:24,maxLength:255,alphabet:ALPHA,prefixLength:8,entropyFloor:3.5,sample:random=>join(random()<.5?"sk":"rk","_test_",body(random))}];var xaiRules=[{id:"xai-api-key",provider:"xai",candidates:["xai"],description:"xAI (Grok) API key",keywords:["xai-"],regex:/xai-[A-Za-z0-9_]{80}(?![A-Za-z0-9_-])/g,anchored:!0,minLength:84,maxLength:84,alphabet:"A-Za-z0-9_-",prefixLength:4,entropyFloor:4.6,sample:random=>join("xai-",pick(random,ALNUM,80))}];function builtinRules(){return[...anthropicRules,...openrouterRules,...openaiRules,...deepseekRules,...moonshotRules,...litellmRules,...langfuseRules,...stripeRules,...groqRules,...xaiRules,...perplexityRules,...genericRules]}function optionalRules(){return[...stripeTestRules]}var BY_FREQUENCY="!%&>?@\\\\^|~QWRUGMZDHLVF9425687\\"3#*<wCXJTYz1K0x$[]qjBNbSg+EIO_`vPA=:{k}-y/(),f\';mhup.dclnosairte ",RANK=new Uint8Array(128);for(let i=0;i<BY_FREQUENCY.length;i++)RANK[BY_FREQUENCY.charCodeAt(i)]=i+1;function rank(code){return code<128?RANK[code]:0}function planNeedle(text){if(text.length<2)return{text,skip:0,tail:text};let skip=0;for(let j=1;j<text.length-1;j++)rank(text.charCodeAt(j))<rank(text.charCodeAt(skip))&&(skip=j);return{text,skip,tail:text.slice(skip)}}function headMatches(hay,at,n){if(at<0)return!1;for(let i=0;i<n.skip;i++)if(hay[at+i]!==n.text.charCodeAt(i))return!1;return!0}function findNeedle(hay,n,from=0){if(typeof hay=="string")return findInText(hay,n,from);for(let i=hay.indexOf(n.tail,from+n.skip);i!==-1;i=hay.indexOf(n.tail,i+1))if(headMatches(hay,i-n.skip,n))return i-n.skip;return-1}function findInText(hay,n,from){let{skip,tail,text}=n;for(let i=hay.indexOf(tail,from+skip);i!==-1;i=hay.indexOf(tail,i+1)){let at=i-skip;if(at<0)continue;let k=0;for(;k<skip&&hay.charCodeAt(at+k)===text.charCodeAt(k);)k++;if(k===skip)return at}return-1}var AnchorSet=class{#anchors=[];constructor(needles){let left=needles.map((text,index)=>({text,index})).filter(n=>n.text.length>0);for(;left.length>0;){let count=new Map;for(let n of left)for(let c of new Set(n.text))count.set(c.charCodeAt(0),(count.get(c.charCodeAt(0))??0)+1);let best=-1;for(let[c,k]of count){let b=count.get(best)??0;(k>b||k===b&&rank(c)<rank(best))&&(best=c)}let group={code:best,needles:[],follow:new Uint8Array(256)};for(let i=left.length-1;i>=0;i--){let n=left[i],at=n.text.indexOf(String.fromCharCode(best));at!==-1&&(group.needles.push({text:n.text,at,index:n.index}),at+1<n.text.length?group.follow[n.text.charCodeAt(at+1)&255]=1:group.follow.fill(1),left.splice(i,1))}this.#anchors.push(group)}}get anchors(){return this.#anchors.map(a=>String.fromCharCode(a.code))}some(hay,hit){for(let a of this.#anchors){let next=typeof hay=="string"?from=>hay.indexOf(String.fromCharCode(a.code),from):from=>hay.indexOf(a.code,from),follow=a.follow;for(let p=next(0);p!==-1;p=next(p+1)){let f=typeof hay=="string"?hay.charCodeAt(p+1):hay[p+1];if(!(f===void 0||Number.isNaN(f)?follow[0]===0:follow[f&255]===0))for(let n of a.needles){let start=p-n.at;if(start<0||start+n.text.length>hay.length)continue;if((typeof hay=="string"?hay.startsWith(n.text,start):bytesEqual(hay,start,n.text))&&hit(n.index,start))return!0}}}return!1}};function bytesEqual(buf,start,text){for(let i=0;i<text.length;i++)if(buf[start+i]!==text.charCodeAt(i))return!1;return!0}var B64_CHAR=new Uint8Array(256);for(let c of"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_")B64_CHAR[c.charCodeAt(0)]=1;function isB64(code){return code<128&&B64_CHAR[code]===1}function codeAt(h,i){return typeof h=="string"?h.charCodeAt(i):h[i]??Number.NaN}function base64Markers(seed){let bytes=Buffer.from(seed,"latin1");if(bytes.length!==3)throw new Error("a base64 marker seed must be 3 bytes");let out=[];for(let offset=0;offset<3;offset++){let encoded=Buffer.concat([Buffer.alloc(offset),bytes,Buffer.alloc(3)]).toString("base64"),first=Math.ceil(8*offset/6),last=Math.floor((8*offset+24)/6)-1;out.push(encoded.slice(first,last+1))}return out}function base64Seeds(keywords){let seeds=new Set;for(let k of keywords)k.length>=3&&seeds.add(k.slice(-3));return[...seeds]}var BASE64_SEEDS=base64Seeds(["sk-","sk_","rk_","gsk_","xai-","pplx-"]),MIN_RUN=32,CHUNK=65536,OVERLAP=1024,WRAP_WIDTHS=new Set([64,76]);function isBlank(code){return code===32||code===9}function isWrapSpace(code){return code===10||code===13||code===32||code===9}function runStart(h,i){let s=i;if(typeof h=="string")for(;s>0;){let c=h.charCodeAt(s-1);if(c>255||B64_CHAR[c]===0)break;s--}else for(;s>0&&B64_CHAR[h[s-1]]===1;)s--;return s}function runEnd(h,i){let e=i,n=h.length;if(typeof h=="string")for(;e<n;){let c=h.charCodeAt(e);if(c>255||B64_CHAR[c]===0)break;e++}else for(;e<n&&B64_CHAR[h[e]]===1;)e++;return e}function expandRun(text,hit){let start=runStart(text,hit),end=runEnd(text,hit),wrapped=!1,segStart=start;for(;WRAP_WIDTHS.has(end-segStart);){let j=end;if(codeAt(text,j)===13&&j++,codeAt(text,j)!==10)break;for(j++;j<text.length&&isBlank(codeAt(text,j));)j++;if(!isB64(codeAt(text,j)))break;segStart=j,end=runEnd(text,j),wrapped=!0}for(;;){let k=start-1;for(;k>=0&&isBlank(codeAt(text,k));)k--;if(k<0||codeAt(text,k)!==10)break;k--,k>=0&&codeAt(text,k)===13&&k--;let segEnd=k+1,s=runStart(text,segEnd);if(!WRAP_WIDTHS.has(segEnd-s))break;start=s,wrapped=!0}return{start,end,wrapped}}var B64_VALUE=new Int8Array(256).fill(-1);for(let v=0;v<64;v++)B64_VALUE["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(v)]=v;B64_VALUE[45]=62;B64_VALUE[95]=63;function someLongRun(h,visit){let n=h.length,start=0;if(typeof h=="string")for(;start+MIN_RUN<=n;){let j=start+MIN_RUN-1;for(;j>=start;){let c=h.charCodeAt(j);if(c>255||B64_VALUE[c]<0)break;j--}if(j>=start){start=j+1;continue}let run=expandRun(h,start);if(visit(run.start,run.end,run.wrapped))return!0;start=Math.max(run.end,start+MIN_RUN)+1}else for(;start+MIN_RUN<=n;){let j=start+MIN_RUN-1;for(;j>=start&&B64_VALUE[h[j]]>=0;)j--;if(j>=start){start=j+1;continue}let end=start+MIN_RUN;for(;end<n&&B64_VALUE[h[end]]>=0;)end++;let next=visitLongRun(h,start,end,visit);if(next<0)return!0;start=next+1}return!1}function visitLongRun(h,start,end,visit){let before=start>0?h[start-1]:10;if(WRAP_WIDTHS.has(end-start)||before===10||isBlank(before)){let run=expandRun(h,start);return visit(run.start,run.end,run.wrapped)?-1:Math.max(run.end,end)}return visit(start,end,!1)?-1:end}var MarkerTable=class{#bits=new Uint32Array(8192);#markers;constructor(markers){this.#markers=[...markers];for(let m of markers){let code=B64_VALUE[m.charCodeAt(0)]<<12|B64_VALUE[m.charCodeAt(1)]<<6|B64_VALUE[m.charCodeAt(2)];this.#bits[code>>>5]|=1<<(code&31)}}get size(){return this.#markers.length}get bitmap(){return this.#bits}within(h,start,end){return typeof h=="string"?this.#withinText(h,start,end):this.#withinBytes(h,start,end)}#withinText(h,start,end){let bits=this.#bits,code=0,valid=0;for(let i=start;i<end;i++){let c=h.charCodeAt(i),v=c>255?-1:B64_VALUE[c];if(v<0){isWrapSpace(c)||(valid=0);continue}if(code=(code<<6|v)&262143,++valid>=3&&(bits[code>>>5]&1<<(code&31))!==0&&this.#full(h,markerStart(h,i),end))return!0}return!1}#withinBytes(h,start,end){let bits=this.#bits,code=0,valid=0;for(let i=start;i<end;i++){let c=h[i],v=B64_VALUE[c];if(v<0){isWrapSpace(c)||(valid=0);continue}if(code=(code<<6|v)&262143,++valid>=3&&(bits[code>>>5]&1<<(code&31))!==0&&this.#full(h,markerStart(h,i),end))return!0}return!1}#full(h,at,end){outer:for(let m of this.#markers){let i=at;for(let k=0;k<m.length;k++,i++){let c=i<end?typeof h=="string"?h.charCodeAt(i):h[i]:-1;for(;k>0&&isWrapSpace(c)&&i+1<end;)c=typeof h=="string"?h.charCodeAt(++i):h[++i];if(c<0||c>255||B64_VALUE[c]!==B64_VALUE[m.charCodeAt(k)])continue outer}return!0}return!1}};function markerStart(h,i){let p=i;for(let k=0;k<2;k++)for(p--;isWrapSpace(codeAt(h,p));)p--;return p}function someMarkedRunDecodes(h,markers,test){return someLongRun(h,markedRunVisitor(h,markers,test))}function markedRunVisitor(h,markers,test){return(start,end,wrapped)=>{if(!markers.within(h,start,end))return!1;let raw=typeof h=="string"?h.slice(start,end):h.toString("latin1",start,end),run=wrapped?raw.replace(/\\s+/g,""):raw;if(run.length<MIN_RUN)return!1;for(let from=0;;from+=CHUNK-OVERLAP){let to=Math.min(run.length,from+CHUNK);if(test(decode(run,from,to)))return!0;if(to===run.length)return!1}}}function decodeBase64Runs(text,markers){let out=[],table=markers instanceof MarkerTable?markers:new MarkerTable(markers);return someLongRun(text,(start,end,wrapped)=>{if(!table.within(text,start,end))return!1;let run=wrapped?text.slice(start,end).replace(/\\s+/g,""):text.slice(start,end);if(run.length>=MIN_RUN)for(let from=0;;from+=CHUNK-OVERLAP){let to=Math.min(run.length,from+CHUNK);if(out.push({runStart:start,runEnd:end,decoded:decode(run,from,to)}),to===run.length)break}return!1}),out}var DOUBLE_ENCODED_HINTS=[".dockerconfigjson",".dockercfg"];function decodeHintedRuns(text,hints=DOUBLE_ENCODED_HINTS){let out=[],common=hints[0]??"";for(let h of hints)for(;!h.startsWith(common);)common=common.slice(0,-1);if(common.length===0)return out;let needle=planNeedle(common);for(let i=findNeedle(text,needle);i!==-1;i=findNeedle(text,needle,i+1))for(let hint of hints){if(!text.startsWith(hint,i))continue;let start=i+hint.length,limit=Math.min(text.length,start+8);for(;start<limit&&!isB64(codeAt(text,start));)start++;let end=start;for(;end<text.length&&end-start<65536&&isB64(codeAt(text,end));)end++;end-start>=MIN_RUN&&out.push({runStart:start,runEnd:end,decoded:decode(text,start,end)})}return out}function decode(text,start,end){let len=end-start&-4,s=text.slice(start,start+len);return end-start-len>=2&&(s=text.slice(start,end)+"=".repeat(4-(end-start-len))),Buffer.from(s,"base64").toString("latin1")}var PROVIDER_HINTS={openai:["openai"],anthropic:["anthropic","claude"],deepseek:["deepseek"],dashscope:["dashscope","qwen","aliyun","bailian","tongyi"],moonshot:["moonshot","kimi"],siliconflow:["siliconflow","silicon_flow","siliconcloud"],openrouter:["openrouter"],litellm:["litellm","lite_llm"]},CONTEXT_RADIUS=200;function nearbyProviders(text,start,end,providers=Object.keys(PROVIDER_HINTS),radius=CONTEXT_RADIUS){let from=Math.max(0,start-radius),window=text.slice(from,Math.min(text.length,end+radius)).toLowerCase(),keyStart=start-from,keyEnd=end-from,found=[];for(let provider of providers){let best=Number.POSITIVE_INFINITY;for(let word of PROVIDER_HINTS[provider]??[provider])for(let i=window.indexOf(word);i!==-1;i=window.indexOf(word,i+1)){if(i>=keyStart&&i<keyEnd)continue;let d=i<keyStart?keyStart-(i+word.length):i-keyEnd;d<best&&(best=d)}best!==Number.POSITIVE_INFINITY&&found.push({provider,distance:best})}return found.sort((a,b)=>a.distance-b.distance).map(f=>f.provider)}function rankCandidates(candidates,text,start,end){if(candidates.length<2)return[...candidates];let near=nearbyProviders(text,start,end,candidates);return[...near,...candidates.filter(c=>!near.includes(c))]}var ID=/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;function findNestedQuantifier(source){let stack=[],i=0,quantifierAt=j=>{let c=source[j];if(c==="*"||c==="+")return{repeats:!0,variable:!0,length:1};if(c==="?")return{repeats:!1,variable:!1,length:1};if(c==="{"){let m=/^\\{(\\d+)(,(\\d*))?\\}/.exec(source.slice(j));if(!m)return;let min=Number(m[1]),max=m[2]===void 0?min:m[3]===""?Number.POSITIVE_INFINITY:Number(m[3]);return{repeats:max>1,variable:max>1&&max!==min,length:m[0].length}}};for(;i<source.length;){let c=source[i];if(c==="\\\\"){i+=2;continue}if(c==="["){for(i++;i<source.length&&source[i]!=="]";)i+=source[i]==="\\\\"?2:1;i++;continue}if(c==="("){stack.push({start:i,repeats:!1}),i++;continue}if(c===")"){let group=stack.pop();i++;let q2=quantifierAt(i);if(group&&q2?.repeats&&group.repeats)return source.slice(group.start,i+q2.length);let parent=stack[stack.length-1];parent&&(group?.repeats||q2?.variable)&&(parent.repeats=!0);continue}let q=quantifierAt(i);if(q){let top=stack[stack.length-1];top&&q.variable&&(top.repeats=!0),i+=q.length;continue}i++}}function compileCustomRule(spec){let id=spec?.id;if(typeof id!="string"||!ID.test(id))throw new Error(`custom rule id ${JSON.stringify(id)} is invalid: expected letters, digits, \'.\', \'_\' or \'-\' (at most 64)`);if(typeof spec.regex!="string"||spec.regex.length===0)throw new Error(`custom rule "${id}": regex must be a non-empty string`);let regex;try{regex=new RegExp(spec.regex,"g")}catch(e){throw new Error(`custom rule "${id}": invalid regex: ${e.message}`)}let nested=findNestedQuantifier(spec.regex);if(nested)throw new Error(`custom rule "${id}": unsafe regex: nested quantifier ${JSON.stringify(nested)} can take exponential time; use a single bounded repetition such as [A-Za-z0-9]{32,64}`);if(new RegExp(`^(?:${spec.regex})$`).test(""))throw new Error(`custom rule "${id}": regex matches the empty string`);if(spec.entropy!==void 0&&(typeof spec.entropy!="number"||!(spec.entropy>=0)))throw new Error(`custom rule "${id}": entropy must be a number of bits per character, e.g. 3.5`);let keywords=spec.keywords??[];if(!Array.isArray(keywords)||keywords.some(k=>typeof k!="string"||k.length===0))throw new Error(`custom rule "${id}": keywords must be a list of non-empty strings`);let provider=spec.provider??"custom";return{id,provider,candidates:spec.provider?[spec.provider]:[],description:spec.description??`Custom rule ${id}`,keywords:keywords.map(k=>k.toLowerCase()),regex,group:/\\(\\?<key>/.test(spec.regex)?"key":0,entropyFloor:spec.entropy,prefixLength:0,custom:!0,sample:()=>{throw new Error(`custom rule "${id}" has no sample generator`)}}}var PLACEHOLDER_SUBSTRINGS=["xxxx","****","....","your","example","sample","placeholder","redacted","dummy","replace","insert","apikey","api_key","api-key","secretkey","secret_key","secret-key","changeme","secret","password","token","invalid","qwerty","asdfgh","lorem","foobar"],PLACEHOLDER_SEGMENTS=new Set(["test","tests","demo","fake","mock","here","key","keys","xxx","todo","null","sample","example","your","abc","xyz","foo","bar"]),WORDISH=/^(?:[a-z]+|[A-Z][a-z]+|[A-Z]+|[a-z]+[0-9]{1,3}|[0-9]{1,4}|v[0-9]{1,3}|[0-9]{1,2}[a-z]{1,2})$/,variants=w=>[w,w.toUpperCase(),w[0].toUpperCase()+w.slice(1)],escapeRegex=w=>w.replace(/[.*+?^${}()|[\\]\\\\-]/g,"\\\\$&"),PLACEHOLDER_RE=new RegExp([...PLACEHOLDER_SUBSTRINGS.filter(w=>w.length>4).flatMap(variants).map(escapeRegex),...PLACEHOLDER_SUBSTRINGS.filter(w=>w.length<=4).flatMap(variants).map(w=>`(?:^|[-_])${escapeRegex(w)}|${escapeRegex(w)}(?:$|[-_])`)].join("|"));function hasPlaceholderText(body2){if(PLACEHOLDER_RE.test(body2))return!0;if(!body2.includes("-")&&!body2.includes("_"))return!1;let segments=body2.split(/[-_]/).map(s=>/^(?:[a-z]+|[A-Z]+|[A-Z][a-z]+)$/.test(s)?s.toLowerCase():s);if(segments.length>1&&PLACEHOLDER_SEGMENTS.has(segments[0]))return!0;for(let seg of segments)if(seg==="here"||seg==="your"||seg==="xxx")return!0;return!1}function looksLikeIdentifier(body2){let segments=body2.split(/[-_]+/).filter(s=>s.length>0);if(segments.length>=2){let long=segments.filter(s=>s.length>=3),words=long.filter(s=>WORDISH.test(s)).length;if(long.length>0&&(words===long.length||segments.length>=3&&words>=.75*long.length))return!0}return!!(/^(?:[a-z]+|[A-Z]+)[0-9]+$/.test(body2)||/^[0-9]+(?:[a-z]+|[A-Z]+)$/.test(body2))}function hasRun(body2,length=6){let same=1,up=1,down=1;for(let i=1;i<body2.length;i++){let d=body2.charCodeAt(i)-body2.charCodeAt(i-1);if(same=d===0?same+1:1,up=d===1?up+1:1,down=d===-1?down+1:1,same>=length||up>=length||down>=length)return!0}return hasInterleavedRun(body2,length)}function hasInterleavedRun(body2,length){let run=[1,1];for(let i=2;i<body2.length;i++){let d=body2.charCodeAt(i)-body2.charCodeAt(i-2);if(run[i&1]=d===1?run[i&1]+1:1,run[i&1]>=length)return!0}return!1}function isMostlySequential(body2){if(body2.length<12)return!1;let steps=0;for(let i=1;i<body2.length;i++){let d=body2.charCodeAt(i)-body2.charCodeAt(i-1);(d===1||d===-1)&&steps++}return steps>=.4*(body2.length-1)}function isPeriodic(body2){for(let p=1;p<=16&&p*2<=body2.length;p++){let i=p;for(;i<body2.length&&body2.charCodeAt(i)===body2.charCodeAt(i-p);)i++;if(i===body2.length)return!0}return!1}function isPlaceholderBody(body2){return hasRun(body2)||isPeriodic(body2)||isMostlySequential(body2)||hasPlaceholderText(body2)||looksLikeIdentifier(body2)}function isFollowedByMask(text,end){let c=text.charCodeAt(end);if(c===8230)return!0;if(c===46||c===42){let next=text.slice(end,end+3);return next==="..."||next==="***"}return!1}var import_node_os=require("node:os");var PREFILTER_WASM="AGFzbQEAAAABEgNgAAF/YAJ/fwF/YAN/f38BfwMGBQABAgECBQMBAAIGBgF/AUEACwc0BQZtZW1vcnkCAAZydW5FbmQAAAhmaW5kUGFpcgABB25leHRSdW4AAwljb3VudEJ5dGUABAqfBgUEACMAC6cCAgN/CHtBgIIC/QAEACEIQZCCAv0ABAAhCUGgggL9AAQAIQpBsIIC/QAEACEL/QwPDw8PDw8PDw8PDw8PDw8PIQwgACECAkADQCACQRFqIAFLDQEgAv0ABAAhBSAC/QAEASEGIAggBSAM/U79DiAJIAVBBP2NASAM/U79Dv1OIAogBiAM/U79DiALIAZBBP2NASAM/U79Dv1O/U4hByAH/VMEQCACIAf9DAAAAAAAAAAAAAAAAAAAAAD9JP1kaGoPCyACQRBqIQIMAAsLAkADQCACQQFqIAFPDQEgAi0AACEDIAItAAEhBCADQQ9xLQCAggIgA0EEdi0AkIICcSAEQQ9xLQCgggIgBEEEdi0AsIICcXEEQCACDwsgAkEBaiECDAALC0F/C5UBAQR/IAEgAGshAyADQcAARiADQcwARnIgASACSXEEQCABLQAAIQQgBEEKRiAEQQ1GcgRAQQEPCwsgACEGQQAhBQJAA0AgBiABTw0BIAVBBnQgBi0AAC0AgIACckH//w9xIQUgBiAAQQJqTwRAIAVBBXZBAnQoAgAgBUEfcXZBAXEEQEEBDwsLIAZBAWohBgwACwtBAAvxAQIDfwR7QcCCAv0ABAAhBkHQggL9AAQAIQf9DA8PDw8PDw8PDw8PDw8PDw8hCCAAIQICQANAIAJBEGogAUsNASAC/QAEACEFIAYgBSAI/U79DiAHIAVBBP2NASAI/U79Dv1O/WMEQCACIQMCQANAIAMgAE0NASADQQFrLQAALQCAgAJB/wFGDQEgA0EBayEDDAALCyACQRBqIQQCQANAIAQgAU8NASAELQAALQCAgAJB/wFGDQEgBEEBaiEEDAALCyAEIANrQSBPBEAgAyAEIAEQAgRAIAQkACADDwsLIAQhAgUgAkEQaiECCwwACwtBfwtlAgJ/AXsgACEDIAL9DyEFAkADQCADQRBqIAFLDQEgBCAD/QAEACAF/SP9ZGlqIQQgA0EQaiEDDAALCwJAA0AgAyABTw0BIAMtAAAgAkYEQCAEQQFqIQQLIANBAWohAwwACwsgBAs=";var BITMAP_AT=0,BITMAP_WORDS=8192,VALUES_AT=32768,PAIRS_AT=33024,CLASS_AT=33088,DATA_AT=65536,SLACK=16,COPY_CAP=1<<20,READ_AT=DATA_AT+COPY_CAP+SLACK,INITIAL_READ_CAP=(2<<20)+8192,PAGE=65536;function base64Values(){let v=new Uint8Array(256).fill(255),alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";for(let i=0;i<64;i++)v[alphabet.charCodeAt(i)]=i;return v[45]=62,v[95]=63,v}function classTables(inClass){let out=new Uint8Array(32),bits=new Map;for(let hi=0;hi<16;hi++){let lows=[];for(let lo=0;lo<16;lo++)inClass(hi<<4|lo)&&lows.push(lo);if(!lows.length)continue;let key=lows.join(",");bits.has(key)||bits.set(key,1<<bits.size);let bit=bits.get(key);if(bit>128)throw new Error("byte class needs more than 8 nibble sets");out[16+hi]|=bit;for(let lo of lows)out[lo]|=bit}return out}function pairTables(pairs){let out=new Uint8Array(64);return pairs.forEach((p,k)=>{let bit=1<<k%8;out[p.first&15]|=bit,out[16+(p.first>>4)]|=bit,out[32+(p.second&15)]|=bit,out[48+(p.second>>4)]|=bit}),out}var Engine=class{#x;#readCap=INITIAL_READ_CAP;#bytes;#readView;#loaded;constructor(x){this.#x=x;let needed=READ_AT+INITIAL_READ_CAP+SLACK,have=x.memory.buffer.byteLength;needed>have&&x.memory.grow(Math.ceil((needed-have)/PAGE)),this.#bytes=new Uint8Array(x.memory.buffer);let values=base64Values();this.#bytes.set(values,VALUES_AT),this.#bytes.set(classTables(b=>values[b]!==255),CLASS_AT)}#refresh(){this.#bytes.buffer!==this.#x.memory.buffer&&(this.#bytes=new Uint8Array(this.#x.memory.buffer),this.#readView=void 0)}readArea(size){if(size>this.#readCap){let cap=Math.max(size,this.#readCap*2),needed=READ_AT+cap+SLACK,have=this.#x.memory.buffer.byteLength;try{needed>have&&this.#x.memory.grow(Math.ceil((needed-have)/PAGE))}catch{return}this.#readCap=cap}return this.#refresh(),this.#readView??=Buffer.from(this.#x.memory.buffer,READ_AT,this.#readCap),this.#readView}#place(buf){return this.#refresh(),buf.buffer===this.#x.memory.buffer&&buf.byteOffset>=DATA_AT&&buf.byteOffset+buf.length+SLACK<=this.#bytes.length?buf.byteOffset:buf.length>COPY_CAP?-1:(this.#bytes.set(buf,DATA_AT),DATA_AT)}#load(plan){this.#loaded!==plan&&(new Uint32Array(this.#x.memory.buffer,BITMAP_AT,BITMAP_WORDS).set(plan.bitmap),this.#bytes.set(plan.pairTables,PAIRS_AT),this.#loaded=plan)}screen(plan,buf,hit){let at=this.#place(buf);if(at<0)return;this.#load(plan);let end=at+buf.length,x=this.#x;for(let p=x.findPair(at,end);p!==-1;p=x.findPair(p+1,end)){let pos=p-at,pair=plan.byPair.get(buf[pos]<<8|buf[pos+1]);if(pair)for(let n of pair.needles){let start=pos-n.at;if(!(start<0||start+n.text.length>buf.length)&&bytesEqual2(buf,start,n.text)&&hit(n.index,start))return"keyword"}}return plan.bitmapEmpty||x.nextRun(at,end)===-1?"nothing":"base64-run"}someRun(plan,buf,visit){if(plan.bitmapEmpty)return!1;let at=this.#place(buf);if(at<0)return;this.#load(plan);let end=at+buf.length,x=this.#x;for(let s=x.nextRun(at,end);s!==-1;s=x.nextRun(s,end)){let e=x.runEnd();if(visit(s-at,e-at))return!0;s=e}return!1}count(buf,start,end,byte){if(buf.buffer!==this.#x.memory.buffer||buf.byteOffset<DATA_AT)return-1;let at=buf.byteOffset;return at+end+SLACK>this.#x.memory.buffer.byteLength?-1:this.#x.countByte(at+start,at+end,byte)}};function bytesEqual2(buf,start,text){for(let i=0;i<text.length;i++)if(buf[start+i]!==text.charCodeAt(i))return!1;return!0}var engine;function threadEngine(){if(engine===void 0){engine=null;let wasm=globalThis.WebAssembly;if(process.env.KEYGUARD_NO_WASM!=="1"&&wasm&&(0,import_node_os.endianness)()==="LE")try{let mod=new wasm.Module(Buffer.from(PREFILTER_WASM,"base64"));engine=new Engine(new wasm.Instance(mod).exports)}catch{engine=null}}return engine??void 0}function wasmReadArea(size){return threadEngine()?.readArea(size)}function wasmCountByte(buf,start,end,byte){let n=threadEngine()?.count(buf,start,end,byte)??-1;return n<0?void 0:n}var BytePlan=class _BytePlan{pairs;byPair;pairTables;bitmap;bitmapEmpty;constructor(pairs,bitmap){this.pairs=pairs,this.byPair=new Map(pairs.map(p=>[p.first<<8|p.second,p])),this.pairTables=pairTables(pairs),this.bitmap=bitmap,this.bitmapEmpty=bitmap.every(w=>w===0)}static build(needles,bitmap){if(!threadEngine()||bitmap.length!==BITMAP_WORDS)return;let byPair=new Map;for(let index=0;index<needles.length;index++){let text=needles[index];if(text.length===0)continue;if(text.length<2)return;let at=0,best=Number.POSITIVE_INFINITY;for(let j=0;j+1<text.length;j++){let score=rank(text.charCodeAt(j))+rank(text.charCodeAt(j+1));score<best&&(best=score,at=j)}let first=text.charCodeAt(at)&255,second=text.charCodeAt(at+1)&255,key=first<<8|second,pair=byPair.get(key);pair||(pair={first,second,needles:[]},byPair.set(key,pair)),pair.needles.push({text,at,index})}return new _BytePlan([...byPair.values()],bitmap)}screen(buf,hit){return threadEngine()?.screen(this,buf,hit)}someRun(buf,visit){return threadEngine()?.someRun(this,buf,visit)}};var INLINE_ALLOW="keyguard:allow",MAX_BASE64_DEPTH=2,GENERIC_LAST=/^generic-/,MAX_BINARY_TAIL=2,NO_OPTIONS={};function knownLengths(rule){return rule.lengths?[...rule.lengths]:rule.minLength!==void 0&&rule.minLength===rule.maxLength?[rule.minLength]:[]}function lengthPrefix(text,p){if(p<1)return-1;let c=text.charCodeAt(p-1);if(c<32||c>126)return-1;if(p===1)return c;let b=text.charCodeAt(p-2);return b===10||b===90||b===122||b<32||b>126?c:-1}function alphabetTable(cls){let table=new Uint8Array(128),re=new RegExp(`[${cls}]`);for(let c=0;c<128;c++)re.test(String.fromCharCode(c))&&(table[c]=1);return table}function isHex(c){return c>=48&&c<=57||c>=65&&c<=70||c>=97&&c<=102}function ansiBefore(at,p){let last=at(p-1);if(last!==109&&last!==75)return!1;let j=p-2,stop=Math.max(0,p-20);for(;j>=stop;){let c=at(j);if(c>=48&&c<=57||c===59)j--;else break}return j>=1&&at(j)===91&&at(j-1)===27}var SECRET_NAME_ENDINGS=["key","token","secret","password","passwd","credential","credentials"],SECRET_NAME_LAST=new Uint8Array(128);for(let e of SECRET_NAME_ENDINGS)SECRET_NAME_LAST[e.charCodeAt(e.length-1)]=1;function secretNameBefore(at,p){if(p<3)return!1;let lower=c=>c>=65&&c<=90?c|32:c,last=lower(at(p-1));return last>=128||SECRET_NAME_LAST[last]===0?!1:SECRET_NAME_ENDINGS.some(e=>{if(p<e.length)return!1;for(let j=0;j<e.length;j++)if(lower(at(p-e.length+j))!==e.charCodeAt(j))return!1;return!0})}function boundaryBefore(text,p,alphabet){if(p===0)return!0;let c=text.charCodeAt(p-1);if(c>=128||alphabet[c]===0||(c===110||c===116||c===114)&&p>=2&&text.charCodeAt(p-2)===92||p>=3&&ansiBefore(i=>text.charCodeAt(i),p))return!0;if(!isHex(c)||p<3||!isHex(text.charCodeAt(p-2)))return!1;let b=text.charCodeAt(p-3);return b===37||(b===120||b===88)&&p>=4&&text.charCodeAt(p-4)===92?!0:p>=6&&text.charCodeAt(p-6)===92&&text.charCodeAt(p-5)===117?isHex(text.charCodeAt(p-4))&&isHex(b):!1}function tokenLength(text,p,alphabet,max){let limit=Math.min(text.length,p+max+1),i=p;if(typeof text=="string")for(;i<limit;){let c=text.charCodeAt(i);if(c>=128||alphabet[c]===0)break;i++}else for(;i<limit;){let c=text[i];if(c>=128||alphabet[c]===0)break;i++}return i-p}function isFalseContext(r,text,start,end){let from=text.lastIndexOf(`\n`,start)+1;from=Math.max(from,start-120);let to=text.indexOf(`\n`,end);(to===-1||to>end+120)&&(to=Math.min(text.length,end+120));let line=text.slice(from,start)+text.slice(end,to);return r.falseContext.test(line)&&!r.unlessContext?.test(line)}function commonPrefix(words){let common=words[0]??"";for(let w of words)for(;!w.startsWith(common);)common=common.slice(0,-1);return common}function outerWindow(o){return o.text.slice(Math.max(0,o.start-200),Math.min(o.text.length,o.end+200))}function compileAllow(source){try{return new RegExp(source)}catch(e){throw new Error(`allow regex ${JSON.stringify(source)} is invalid: ${e.message}`)}}var Detector=class{rules;#groups=[];#free=[];#markers;#anchors;#plan;#allow;#stopwords;#decodeBase64;constructor(opts={}){let disabled=new Set(opts.disabledRules??[]),enabled=new Set(opts.enableRules??[]),base=opts.rules??[...builtinRules(),...optionalRules().filter(r=>enabled.has(r.id))],custom=(opts.customRules??[]).map(compileCustomRule),ordered=[...base.filter(r=>!GENERIC_LAST.test(r.id)),...custom,...base.filter(r=>GENERIC_LAST.test(r.id))].filter(r=>!disabled.has(r.id));this.rules=ordered;let anchoredKeywords=new Set;for(let r of ordered)if(r.anchored)for(let k of r.keywords)anchoredKeywords.add(k);let parentOf=k=>{let best=k;for(let other of anchoredKeywords)k.startsWith(other)&&other.length<best.length&&(best=other);return best},groups=new Map;ordered.forEach((rule,priority)=>{if(rule.anchored){let compiled={rule,priority,alphabetIndex:0,minLength:rule.minLength??0,maxLength:rule.maxLength??Number.POSITIVE_INFINITY,regex:new RegExp(rule.regex.source,`${rule.regex.flags.replace(/[gy]/g,"")}y`),lengths:knownLengths(rule)};for(let k of new Set(rule.keywords.map(parentOf))){let list=groups.get(k)??[];list.push(compiled),groups.set(k,list)}}else{let flags=`${rule.regex.flags.replace(/[gyd]/g,"")}g${rule.group?"d":""}`;this.#free.push({rule,priority,regex:new RegExp(rule.regex.source,flags),alphabetIndex:0,minLength:0,maxLength:Number.POSITIVE_INFINITY,lengths:[]})}});for(let[keyword,rules]of groups){let sources=[...new Set(rules.map(c=>c.rule.alphabet??"A-Za-z0-9_-"))];for(let c of rules)c.alphabetIndex=sources.indexOf(c.rule.alphabet??"A-Za-z0-9_-");let maxLength=Math.max(...rules.map(c=>c.maxLength)),minLength=Math.min(...rules.map(c=>c.minLength)),lengths=[...new Set(rules.flatMap(c=>c.lengths))].sort((a,b)=>b-a);this.#groups.push({keyword,needle:planNeedle(keyword),lengths,rules,alphabets:sources.map(alphabetTable),minLength,maxLength})}this.#decodeBase64=opts.decodeBase64??!0,this.#markers=new MarkerTable(this.#decodeBase64?base64Seeds(groups.keys()).flatMap(base64Markers):[]);let needles=[...this.#groups.map(g=>g.keyword),...this.#decodeBase64?[commonPrefix(DOUBLE_ENCODED_HINTS)]:[]];this.#anchors=new AnchorSet(needles),this.#plan=BytePlan.build(needles,this.#markers.bitmap),this.#allow=(opts.allowRegexes??[]).map(compileAllow),this.#stopwords=(opts.stopwords??[]).map(s=>s.toLowerCase()).filter(s=>s.length>0)}mightMatch(chunk){let groups=this.#groups,at=typeof chunk=="string"?i=>chunk.charCodeAt(i):i=>chunk[i],accept=(index,p)=>{let g=groups[index];if(!g)return!0;if(p>=2){let c=at(p-1),b=at(p-2);if(c>=32&&c<=126&&c!==110&&c!==116&&c!==114&&b>=32&&b<=126&&b!==90&&b!==122&&!(isHex(c)&&isHex(b))&&!ansiBefore(at,p)&&g.alphabets.every(t=>t[c]===1)&&!secretNameBefore(at,p))return!1}for(let table of g.alphabets)if(tokenLength(chunk,p,table,g.minLength)>=g.minLength)return!0;return!1},screen=typeof chunk=="string"?void 0:this.#plan?.screen(chunk,accept);if(screen==="keyword"||screen===void 0&&this.#anchors.some(chunk,accept))return!0;if(screen!=="nothing"&&this.#markers.size>0){let test=d=>this.mightMatch(d);if(screen==="base64-run"){let buf=chunk,visit=markedRunVisitor(buf,this.#markers,test),covered=0;if(this.#plan.someRun(buf,(s,e)=>{if(s<covered)return!1;let next=visitLongRun(buf,s,e,visit);return covered=next+1,next<0})??someMarkedRunDecodes(chunk,this.#markers,test))return!0}else if(someMarkedRunDecodes(chunk,this.#markers,test))return!0}if(this.#free.length===0)return!1;if(this.#free.some(c=>c.rule.keywords.length===0))return!0;let lower=(typeof chunk=="string"?chunk:chunk.toString("utf8")).toLowerCase();return this.#free.some(c=>c.rule.keywords.some(k=>lower.includes(k)))}base64Clear(chunk){return this.#decodeBase64?this.#plan?.someRun(chunk,()=>!0)===!1:!0}scan(text,firstLine=1,opts=NO_OPTIONS){let found=this.#find(text,!0,opts.binary===!0);if(this.#decodeBase64&&found.push(...this.#findBase64(text,1,void 0,opts.base64Clear===!0)),found.length===0)return[];found.sort((a,b)=>a.start-b.start||a.compiled.priority-b.compiled.priority);let allows=[];for(let i=text.indexOf(INLINE_ALLOW);i!==-1;i=text.indexOf(INLINE_ALLOW,i+1))allows.push(i);let allowIdx=0,line=firstLine,lineStart=0,nextNl=text.indexOf(`\n`),out=[];for(let m of found){for(;nextNl!==-1&&nextNl<m.start;)line++,lineStart=nextNl+1,nextNl=text.indexOf(`\n`,lineStart);let lineEnd=nextNl===-1?text.length:nextNl;for(;allowIdx<allows.length&&allows[allowIdx]<lineStart;)allowIdx++;let inlineAllowed=allowIdx<allows.length&&allows[allowIdx]<lineEnd,r=m.compiled.rule,d={ruleId:r.id,provider:m.provider,candidates:m.candidates,description:r.description,key:m.key,line,column:m.start-lineStart+1,inlineAllowed};m.encoding&&(d.encoding=m.encoding),out.push(d)}return out}#find(text,withFree,binary,outer){let out=[];for(let g of this.#groups){let tokenLengths=new Array(g.alphabets.length),p=findNeedle(text,g.needle);for(;p!==-1;){let next=p+1,longest=-1,boundary=!1;for(let a=0;a<g.alphabets.length;a++){let table=g.alphabets[a],ok=boundaryBefore(text,p,table);boundary||=ok,tokenLengths[a]=ok?tokenLength(text,p,table,g.maxLength):-1,tokenLengths[a]>longest&&(longest=tokenLengths[a])}let match;if(longest>=g.minLength)match=this.#atToken(g,text,p,tokenLengths,binary,outer);else if(!boundary){let length=this.#prefixedLength(g,text,p);if(length>0)match=this.#atLength(g,text,p,length,outer);else if(binary&&secretNameBefore(i=>text.charCodeAt(i),p)){for(let a=0;a<g.alphabets.length;a++)tokenLengths[a]=tokenLength(text,p,g.alphabets[a],g.maxLength);Math.max(...tokenLengths)>=g.minLength&&(match=this.#atToken(g,text,p,tokenLengths,binary,outer))}}match&&(out.push(match),next=match.end),p=findNeedle(text,g.needle,next)}}if(withFree&&this.#free.length>0){let lower;for(let c of this.#free){if(c.rule.keywords.length>0){lower??=text.toLowerCase();let l=lower;if(!c.rule.keywords.some(k=>l.includes(k)))continue}c.regex.lastIndex=0;for(let m=c.regex.exec(text);m!==null;m=c.regex.exec(text)){m[0].length===0&&c.regex.lastIndex++;let start=m.index,key=m[0];if(c.rule.group!==void 0&&c.rule.group!==0){let span=c.rule.group==="key"?m.indices?.groups?.key:m.indices?.[c.rule.group];if(!span)continue;[start]=span,key=text.slice(span[0],span[1])}if(key.length===0)continue;let match=this.#accept(c,key,text,start,start+key.length,outer);match&&out.push(match)}}}if(this.#groups.length+(withFree?this.#free.length:0)<2)return out;out.sort((a,b)=>a.start-b.start||a.compiled.priority-b.compiled.priority);let kept=[];for(let m of out){let last=kept[kept.length-1];last&&m.start<last.end?m.compiled.priority<last.compiled.priority&&(kept[kept.length-1]=m):kept.push(m)}return kept}#atToken(g,text,p,tokenLengths,binary,outer){let prefixed=binary?this.#prefixedLength(g,text,p):-1;if(prefixed>0&&prefixed<Math.max(...tokenLengths)){let m=this.#atLength(g,text,p,prefixed,outer);if(m)return m}if(binary){let longest=Math.max(...tokenLengths);for(let length of g.lengths){if(length>=longest||length<longest-MAX_BINARY_TAIL)continue;let m=this.#atLength(g,text,p,length,outer,!0);if(m)return m}}for(let c of g.rules){let length=tokenLengths[c.alphabetIndex];if(length<c.minLength||length>c.maxLength)continue;c.regex.lastIndex=p;let m=c.regex.exec(text);if(!m)continue;let match=this.#accept(c,m[0],text,p,p+m[0].length,outer);if(match)return match;if((c.rule.prefixLength??0)>g.keyword.length)return}}#prefixedLength(g,text,p){let length=lengthPrefix(text,p);if(length<g.minLength||length>g.maxLength)return-1;let token=0;for(let table of g.alphabets)token=Math.max(token,tokenLength(text,p,table,length+MAX_BINARY_TAIL));return token<length?-1:token-length<=MAX_BINARY_TAIL?length:-1}#atLength(g,text,p,length,outer,ownedOnly=!1){let cut=text.slice(0,p+length);if(!(ownedOnly&&!g.rules.some(c=>c.lengths.includes(length)?(c.regex.lastIndex=p,c.regex.exec(cut)?.[0].length===length):!1)))for(let c of g.rules){if(length<c.minLength||length>c.maxLength||tokenLength(cut,p,g.alphabets[c.alphabetIndex],length)!==length)continue;c.regex.lastIndex=p;let m=c.regex.exec(cut);if(!m||m[0].length!==length)continue;let match=this.#accept(c,m[0],text,p,p+length,outer);if(match)return match}}#accept(c,key,text,start,end,outer){let r=c.rule;if(r.requiresContext){let around=text.slice(Math.max(0,start-200),Math.min(text.length,end+200));if(!r.requiresContext.test(around)&&!(outer&&r.requiresContext.test(outerWindow(outer))))return}if(r.falseContext&&isFalseContext(r,text,start,end))return;let body2=key.slice(r.prefixLength??0);if((!r.custom&&!r.skipIdentifierFilter?isPlaceholderBody(body2):hasRun(body2)||isPeriodic(body2)||isMostlySequential(body2)||hasPlaceholderText(body2))||r.entropyFloor!==void 0&&shannonEntropy(body2)<r.entropyFloor||r.validate&&!r.validate(key)||isFollowedByMask(text,end))return;if(this.#stopwords.length>0){let lower=key.toLowerCase();if(this.#stopwords.some(s=>lower.includes(s)))return}if(this.#allow.some(a=>a.test(key)))return;let candidates=rankCandidates(r.candidates,text,start,end);if(candidates.length===0&&r.contextCandidates&&(candidates=nearbyProviders(text,start,end,r.contextCandidates)),outer&&candidates.length!==1){let pool=r.candidates.length>0?r.candidates:r.contextCandidates??[];if(nearbyProviders(text,start,end,pool).length===0){let near=nearbyProviders(outer.text,outer.start,outer.end,pool);near.length>0&&(candidates=r.candidates.length>0?[...near,...r.candidates.filter(x=>!near.includes(x))]:near)}}let provider=candidates.length>1?candidates.join("|"):r.candidates.length?r.provider:candidates[0]??r.provider;return{start,end,key,compiled:c,provider,candidates}}#findBase64(text,depth,outer,runsClear=!1){let out=[],seen=new Set,segments=runsClear?[]:decodeBase64Runs(text,this.#markers);depth===1&&segments.push(...decodeHintedRuns(text));for(let seg of segments){let around=outer??{text,start:seg.runStart,end:seg.runEnd},inner=this.#find(seg.decoded,!1,!1,around);depth<MAX_BASE64_DEPTH&&inner.push(...this.#findBase64(seg.decoded,depth+1,around));for(let m of inner){let id=`${seg.runStart}:${m.key}`;seen.has(id)||(seen.add(id),out.push({...m,start:seg.runStart,end:seg.runEnd,encoding:"base64"}))}}return out}};var import_node_buffer=require("node:buffer"),import_node_fs=require("node:fs");var EMPTY=Buffer.alloc(0);function resolved(o){let chunkSize=Math.max(64,o.chunkSize??1048576),overlap=o.overlap??4096,context=o.context??256;return{chunkSize,maxCarry:Math.max(o.maxCarry??chunkSize,overlap+context+1),overlap,context,minRun:o.minRun??20}}function charBoundary(buf,i){let j=Math.max(0,Math.min(i,buf.length));for(;j>0&&j<buf.length&&(buf[j]&192)===128;)j--;return j}function utf16Length(buf,start,end){if(end-start>=64&&(0,import_node_buffer.isAscii)(buf.subarray(start,end)))return end-start;let n=0;for(let i=start;i<end;i++){let b=buf[i];(b&192)!==128&&(n+=b>=240?2:1)}return n}function countNewlines(buf,start,end){let counted=end>start?wasmCountByte(buf,start,end,10):0;if(counted!==void 0)return{count:counted,last:counted>0?buf.lastIndexOf(10,end-1):-1};let count=0,last=-1,i=buf.indexOf(10,start);for(;i>=0&&i<end;)count++,last=i,i=buf.indexOf(10,i+1);return{count,last}}function isPrintable(b){return b>=32&&b<=126||b===9}function printableRuns(buf,start,end,minRun){let runs=[],span=Math.max(1,minRun),i=start;for(;i+span<=end;){let probe=i+span-1;if(!isPrintable(buf[probe])){i=probe+1;continue}let s=probe;for(;s>i&&isPrintable(buf[s-1]);)s--;let e=probe+1;for(;e<end&&isPrintable(buf[e]);)e++;e-s>=minRun&&runs.push([s,e]),i=e+1}return runs}var StreamSearch=class{keys=[];binary=!1;bytes=0;#det;#o;#carry=EMPTY;#skip=0;#line=1;#col=0;constructor(det,opts={}){this.#det=det,this.#o=resolved(opts)}push(chunk){this.bytes+=chunk.length,this.#carry.length?this.#window(Buffer.concat([this.#carry,chunk]),!1):this.#window(chunk,!0)}get carry(){return this.#carry}pushJoined(win){this.bytes+=win.length-this.#carry.length,this.#window(win,!0)}#window(win,volatile){let nl=win.lastIndexOf(10);if(nl>=0&&win.length-(nl+1)<=this.#o.maxCarry){this.#search(win,nl+1,nl+1,nl+1);return}if(win.length<=this.#o.maxCarry+this.#o.overlap+this.#o.context){this.#carry=volatile?Buffer.from(win):win;return}let cut=charBoundary(win,win.length-this.#o.overlap),carryStart=charBoundary(win,cut-this.#o.context);this.#search(win,win.length,cut,carryStart)}pushLast(buf,prefiltered=!1){this.bytes+=buf.length;let joined=this.#carry.length>0,win=joined?Buffer.concat([this.#carry,buf]):buf;win.length&&this.#search(win,win.length,win.length,win.length,!0,prefiltered&&!joined),this.#carry=EMPTY}end(){let win=this.#carry;win.length&&this.#search(win,win.length,win.length,win.length,!0),this.#carry=EMPTY}#search(win,scanEnd,reportEnd,carryStart,last=!1,prefiltered=!1){let region=win.subarray(0,scanEnd);if((prefiltered||this.#det.mightMatch(region))&&(region.indexOf(0)>=0?(this.binary=!0,this.#searchBinary(win,scanEnd,reportEnd)):this.#searchText(region,reportEnd,this.#det.base64Clear?.(region)===!0)),last)return;let nl=countNewlines(win,0,carryStart);nl.count>0?(this.#line+=nl.count,this.#col=utf16Length(win,nl.last+1,carryStart)):this.#col+=utf16Length(win,0,carryStart);let rest=win.subarray(carryStart);this.#carry=rest.length?Buffer.from(rest):EMPTY,this.#skip=Math.max(0,Math.max(reportEnd,this.#skip)-carryStart)}#place(key,relLine,relCol){this.keys.push({...key,line:this.#line+relLine-1,column:relLine===1?this.#col+relCol:relCol})}#searchText(region,reportEnd,base64Clear){let text=region.toString("utf8"),found=this.#det.scan(text,1,base64Clear?{base64Clear}:void 0);if(!found.length)return;let partial=this.#skip>0||reportEnd<region.length,lineStarts,skipChars=this.#skip>0?utf16Length(region,0,this.#skip):0,endChars=reportEnd<region.length?utf16Length(region,0,reportEnd):text.length;for(let k of found){if(partial){if(!lineStarts){lineStarts=[0];for(let i=text.indexOf(`\n`);i>=0;i=text.indexOf(`\n`,i+1))lineStarts.push(i+1)}let at=(lineStarts[k.line-1]??0)+k.column-1;if(at<skipChars||at>=endChars)continue}this.#place(k,k.line,k.column)}}#searchBinary(win,scanEnd,reportEnd){let runs=printableRuns(win,0,scanEnd,this.#o.minRun);if(!runs.length)return;let text=runs.map(([s,e])=>win.toString("latin1",s,e)).join(`\n`);for(let k of this.#det.scan(text,1,{binary:!0})){let run=runs[k.line-1];if(!run)continue;let at=run[0]+k.column-1;if(at<this.#skip||at>=reportEnd)continue;let{count,last}=countNewlines(win,0,at);this.#place(k,count+1,count>0?at-last:at+1)}}},OPEN_FLAGS=import_node_fs.constants.O_RDONLY|(import_node_fs.constants.O_NONBLOCK??0),NotRegularFile=class extends Error{code="ENOTREG";constructor(){super("not a regular file")}},FileTooLarge=class extends Error{constructor(size){super(`file is ${size} bytes`);this.size=size}size},ReadBuffer=class{#buf;get(size){let area=wasmReadArea(size);return area||((!this.#buf||this.#buf.length<size)&&(this.#buf=Buffer.allocUnsafe(Math.max(size,64*1024,(this.#buf?.length??0)*2))),this.#buf)}},shared=new ReadBuffer;function searchFileSync(path,det,opts={},scratch=shared){let o=resolved(opts),fd=(0,import_node_fs.openSync)(path,OPEN_FLAGS);try{let st=(0,import_node_fs.fstatSync)(fd);if(!st.isFile())throw new NotRegularFile;let size=st.size;if(opts.maxSize!==void 0&&size>opts.maxSize)throw new FileTooLarge(size);if(size<=o.chunkSize){let buf=scratch.get(size),n=0;for(;n<size;){let r=(0,import_node_fs.readSync)(fd,buf,n,size-n,n);if(r===0)break;n+=r}return searchBuffer(buf.subarray(0,n),det,o)}return streamFd(fd,det,o,scratch)}finally{(0,import_node_fs.closeSync)(fd)}}function streamFd(fd,det,o,scratch){let s=new StreamSearch(det,o),buf=scratch.get(o.chunkSize+o.maxCarry+o.overlap+o.context),pos=0;for(;;){let carry=s.carry;carry.copy(buf,0);let n=(0,import_node_fs.readSync)(fd,buf,carry.length,o.chunkSize,pos);if(n===0)break;pos+=n,s.pushJoined(buf.subarray(0,carry.length+n))}return s.end(),{keys:s.keys,bytes:s.bytes,binary:s.binary}}function searchBuffer(buf,det,opts={}){if(buf.length>=2&&(buf[0]===255&&buf[1]===254||buf[0]===254&&buf[1]===255))return searchUtf16(buf,det);if(!det.mightMatch(buf))return{keys:[],bytes:buf.length,binary:!1};let s=new StreamSearch(det,opts);return s.pushLast(buf,!0),{keys:s.keys,bytes:s.bytes,binary:s.binary}}function searchUtf16(buf,det){let body2=buf.subarray(2);buf[0]===254&&(body2=Buffer.from(body2),body2.swap16());let text=body2.toString("utf16le",0,body2.length-body2.length%2);return{keys:det.mightMatch(text)?det.scan(text,1):[],bytes:buf.length,binary:!1}}function errorText(err){let e=err;return e?.code?`${e.code}: ${e.message}`:String(err)}function scanTreeFileSync(abs,rel,det,opts={},scratch){let out={hits:[],warnings:[],suppressed:0,bytes:0,scanned:!1};try{let r=searchFileSync(abs,det,{...opts,maxSize:opts.maxFileSize},scratch);out.bytes=r.bytes,out.scanned=!0;for(let key of r.keys)key.inlineAllowed?out.suppressed++:out.hits.push({key,file:rel,source:"tree"})}catch(err){err instanceof FileTooLarge?out.warnings.push({file:rel,message:`skipped: ${err.size} bytes is over max-file-size ${opts.maxFileSize}`}):out.warnings.push({file:rel,message:`not readable (${errorText(err)})`})}return out}var TAG="keyguard-scan-worker";function runJob(job,det,tree){let counter=new Int32Array(job.counter),out={files:0,bytes:0,results:[]},scratch=new ReadBuffer,n=job.files.length;for(;;){let start=Atomics.add(counter,0,job.claim);if(start>=n)break;let end=Math.min(n,start+job.claim);for(let i=start;i<end;i++){let[abs,rel]=job.files[i],r=scanTreeFileSync(abs,rel,det,tree,scratch);out.bytes+=r.bytes,r.scanned&&out.files++,(r.hits.length||r.warnings.length||r.suppressed)&&out.results.push([i,r])}}return out}function isOurWorker(){return!import_node_worker_threads.isMainThread&&import_node_worker_threads.workerData?.tag===TAG}var started=!1,entryChecks=!1;function startWorkerLoop(){if(started||!import_node_worker_threads.parentPort)return;started=!0;let setup=import_node_worker_threads.workerData,det=new Detector(setup.detector),port=import_node_worker_threads.parentPort;port.on("message",msg=>{if(msg==="close"){port.close();return}port.postMessage(runJob(msg,det,setup.tree))})}function maybeRunWorker(){return isOurWorker()?(startWorkerLoop(),!0):(entryChecks=!0,!1)}isOurWorker()&&startWorkerLoop();maybeRunWorker();\n' : void 0;
}
function runJob(job, det, tree) {
  const counter = new Int32Array(job.counter);
  const out = { files: 0, bytes: 0, results: [] };
  const scratch = new ReadBuffer();
  const n = job.files.length;
  for (; ; ) {
    const start = Atomics.add(counter, 0, job.claim);
    if (start >= n) break;
    const end = Math.min(n, start + job.claim);
    for (let i = start; i < end; i++) {
      const [abs, rel] = job.files[i];
      const r = scanTreeFileSync(abs, rel, det, tree, scratch);
      out.bytes += r.bytes;
      if (r.scanned) out.files++;
      if (r.hits.length || r.warnings.length || r.suppressed) out.results.push([i, r]);
    }
  }
  return out;
}
function isOurWorker() {
  return !isMainThread && workerData?.tag === TAG;
}
function startWorkerLoop() {
  if (started || !parentPort) return;
  started = true;
  const setup = workerData;
  const det = new Detector(setup.detector);
  const port = parentPort;
  port.on("message", (msg) => {
    if (msg === "close") {
      port.close();
      return;
    }
    port.postMessage(runJob(msg, det, setup.tree));
  });
}
function maybeRunWorker() {
  if (!isOurWorker()) {
    entryChecks = true;
    return false;
  }
  startWorkerLoop();
  return true;
}
function workersAvailable() {
  if (embeddedWorkerCode() !== void 0) return true;
  return entryChecks && /\.(c|m)?js$/.test(new URL(import.meta.url).pathname);
}
function startWorker(setup) {
  const workerData2 = { ...setup, tag: TAG };
  const code2 = embeddedWorkerCode();
  if (code2 !== void 0) return new Worker(code2, { eval: true, workerData: workerData2 });
  return new Worker(new URL(import.meta.url), { workerData: workerData2 });
}
var TAG, started, entryChecks;
var init_worker = __esm({
  "src/engine/worker.ts"() {
    "use strict";
    init_detector();
    init_searcher();
    init_tree();
    TAG = "keyguard-scan-worker";
    started = false;
    entryChecks = false;
    if (isOurWorker()) startWorkerLoop();
  }
});

// src/engine/pool.ts
function startPool(threads, setup, opts = {}) {
  const mainScans = opts.mainScans ?? true;
  const workers = [];
  for (let t = mainScans ? 1 : 0; t < threads; t++) workers.push(startWorker(setup));
  let early;
  const onEarly = (e) => {
    early ??= e;
  };
  for (const w of workers) w.on("error", onEarly);
  return {
    async scan(files, det) {
      if (early) throw early;
      const job = {
        files: files.map((f) => [f.abs, f.rel]),
        counter: new SharedArrayBuffer(4),
        claim: CLAIM
      };
      const pending = workers.map(
        (w) => new Promise((resolve3, reject) => {
          w.off("error", onEarly);
          w.once("message", resolve3);
          w.once("error", reject);
          w.once("exit", (code2) => reject(new Error(`scan worker exited early (code ${code2})`)));
          w.postMessage(job);
        })
      );
      const settled = Promise.allSettled(pending);
      const all = mainScans ? [runJob(job, det, setup.tree)] : [];
      for (const o of await settled) {
        if (o.status === "rejected") throw o.reason;
        all.push(o.value);
      }
      const indexed = [];
      const out = { files: 0, bytes: 0, results: [], perThread: [] };
      for (const r of all) {
        out.perThread.push(r.files);
        out.files += r.files;
        out.bytes += r.bytes;
        indexed.push(...r.results);
      }
      indexed.sort((x, y) => x[0] - y[0]);
      out.results = indexed.map(([, r]) => r);
      return out;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  };
}
var CLAIM;
var init_pool = __esm({
  "src/engine/pool.ts"() {
    "use strict";
    init_worker();
    CLAIM = 4;
  }
});

// src/engine/index.ts
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
function workerWarning(err) {
  return `worker threads failed (${err.message}); scanned in one thread`;
}
function defaultThreads() {
  return Math.max(1, Math.min(4, availableParallelism()));
}
async function scanTreeMode(opts, det) {
  const res = { hits: [], warnings: [], suppressed: 0, files: 0, bytes: 0 };
  const treeOpts = { maxFileSize: opts.maxFileSize, chunkSize: opts.chunkSize };
  const threads = opts.threads ?? defaultThreads();
  const mayUseWorkers = threads > 1 && !opts.detector?.rules && workersAvailable();
  const files = [];
  const walkOpts = {
    include: opts.include,
    includeDir: opts.includeDir,
    onWarning: (w) => res.warnings.push(w)
  };
  const walk = walkTreeSync(opts.root, walkOpts);
  for (let n = walk.next(); !n.done; n = walk.next()) {
    files.push(n.value);
    if (files.length >= MIN_FILES_FOR_WORKERS) break;
  }
  let pool;
  if (mayUseWorkers && files.length >= MIN_FILES_FOR_WORKERS) {
    try {
      pool = startPool(threads, { detector: opts.detector ?? {}, tree: treeOpts });
    } catch (err) {
      res.warnings.push({ message: workerWarning(err) });
    }
  }
  for (const f of walk) files.push(f);
  let scanned;
  if (pool) {
    try {
      scanned = await pool.scan(files, det);
    } catch (err) {
      res.warnings.push({ message: workerWarning(err) });
    } finally {
      await pool.close();
    }
  }
  if (!scanned) {
    const all = scanFilesSync(files, det, treeOpts);
    scanned = { files: 0, bytes: 0, results: [], perThread: [] };
    for (const r of all) {
      scanned.bytes += r.bytes;
      if (r.scanned) scanned.files++;
      if (r.hits.length || r.warnings.length || r.suppressed) scanned.results.push(r);
    }
    scanned.perThread.push(scanned.files);
  }
  res.files = scanned.files;
  res.bytes = scanned.bytes;
  for (const r of scanned.results) {
    res.hits.push(...r.hits);
    res.warnings.push(...r.warnings);
    res.suppressed += r.suppressed;
  }
  if (opts.workflows !== false) {
    const wfHits = [];
    for (const f of files) {
      if (!isWorkflowFile(f.rel)) continue;
      let text;
      try {
        text = await readFile(f.abs, "utf8");
      } catch {
        continue;
      }
      const w = scanWorkflow(f.rel, text, det);
      wfHits.push(...w.hits);
      res.warnings.push(...w.warnings);
    }
    res.hits = replaceByWorkflow(res.hits, wfHits);
  }
  return res;
}
async function scan(opts) {
  const started2 = performance.now();
  const det = new Detector(opts.detector);
  let res;
  if (opts.mode === "tree") {
    res = await scanTreeMode(opts, det);
  } else if (opts.mode === "history") {
    res = await scanGit(opts.root, det, {
      include: opts.include,
      parallel: opts.threads ?? defaultThreads()
    });
  } else if (opts.mode === "range") {
    if (!opts.range) throw new InputError("range mode needs a range like BASE..HEAD");
    res = await scanGit(opts.root, det, {
      range: opts.range,
      branch: opts.branch,
      include: opts.include,
      parallel: opts.threads ?? defaultThreads()
    });
  } else {
    throw new InputError(`unknown scan mode "${String(opts.mode)}": expected tree, history or range`);
  }
  const findings = res.hits.map(toFinding).sort(compareFindings);
  const stats = {
    files: res.files,
    bytes: res.bytes,
    durationMs: Math.round(performance.now() - started2),
    suppressed: res.suppressed
  };
  if (res.commits !== void 0) stats.commits = res.commits;
  return { findings, warnings: res.warnings, stats };
}
var MIN_FILES_FOR_WORKERS;
var init_engine = __esm({
  "src/engine/index.ts"() {
    "use strict";
    init_errors();
    init_detector();
    init_git();
    init_tree();
    init_walk();
    init_workflows();
    init_findings();
    init_pool();
    init_worker();
    init_worker();
    MIN_FILES_FOR_WORKERS = 64;
  }
});

// src/audit/cidr.ts
function parseV4(s) {
  const m = V4.exec(s);
  if (!m) return void 0;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    if (m[i].length > 1 && m[i][0] === "0") return void 0;
    const o = Number(m[i]);
    if (o > 255) return void 0;
    n = n * 256 + o;
  }
  return n;
}
function parseV6(s) {
  let text = s;
  const lastColon = text.lastIndexOf(":");
  if (text.indexOf(".", lastColon) > lastColon) {
    const v4 = parseV4(text.slice(lastColon + 1));
    if (v4 === void 0) return void 0;
    text = `${text.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const parts = text.split("::");
  if (parts.length > 2) return void 0;
  const parse3 = (p) => {
    if (p === "") return [];
    const out = [];
    for (const w of p.split(":")) {
      if (!HEXWORD.test(w)) return void 0;
      out.push(Number.parseInt(w, 16));
    }
    return out;
  };
  const head = parse3(parts[0]);
  if (!head) return void 0;
  let words;
  if (parts.length === 2) {
    const rest = parse3(parts[1]);
    if (!rest) return void 0;
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return void 0;
    words = [...head, ...new Array(missing).fill(0), ...rest];
  } else {
    words = head;
  }
  return words.length === 8 ? words : void 0;
}
function isMapped(words) {
  return words.slice(0, 5).every((w) => w === 0) && words[5] === 65535;
}
function parseIp(text) {
  let s = text.trim();
  if (s.startsWith("[")) {
    const close = s.indexOf("]");
    if (close < 0) return void 0;
    s = s.slice(1, close);
  } else if (s.indexOf(":") === s.lastIndexOf(":") && s.includes(".") && s.includes(":")) {
    s = s.slice(0, s.indexOf(":"));
  }
  const pct = s.indexOf("%");
  if (pct >= 0) s = s.slice(0, pct);
  if (!s.includes(":")) {
    const n = parseV4(s);
    return n === void 0 ? void 0 : { v: 4, n };
  }
  const words = parseV6(s);
  if (!words) return void 0;
  if (isMapped(words)) return { v: 4, n: words[6] * 65536 + words[7] };
  return { v: 6, words };
}
function parseCidr(text) {
  const [addr, prefixText, extra] = text.trim().split("/");
  if (extra !== void 0) throw new Error(`not a CIDR: "${text}" (expected e.g. 203.0.113.0/24)`);
  const ip = parseIp(addr);
  if (!ip) throw new Error(`not a CIDR: "${text}" (expected e.g. 203.0.113.0/24 or 2001:db8::/32)`);
  const written6 = addr.includes(":");
  let max = ip.v === 4 && !written6 ? 32 : 128;
  let prefix2 = max;
  if (prefixText !== void 0) {
    if (!/^\d{1,3}$/.test(prefixText)) throw new Error(`not a CIDR prefix: "${text}"`);
    prefix2 = Number(prefixText);
    if (prefix2 > max) throw new Error(`CIDR prefix too long: "${text}" (at most /${max})`);
  }
  if (ip.v === 4) {
    if (written6) {
      if (prefix2 < 96)
        throw new Error(`CIDR "${text}" reaches outside ::ffff:0:0/96; write it as IPv6 words`);
      prefix2 -= 96;
      max = 32;
    }
    const mask = prefix2 === 0 ? 0 : 4294967295 << 32 - prefix2 >>> 0;
    return { text, v: 4, prefix: prefix2, n: (ip.n & mask) >>> 0, words: [] };
  }
  const words = ip.words.map((w, i) => w & wordMask(prefix2, i));
  return { text, v: 6, prefix: prefix2, n: 0, words };
}
function wordMask(prefix2, i) {
  const bits = Math.max(0, Math.min(16, prefix2 - i * 16));
  return bits === 0 ? 0 : 65535 << 16 - bits & 65535;
}
function cidrContains(c, ip) {
  if (c.v !== ip.v) return false;
  if (ip.v === 4) {
    const mask = c.prefix === 0 ? 0 : 4294967295 << 32 - c.prefix >>> 0;
    return (ip.n & mask) >>> 0 === c.n;
  }
  for (let i = 0; i < 8; i++) {
    const m = wordMask(c.prefix, i);
    if (m === 0) break;
    if ((ip.words[i] & m) !== c.words[i]) return false;
  }
  return true;
}
function v4text(n) {
  return `${n >>> 24}.${n >>> 16 & 255}.${n >>> 8 & 255}.${n & 255}`;
}
function v6text(words) {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}
function formatIp(ip) {
  return ip.v === 4 ? v4text(ip.n) : v6text(ip.words);
}
function ipGroup(ip) {
  if (ip.v === 4) return `${v4text((ip.n & 4294967040) >>> 0)}/24`;
  return `${v6text([ip.words[0], ip.words[1], ip.words[2], 0, 0, 0, 0, 0])}/48`;
}
var V4, HEXWORD, IpAllowlist;
var init_cidr = __esm({
  "src/audit/cidr.ts"() {
    "use strict";
    V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
    HEXWORD = /^[0-9a-f]{1,4}$/i;
    IpAllowlist = class {
      cidrs;
      #cache = /* @__PURE__ */ new Map();
      constructor(cidrs) {
        this.cidrs = cidrs.map(parseCidr);
      }
      /** Whether the address is allowed, its /24 or /48 group and canonical form. */
      check(text) {
        const hit = this.#cache.get(text);
        if (hit) return hit;
        const ip = parseIp(text);
        const res = ip ? { allowed: this.cidrs.some((c) => cidrContains(c, ip)), group: ipGroup(ip), canonical: formatIp(ip) } : { allowed: false, group: "(invalid)", canonical: text.trim() || "(none)" };
        if (this.#cache.size >= 5e4) this.#cache.clear();
        this.#cache.set(text, res);
        return res;
      }
    };
  }
});

// src/audit/gaps.ts
function gapsForSource(source) {
  for (const [id, gaps] of Object.entries(SOURCE_GAPS)) {
    if (source === id || source.startsWith(`${id}-`) || source.startsWith(`${id}:`)) return gaps;
  }
  return [];
}
function gapsForCsv(name, present) {
  const out = [];
  for (const [field, text] of Object.entries(CSV_FIELD_GAPS)) {
    if (!present.has(field)) out.push(`${name}: ${text}.`);
  }
  if (!present.has("tokens") && !present.has("inputTokens") && !present.has("outputTokens")) {
    out.push(`${name}: no token columns: token usage and the tpm recommendation are unknown.`);
  }
  return out;
}
var SOURCE_GAPS, CSV_FIELD_GAPS;
var init_gaps = __esm({
  "src/audit/gaps.ts"() {
    "use strict";
    SOURCE_GAPS = {
      "openai-usage": [
        "OpenAI usage API: aggregated buckets only: no per-request HTTP status, source IP or user agent; failed (401/429) calls are not in it."
      ],
      "openai-audit-log": [
        "OpenAI audit log: management actions only (key created/deleted, logins): it does not list API calls made with the key."
      ],
      "anthropic-usage": [
        "Anthropic usage report: tokens only: no request count, HTTP status, source IP or user agent."
      ],
      "openrouter-activity": [
        "OpenRouter activity: one row per day and model: no hourly pattern, HTTP status, source IP or user agent; only the last 30 completed UTC days."
      ],
      "litellm-spend-logs": [
        "LiteLLM spend logs: calls rejected before the proxy logs them (e.g. a bad key) are missing; the user agent only when the proxy keeps request headers in metadata."
      ]
    };
    CSV_FIELD_GAPS = {
      status: "no status column: failed calls (401/403/429) cannot be told from successful ones",
      ip: "no IP column: requests from unknown networks cannot be found",
      userAgent: "no user-agent column: SDK vs script traffic cannot be told apart"
    };
  }
});

// src/audit/redact.ts
function scrubKeys(text) {
  return text.replace(KEYISH, (m) => redact(m));
}
function scrubDeep(value) {
  if (typeof value === "string") return scrubKeys(value);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v));
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[scrubKeys(k)] = scrubDeep(v);
    return out;
  }
  return value;
}
var KEYISH;
var init_redact = __esm({
  "src/audit/redact.ts"() {
    "use strict";
    init_secret();
    KEYISH = /(?:\b(?:sk|rk)[-_]|\bpplx-|\bgsk_|\bxai-)[A-Za-z0-9_-]{16,}/g;
  }
});

// src/audit/time.ts
function daysIn(year, month) {
  if (month === 2 && (year % 4 === 0 && year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS[month - 1];
}
function parseTimestamp(text) {
  const s = text.trim();
  if (s === "") return void 0;
  if (NUMBER.test(s)) {
    const n = Number(s);
    const abs = Math.abs(n);
    if (abs < 1e11) return Math.round(n * 1e3);
    if (abs < 1e14) return Math.round(n);
    if (abs < 1e17) return Math.round(n / 1e3);
    return void 0;
  }
  const m = ISO.exec(s);
  if (!m) return void 0;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] ? Number(m[4]) : 0;
  const minute = m[5] ? Number(m[5]) : 0;
  const second = m[6] ? Number(m[6]) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return void 0;
  if (hour > 23 || minute > 59 || second > 60) return void 0;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1e3) : 0;
  let offsetMin = 0;
  const zone = m[8]?.toUpperCase();
  if (zone && zone !== "Z" && zone !== "UTC" && zone !== "GMT") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 23 || om > 59) return void 0;
    offsetMin = sign * (oh * 60 + om);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 6e4;
}
function parseDuration(text) {
  const m = DURATION.exec(text.trim());
  if (!m) return void 0;
  const ms = Number(m[1]) * UNIT_MS[(m[2] ?? "h").toLowerCase()];
  return ms > 0 ? ms : void 0;
}
function iso(ms) {
  return new Date(ms).toISOString();
}
var ISO, NUMBER, DAYS, DURATION, UNIT_MS, HOUR_MS, MINUTE_MS, DAY_MS;
var init_time = __esm({
  "src/audit/time.ts"() {
    "use strict";
    ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
    NUMBER = /^-?\d+(?:\.\d+)?$/;
    DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?$/i;
    UNIT_MS = {
      ms: 1,
      s: 1e3,
      m: 6e4,
      h: 36e5,
      d: 864e5,
      w: 6048e5
    };
    HOUR_MS = 36e5;
    MINUTE_MS = 6e4;
    DAY_MS = 864e5;
  }
});

// src/audit/useragent.ts
var DEFAULT_UA_LISTS, UaClassifier;
var init_useragent = __esm({
  "src/audit/useragent.ts"() {
    "use strict";
    DEFAULT_UA_LISTS = {
      sdk: [
        "openai/python",
        "openai/js",
        "openai-node",
        "openai-python",
        "openai/go",
        "openai-go",
        "openai/java",
        "openai-java",
        "openai/.net",
        "openai-dotnet",
        "asyncopenai",
        "anthropic-sdk",
        "anthropic/",
        "anthropic-typescript",
        "anthropic-python",
        "litellm",
        "langchain",
        "llama-index",
        "llamaindex",
        "openrouter",
        "ai-sdk/",
        "vercel-ai"
      ],
      generic: [
        "curl/",
        "python-requests/",
        "python-urllib",
        "python-httpx/",
        "aiohttp/",
        "go-http-client/",
        "node-fetch",
        "undici",
        "axios/",
        "okhttp",
        "wget",
        "postmanruntime/",
        "insomnia/",
        "httpie/",
        "java/",
        "apache-httpclient/",
        "libwww-perl",
        "ruby",
        "powershell"
      ]
    };
    UaClassifier = class {
      #sdk;
      #generic;
      #cache = /* @__PURE__ */ new Map();
      constructor(lists) {
        this.#sdk = (lists?.sdk ?? DEFAULT_UA_LISTS.sdk).map((s) => s.toLowerCase());
        this.#generic = (lists?.generic ?? DEFAULT_UA_LISTS.generic).map((s) => s.toLowerCase());
      }
      /** `undefined`: the source records no user agent; `''`: the request sent none (generic). */
      classify(ua) {
        if (ua === void 0) return "unknown";
        const hit = this.#cache.get(ua);
        if (hit) return hit;
        const lower = ua.trim().toLowerCase();
        let cls;
        if (lower === "" || lower === "-") cls = "generic";
        else if (this.#sdk.some((s) => lower.includes(s))) cls = "sdk";
        else if (this.#generic.some((s) => lower.includes(s))) cls = "generic";
        else cls = "other";
        if (this.#cache.size >= 2e4) this.#cache.clear();
        this.#cache.set(ua, cls);
        return cls;
      }
    };
  }
});

// src/audit/analyze.ts
function bump(m, k, requests, tokens) {
  const v = m.get(k);
  if (v) {
    v[0] += requests;
    v[1] += tokens;
  } else m.set(k, [requests, tokens]);
}
function peak(m, i) {
  let p = 0;
  for (const v of m.values()) if (v[i] > p) p = v[i];
  return p;
}
function median(values) {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
function resolveWindow(opts) {
  const w = resolveWindowUnchecked(opts);
  if (w.endMs - w.startMs > MAX_WINDOW_MS) throw new RangeError("audit window longer than 366 days");
  return w;
}
function resolveWindowUnchecked(opts) {
  if (opts.window) {
    const s = parseTimestamp(opts.window.start);
    const e2 = parseTimestamp(opts.window.end);
    if (s === void 0 || e2 === void 0 || e2 <= s) {
      throw new RangeError(`invalid audit window: ${opts.window.start} .. ${opts.window.end}`);
    }
    return { startMs: s, endMs: e2 };
  }
  const e = opts.end === void 0 ? (opts.now?.() ?? /* @__PURE__ */ new Date()).getTime() : parseTimestamp(opts.end);
  if (e === void 0) throw new RangeError(`invalid audit end time: ${opts.end}`);
  return { startMs: e - (opts.windowHours ?? 168) * HOUR_MS, endMs: e };
}
var MAX_IP_GROUPS, MAX_DISTINCT_IPS, MAX_USER_AGENTS, MAX_MANAGEMENT_EVENTS, MAX_MALFORMED_EXAMPLES, LISTED_IPS_PER_GROUP, TOP_USER_AGENTS, Baseline, plural, round2, round6, MAX_WINDOW_MS, AuditAccumulator;
var init_analyze = __esm({
  "src/audit/analyze.ts"() {
    "use strict";
    init_cidr();
    init_gaps();
    init_redact();
    init_time();
    init_useragent();
    MAX_IP_GROUPS = 5e3;
    MAX_DISTINCT_IPS = 5e4;
    MAX_USER_AGENTS = 5e3;
    MAX_MANAGEMENT_EVENTS = 200;
    MAX_MALFORMED_EXAMPLES = 20;
    LISTED_IPS_PER_GROUP = 20;
    TOP_USER_AGENTS = 20;
    Baseline = class {
      requests = 0;
      tokens = 0;
      cost = 0;
      first = Number.POSITIVE_INFINITY;
      last = Number.NEGATIVE_INFINITY;
      perMinute = /* @__PURE__ */ new Map();
      perHour = /* @__PURE__ */ new Map();
      perDay = /* @__PURE__ */ new Map();
      /** Finest resolution seen: 0 minute, 1 hour, 2 day. */
      resolution = 3;
      add(timeMs, bucketSeconds, requests, tokens, cost) {
        this.requests += requests;
        this.tokens += tokens;
        this.cost += cost;
        if (timeMs < this.first) this.first = timeMs;
        const endMs = timeMs + (bucketSeconds ?? 0) * 1e3;
        if (endMs > this.last) this.last = endMs;
        const b = bucketSeconds ?? 0;
        if (b <= 60) {
          this.resolution = Math.min(this.resolution, 0);
          bump(this.perMinute, Math.floor(timeMs / MINUTE_MS), requests, tokens);
        } else if (b <= 3600) this.resolution = Math.min(this.resolution, 1);
        else this.resolution = Math.min(this.resolution, 2);
        if (b <= 3600) bump(this.perHour, Math.floor(timeMs / HOUR_MS), requests, tokens);
        bump(this.perDay, Math.floor(timeMs / DAY_MS), requests, tokens);
      }
    };
    plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
    round2 = (n) => Math.round(n * 100) / 100;
    round6 = (n) => Math.round(n * 1e6) / 1e6;
    MAX_WINDOW_MS = 366 * DAY_MS;
    AuditAccumulator = class {
      startMs;
      endMs;
      leakMs;
      #opts;
      #allow;
      #ua;
      #keyIds;
      #firstHour;
      #hours;
      #flaggedLimit;
      #events = 0;
      #requests = 0;
      #inputTokens = 0;
      #outputTokens = 0;
      #tokens = 0;
      #cost = 0;
      #ignored = 0;
      #ignoredOtherKeys = 0;
      #statusKnown = 0;
      #statusUnknown = 0;
      #ok = 0;
      #non2xx = 0;
      #s401 = 0;
      #s403 = 0;
      #s429 = 0;
      #s5xx = 0;
      #byCode = /* @__PURE__ */ new Map();
      #uaClasses = { sdk: 0, generic: 0, other: 0, unknown: 0 };
      #uas = /* @__PURE__ */ new Map();
      #otherUas = 0;
      #groups = /* @__PURE__ */ new Map();
      #distinctIps = /* @__PURE__ */ new Set();
      #unknownAfterLeak = /* @__PURE__ */ new Set();
      #unknownAfterLeakCapped = false;
      #ipRequests = 0;
      #flagged = [];
      #flaggedTotal = 0;
      #flaggedAfterLeak = 0;
      #firstDataMs = Number.POSITIVE_INFINITY;
      #before = { requests: 0, tokens: 0, cost: 0 };
      #after = { requests: 0, tokens: 0, cost: 0 };
      #sources = /* @__PURE__ */ new Map();
      #management = [];
      #managementTotal = 0;
      #malformed = 0;
      #malformedExamples = [];
      #gaps = /* @__PURE__ */ new Set();
      /** Legitimate traffic before the leak, and legitimate traffic in the whole window. */
      #basePre = new Baseline();
      #baseAll = new Baseline();
      constructor(opts = {}) {
        this.#opts = opts;
        const w = resolveWindow(opts);
        this.startMs = w.startMs;
        this.endMs = w.endMs;
        if (opts.leakTime !== void 0) {
          const l = parseTimestamp(opts.leakTime);
          if (l === void 0) throw new RangeError(`invalid leak time: ${opts.leakTime}`);
          this.leakMs = l;
        }
        this.#allow = new IpAllowlist(opts.allowIps ?? []);
        this.#ua = new UaClassifier(opts.userAgents);
        if (opts.keyIds?.length) this.#keyIds = new Set(opts.keyIds);
        this.#firstHour = Math.floor(this.startMs / HOUR_MS);
        const hourCount = Math.ceil(this.endMs / HOUR_MS) - this.#firstHour;
        this.#hours = Array.from({ length: hourCount }, () => ({
          requests: 0,
          tokens: 0,
          cost: 0,
          ok: 0,
          non2xx: 0,
          s401: 0,
          s403: 0,
          s429: 0,
          flagged: 0
        }));
        this.#flaggedLimit = opts.flaggedLimit ?? 1e3;
      }
      /** A provider usage event (ISO time). Unparsable times are counted as malformed. */
      addEvent(e, index) {
        const timeMs = parseTimestamp(e.time);
        if (timeMs === void 0) {
          this.addMalformed({ source: e.source, row: (index ?? 0) + 1, reason: `bad time "${e.time}"` });
          return;
        }
        this.add({
          timeMs,
          bucketSeconds: e.bucketSeconds,
          requests: e.requests,
          inputTokens: e.inputTokens,
          outputTokens: e.outputTokens,
          costUsd: e.costUsd,
          status: e.status,
          ip: e.ip,
          userAgent: e.userAgent,
          model: e.model,
          path: e.path,
          keyId: e.keyId,
          source: e.source,
          eventType: e.eventType
        });
      }
      addMalformed(m) {
        this.#malformed++;
        if (this.#malformedExamples.length < MAX_MALFORMED_EXAMPLES) this.#malformedExamples.push(m);
      }
      /** Questions a source cannot answer (e.g. a CSV without an IP column). */
      addGaps(gaps) {
        for (const g of gaps) this.#gaps.add(g);
      }
      add(r) {
        const t = r.timeMs;
        if (!(t >= this.startMs && t < this.endMs)) {
          this.#ignored++;
          return;
        }
        if (this.#keyIds && r.keyId !== void 0 && !this.#keyIds.has(r.keyId)) {
          this.#ignoredOtherKeys++;
          return;
        }
        this.#noteSource(r);
        if (r.eventType) {
          this.#managementTotal++;
          if (this.#management.length < MAX_MANAGEMENT_EVENTS) {
            this.#management.push({
              time: iso(t),
              eventType: r.eventType,
              source: r.source,
              ip: r.ip,
              userAgent: r.userAgent
            });
          }
          return;
        }
        this.#events++;
        const n = r.requests;
        const tokens = r.totalTokens ?? (r.inputTokens ?? 0) + (r.outputTokens ?? 0);
        const cost = r.costUsd ?? 0;
        this.#requests += n;
        this.#inputTokens += r.inputTokens ?? 0;
        this.#outputTokens += r.outputTokens ?? 0;
        this.#tokens += tokens;
        this.#cost += cost;
        if (t < this.#firstDataMs) this.#firstDataMs = t;
        const afterLeak = this.leakMs !== void 0 && t >= this.leakMs;
        const period = this.leakMs === void 0 ? void 0 : afterLeak ? this.#after : this.#before;
        if (period) {
          period.requests += n;
          period.tokens += tokens;
          period.cost += cost;
        }
        const st = r.status;
        let non2xx = false;
        if (st === void 0) this.#statusUnknown += n;
        else {
          this.#statusKnown += n;
          this.#byCode.set(st, (this.#byCode.get(st) ?? 0) + n);
          if (st >= 200 && st < 300) this.#ok += n;
          else {
            non2xx = true;
            this.#non2xx += n;
            if (st === 401) this.#s401 += n;
            else if (st === 403) this.#s403 += n;
            else if (st === 429) this.#s429 += n;
            if (st >= 500) this.#s5xx += n;
          }
        }
        const cls = this.#ua.classify(r.userAgent);
        this.#uaClasses[cls] += n;
        if (r.userAgent !== void 0) {
          const u = this.#uas.get(r.userAgent);
          if (u) u.requests += n;
          else if (this.#uas.size < MAX_USER_AGENTS) this.#uas.set(r.userAgent, { requests: n, cls });
          else this.#otherUas += n;
        }
        let flagged = false;
        if (r.ip !== void 0) {
          this.#ipRequests += n;
          const ip = this.#allow.check(r.ip);
          flagged = !ip.allowed;
          let g = this.#groups.get(ip.group);
          if (!g) {
            const key = this.#groups.size < MAX_IP_GROUPS ? ip.group : "(other groups)";
            g = this.#groups.get(key);
            if (!g) {
              g = {
                allowed: ip.allowed,
                requests: 0,
                afterLeak: 0,
                non2xx: 0,
                ips: [],
                distinct: 0,
                first: t,
                last: t
              };
              this.#groups.set(key, g);
            }
          }
          g.requests += n;
          if (afterLeak) g.afterLeak += n;
          if (non2xx) g.non2xx += n;
          if (t < g.first) g.first = t;
          if (t > g.last) g.last = t;
          if (!this.#distinctIps.has(ip.canonical) && this.#distinctIps.size < MAX_DISTINCT_IPS) {
            this.#distinctIps.add(ip.canonical);
            g.distinct++;
            if (g.ips.length < LISTED_IPS_PER_GROUP) g.ips.push(ip.canonical);
          }
          if (flagged) {
            this.#flaggedTotal += n;
            if (afterLeak || this.leakMs === void 0) {
              this.#flaggedAfterLeak += n;
              if (this.#unknownAfterLeak.size < MAX_DISTINCT_IPS) this.#unknownAfterLeak.add(ip.canonical);
              else if (!this.#unknownAfterLeak.has(ip.canonical)) this.#unknownAfterLeakCapped = true;
            }
            if (this.#flagged.length < this.#flaggedLimit) {
              this.#flagged.push({
                time: iso(t),
                ip: ip.canonical,
                ipGroup: ip.group,
                userAgent: r.userAgent,
                uaClass: cls,
                status: st,
                path: r.path,
                model: r.model,
                source: r.source,
                row: r.row,
                afterLeak
              });
            }
          }
        }
        const b = r.bucketSeconds ?? 0;
        if (b <= 3600) this.#addHour(Math.floor(t / HOUR_MS), 1, n, tokens, cost, st, flagged);
        else {
          const span = Math.max(1, Math.round(b * 1e3 / HOUR_MS));
          const h0 = Math.floor(t / HOUR_MS);
          for (let i = 0; i < span; i++) this.#addHour(h0 + i, 1 / span, n, tokens, cost, st, flagged);
        }
        const legit = (this.#opts.allowIps?.length ?? 0) === 0 || r.ip === void 0 || !flagged;
        if (legit) {
          this.#baseAll.add(t, r.bucketSeconds, n, tokens, cost);
          if (!afterLeak) this.#basePre.add(t, r.bucketSeconds, n, tokens, cost);
        }
      }
      #addHour(hour, share, n, tokens, cost, st, flagged) {
        const h = this.#hours[hour - this.#firstHour];
        if (!h) return;
        const k = n * share;
        h.requests += k;
        h.tokens += tokens * share;
        h.cost += cost * share;
        if (st !== void 0) {
          if (st >= 200 && st < 300) h.ok += k;
          else {
            h.non2xx += k;
            if (st === 401) h.s401 += k;
            else if (st === 403) h.s403 += k;
            else if (st === 429) h.s429 += k;
          }
        }
        if (flagged) h.flagged += k;
      }
      #noteSource(r) {
        let s = this.#sources.get(r.source);
        if (!s) {
          s = { events: 0, requests: 0, res: /* @__PURE__ */ new Set() };
          this.#sources.set(r.source, s);
        }
        s.events++;
        if (!r.eventType) s.requests += r.requests;
        const b = r.bucketSeconds ?? 0;
        s.res.add(b === 0 ? "request" : b <= 60 ? "minute" : b <= 3600 ? "hour" : "day");
      }
      finish() {
        const leakMs = this.leakMs;
        const perHour = this.#hours.map((h, i) => ({
          hour: iso((this.#firstHour + i) * HOUR_MS),
          requests: round2(h.requests),
          tokens: round2(h.tokens),
          costUsd: round6(h.cost),
          non2xx: round2(h.non2xx),
          s401: round2(h.s401),
          s403: round2(h.s403),
          s429: round2(h.s429),
          flagged: round2(h.flagged)
        }));
        const sources = [...this.#sources].map(([source, s]) => ({
          source,
          events: s.events,
          requests: s.requests,
          resolution: s.res.size === 1 ? [...s.res][0] : "mixed"
        }));
        const gaps = new Set(this.#gaps);
        for (const s of sources) for (const g of gapsForSource(s.source)) gaps.add(g);
        if (this.#ipRequests > 0 && (this.#opts.allowIps?.length ?? 0) === 0) {
          gaps.add("No IP allowlist given (--allow-ip): every source IP counts as unknown.");
        }
        if (sources.length === 0) gaps.add("No events in the window: nothing to audit.");
        if (this.#distinctIps.size >= MAX_DISTINCT_IPS) {
          gaps.add(`More than ${MAX_DISTINCT_IPS} distinct IPs: per-group distinct counts are lower bounds.`);
        }
        const ipGroups = [...this.#groups].map(([group, g]) => ({
          group,
          allowed: g.allowed,
          requests: g.requests,
          afterLeak: g.afterLeak,
          non2xx: g.non2xx,
          ips: g.ips,
          distinctIps: g.distinct,
          firstSeen: iso(g.first),
          lastSeen: iso(g.last)
        })).sort((a, b) => Number(a.allowed) - Number(b.allowed) || b.requests - a.requests);
        const topUserAgents = [...this.#uas].map(([userAgent, u]) => ({ userAgent, uaClass: u.cls, requests: u.requests })).sort((a, b) => b.requests - a.requests || a.userAgent.localeCompare(b.userAgent));
        const otherUserAgents = this.#otherUas + topUserAgents.slice(TOP_USER_AGENTS).reduce((s, u) => s + u.requests, 0);
        const byCode = {};
        for (const [code2, n] of [...this.#byCode].sort((a, b) => a[0] - b[0])) byCode[String(code2)] = n;
        const report = {
          window: { start: iso(this.startMs), end: iso(this.endMs) },
          leakTime: leakMs === void 0 ? void 0 : iso(leakMs),
          sources,
          gaps: [...gaps],
          totals: {
            events: this.#events,
            requests: this.#requests,
            tokens: this.#tokens,
            inputTokens: this.#inputTokens,
            outputTokens: this.#outputTokens,
            costUsd: round6(this.#cost),
            ignored: this.#ignored,
            ignoredOtherKeys: this.#ignoredOtherKeys
          },
          statusCounts: {
            known: this.#statusKnown,
            unknown: this.#statusUnknown,
            ok2xx: this.#ok,
            non2xx: this.#non2xx,
            s401: this.#s401,
            s403: this.#s403,
            s429: this.#s429,
            s5xx: this.#s5xx,
            byCode
          },
          perHour,
          uaClasses: { ...this.#uaClasses },
          topUserAgents: topUserAgents.slice(0, TOP_USER_AGENTS),
          otherUserAgents,
          ipGroups,
          allowIps: this.#opts.allowIps ?? [],
          flagged: [...this.#flagged].sort((a, b) => a.time.localeCompare(b.time)),
          flaggedTotal: this.#flaggedTotal,
          unknownIpsAfterLeak: this.#unknownAfterLeak.size,
          beforeAfter: this.#beforeAfter(),
          jumps: this.#jumps(perHour),
          recommendations: this.#recommend(),
          managementEvents: [...this.#management].sort((a, b) => a.time.localeCompare(b.time)),
          malformedRows: { count: this.#malformed, examples: this.#malformedExamples },
          verdict: ""
        };
        if (this.#managementTotal > this.#management.length) {
          report.gaps.push(
            `${this.#managementTotal} management events: only the first ${this.#management.length} are listed.`
          );
        }
        report.verdict = this.#verdict(report);
        return scrubDeep(JSON.parse(JSON.stringify(report)));
      }
      #beforeAfter() {
        const leak = this.leakMs;
        if (leak === void 0) return void 0;
        const cut = Math.min(Math.max(leak, this.startMs), this.endMs);
        const mk = (start, end, p) => {
          const hours = (end - start) / HOUR_MS;
          const t = {
            start: iso(start),
            end: iso(end),
            hours: round2(hours),
            requests: p.requests,
            tokens: p.tokens,
            costUsd: round6(p.cost),
            requestsPerHour: hours > 0 ? round2(p.requests / hours) : 0
          };
          return t;
        };
        const before = mk(this.startMs, cut, this.#before);
        const after = mk(cut, this.endMs, this.#after);
        const ratio = before.requestsPerHour > 0 ? round2(after.requestsPerHour / before.requestsPerHour) : null;
        return { before, after, ratioPerHour: ratio };
      }
      #jumps(perHour) {
        const metric = this.#requests > 0 ? "requests" : "tokens";
        const factor = this.#opts.jumpFactor ?? 3;
        const minimum = (this.#opts.jumpMinimum ?? 20) * (metric === "tokens" ? 100 : 1);
        const firstData = Math.floor(this.#firstDataMs / HOUR_MS) - this.#firstHour;
        const leakIdx = this.leakMs === void 0 ? perHour.length : Math.floor(this.leakMs / HOUR_MS) - this.#firstHour;
        const baseHours = perHour.slice(Math.max(0, firstData), Math.max(0, Math.min(leakIdx, perHour.length)));
        const baseline = median(baseHours.map((h) => h[metric]));
        const jumps = [];
        perHour.forEach((h, i) => {
          const v = h[metric];
          if (v >= minimum && v > factor * baseline) {
            jumps.push({
              hour: h.hour,
              metric,
              value: v,
              baseline,
              factor: baseline > 0 ? round2(v / baseline) : 0,
              afterLeak: this.leakMs !== void 0 && i >= leakIdx
            });
          }
        });
        return jumps;
      }
      #recommend() {
        const basis = [];
        const usePre = this.leakMs !== void 0 && (this.#basePre.requests > 0 || this.#basePre.tokens > 0);
        const base = usePre ? this.#basePre : this.#baseAll;
        const filtered = (this.#opts.allowIps?.length ?? 0) > 0;
        const what = `${filtered ? "allowlisted" : "all"} traffic ${usePre ? "before the leak" : "in the window"}`;
        if (this.leakMs !== void 0 && !usePre)
          basis.push("No traffic before the leak: limits use the whole window.");
        if (!filtered && !usePre) basis.push("No allowlist and no pre-leak traffic: limits may include misuse.");
        if (base.requests === 0 && base.tokens === 0) {
          basis.push("No legitimate traffic observed: no limits recommended.");
          return { policy: {}, basis };
        }
        const policy = {};
        const per = base.resolution === 0 ? { m: base.perMinute, div: 1, unit: "minute" } : base.resolution === 1 ? { m: base.perHour, div: 60, unit: "hour (\xF7 60; only hourly data)" } : { m: base.perDay, div: 1440, unit: "day (\xF7 1440; only daily data)" };
        if (base.requests > 0) {
          const p = peak(per.m, 0);
          policy.rpm = Math.max(1, Math.ceil(1.2 * p / per.div));
          basis.push(`rpm = ceil(1.2 \xD7 peak ${p} requests per ${per.unit}) from ${what}.`);
        }
        if (base.tokens > 0) {
          const p = peak(per.m, 1);
          policy.tpm = Math.max(1, Math.ceil(1.2 * p / per.div));
          basis.push(`tpm = ceil(1.2 \xD7 peak ${p} tokens per ${per.unit}) from ${what}.`);
        }
        const spanEnd = usePre ? Math.min(this.leakMs, this.endMs) : this.endMs;
        const spanStart = Math.max(this.startMs, Math.floor(base.first / HOUR_MS) * HOUR_MS);
        const days = Math.max(1, (spanEnd - spanStart) / DAY_MS);
        if (base.requests > 0) {
          const mean = base.requests / days;
          policy.dailyRequests = Math.max(1, Math.ceil(3 * mean));
          basis.push(
            `dailyRequests = ceil(3 \xD7 mean ${round2(mean)} requests per day over ${round2(days)} days).`
          );
        }
        const provider = this.#opts.provider;
        const budgets = provider === void 0 || provider === "openrouter" || provider === "litellm";
        if (budgets && base.cost > 0) {
          const mean = base.cost / days;
          policy.budgetUsd = Math.ceil(3 * mean * 100) / 100;
          policy.budgetReset = provider === "litellm" ? "1d" : "daily";
          basis.push(`budgetUsd = 3 \xD7 mean $${round6(mean)} per day, reset daily.`);
        }
        return { policy, basis };
      }
      #verdict(r) {
        const afterLeak = this.leakMs !== void 0;
        const when = afterLeak ? "after leak" : "in the window";
        const reqs = afterLeak ? this.#after.requests : this.#requests;
        const toks = afterLeak ? this.#after.tokens : this.#tokens;
        const status = [
          this.#s401 ? `${this.#s401} \xD7 401` : "",
          this.#s403 ? `${this.#s403} \xD7 403` : "",
          this.#s429 ? `${this.#s429} \xD7 429` : ""
        ].filter(Boolean).join(", ");
        const tail = [
          status ? `${status} in the window` : "",
          r.jumps.length ? `usage jumped in ${plural(r.jumps.length, "hour")}` : "",
          r.malformedRows.count ? `${plural(r.malformedRows.count, "malformed row")} skipped` : ""
        ].filter(Boolean).join("; ");
        const end = tail ? ` (${tail}).` : ".";
        if (reqs === 0 && toks === 0) return `No use ${when}${end}`;
        if (this.#ipRequests === 0) {
          const amount = reqs > 0 ? plural(reqs, "request") : plural(toks, "token");
          return `${amount} ${when}; source IPs unknown, the sources do not record them${end}`;
        }
        if (this.#flaggedAfterLeak === 0) {
          return `No use ${when} from unknown IPs: ${plural(reqs, "request")}, all allowlisted${end}`;
        }
        const ips = `${r.unknownIpsAfterLeak}${this.#unknownAfterLeakCapped ? "+" : ""} unknown IP${r.unknownIpsAfterLeak === 1 ? "" : "s"}`;
        return `${plural(this.#flaggedAfterLeak, "request")} from ${ips} ${when}${end}`;
      }
    };
  }
});

// node_modules/csv-parse/lib/utils/is_object.js
var is_object;
var init_is_object = __esm({
  "node_modules/csv-parse/lib/utils/is_object.js"() {
    is_object = function(obj) {
      return typeof obj === "object" && obj !== null && !Array.isArray(obj);
    };
  }
});

// node_modules/csv-parse/lib/api/CsvError.js
var CsvError;
var init_CsvError = __esm({
  "node_modules/csv-parse/lib/api/CsvError.js"() {
    CsvError = class _CsvError extends Error {
      constructor(code2, message, options, ...contexts) {
        if (Array.isArray(message)) message = message.join(" ").trim();
        super(message);
        if (Error.captureStackTrace !== void 0) {
          Error.captureStackTrace(this, _CsvError);
        }
        this.code = code2;
        for (const context of contexts) {
          for (const key in context) {
            const value = context[key];
            this[key] = Buffer.isBuffer(value) ? value.toString(options.encoding) : value == null ? value : JSON.parse(JSON.stringify(value));
          }
        }
      }
    };
  }
});

// node_modules/csv-parse/lib/api/normalize_columns_array.js
var normalize_columns_array;
var init_normalize_columns_array = __esm({
  "node_modules/csv-parse/lib/api/normalize_columns_array.js"() {
    init_CsvError();
    init_is_object();
    normalize_columns_array = function(columns) {
      const normalizedColumns = [];
      for (let i = 0, l = columns.length; i < l; i++) {
        const column = columns[i];
        if (column === void 0 || column === null || column === false) {
          normalizedColumns[i] = { disabled: true };
        } else if (typeof column === "string" || typeof column === "number") {
          normalizedColumns[i] = { name: `${column}` };
        } else if (is_object(column)) {
          if (typeof column.name !== "string") {
            throw new CsvError("CSV_OPTION_COLUMNS_MISSING_NAME", [
              "Option columns missing name:",
              `property "name" is required at position ${i}`,
              "when column is an object literal"
            ]);
          }
          normalizedColumns[i] = column;
        } else {
          throw new CsvError("CSV_INVALID_COLUMN_DEFINITION", [
            "Invalid column definition:",
            "expect a string or a literal object,",
            `got ${JSON.stringify(column)} at position ${i}`
          ]);
        }
      }
      return normalizedColumns;
    };
  }
});

// node_modules/csv-parse/lib/utils/ResizeableBuffer.js
var ResizeableBuffer, ResizeableBuffer_default;
var init_ResizeableBuffer = __esm({
  "node_modules/csv-parse/lib/utils/ResizeableBuffer.js"() {
    ResizeableBuffer = class {
      constructor(size = 100) {
        this.size = size;
        this.length = 0;
        this.buf = Buffer.allocUnsafe(size);
      }
      prepend(val) {
        if (Buffer.isBuffer(val)) {
          const length = this.length + val.length;
          if (length >= this.size) {
            this.resize();
            if (length >= this.size) {
              throw Error("INVALID_BUFFER_STATE");
            }
          }
          const buf = this.buf;
          this.buf = Buffer.allocUnsafe(this.size);
          val.copy(this.buf, 0);
          buf.copy(this.buf, val.length);
          this.length += val.length;
        } else {
          const length = this.length++;
          if (length === this.size) {
            this.resize();
          }
          const buf = this.clone();
          this.buf[0] = val;
          buf.copy(this.buf, 1, 0, length);
        }
      }
      append(val) {
        const length = this.length++;
        if (length === this.size) {
          this.resize();
        }
        this.buf[length] = val;
      }
      clone() {
        return Buffer.from(this.buf.slice(0, this.length));
      }
      resize() {
        const length = this.length;
        this.size = this.size * 2;
        const buf = Buffer.allocUnsafe(this.size);
        this.buf.copy(buf, 0, 0, length);
        this.buf = buf;
      }
      toString(encoding) {
        if (encoding) {
          return this.buf.toString(encoding, 0, this.length);
        } else {
          return Uint8Array.prototype.slice.call(this.buf.slice(0, this.length));
        }
      }
      toJSON() {
        return this.toString("utf8");
      }
      reset() {
        this.length = 0;
      }
    };
    ResizeableBuffer_default = ResizeableBuffer;
  }
});

// node_modules/csv-parse/lib/api/init_state.js
var init_state;
var init_init_state = __esm({
  "node_modules/csv-parse/lib/api/init_state.js"() {
    init_ResizeableBuffer();
    init_state = function(options) {
      const timchars = [
        // Basic Latin
        32,
        // [Space](https://www.fileformat.info/info/unicode/char/0020/index.htm)
        9,
        // [CHARACTER TABULATION (HT)](https://www.fileformat.info/info/unicode/char/0009/index.htm)
        10,
        // [LINE FEED (LF)](https://www.fileformat.info/info/unicode/char/000a/index.htm)
        13,
        // [CARRIAGE RETURN (CR)](https://www.fileformat.info/info/unicode/char/000d/index.htm)
        12,
        // [FORM FEED (FF)](https://www.fileformat.info/info/unicode/char/000c/index.htm)
        11,
        // [LINE TABULATION (VT)](https://www.fileformat.info/info/unicode/char/000b/index.htm)
        // Latin-1 Supplement
        160,
        // [NO-BREAK SPACE (NBSP)](https://www.fileformat.info/info/unicode/char/00a0/index.htm)
        // Ogham
        5760,
        // [OGHAM SPACE MARK](https://www.fileformat.info/info/unicode/char/1680/index.htm)
        // General Punctuation
        8192,
        // [EN QUAD](https://www.fileformat.info/info/unicode/char/2000/index.htm)
        8193,
        // [EM QUAD](https://www.fileformat.info/info/unicode/char/2001/index.htm)
        8194,
        // [EN SPACE](https://www.fileformat.info/info/unicode/char/2002/index.htm)
        8195,
        // [EM SPACE](https://www.fileformat.info/info/unicode/char/2003/index.htm)
        8196,
        // [THREE-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2004/index.htm)
        8197,
        // [FOUR-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2005/index.htm)
        8198,
        // [SIX-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2006/index.htm)
        8199,
        // [FIGURE SPACE](https://www.fileformat.info/info/unicode/char/2007/index.htm)
        8200,
        // [PUNCTUATION SPACE](https://www.fileformat.info/info/unicode/char/2008/index.htm)
        8201,
        // [THIN SPACE](https://www.fileformat.info/info/unicode/char/2009/index.htm)
        8202,
        // [HAIR SPACE](https://www.fileformat.info/info/unicode/char/200a/index.htm)
        8232,
        // [LINE SEPARATOR](https://www.fileformat.info/info/unicode/char/2028/index.htm)
        8233,
        // [PARAGRAPH SEPARATOR](https://www.fileformat.info/info/unicode/char/2029/index.htm)
        8239,
        // [NARROW NO-BREAK SPACE (NNBSP)](https://www.fileformat.info/info/unicode/char/202f/index.htm)
        8287,
        // [MEDIUM MATHEMATICAL SPACE (MMSP)](https://www.fileformat.info/info/unicode/char/205f/index.htm)
        12288,
        // [IDEOGRAPHIC SPACE](https://www.fileformat.info/info/unicode/char/3000/index.htm)
        65279
        // [ZERO WIDTH NO-BREAK SPACE (BOM)](https://www.fileformat.info/info/unicode/char/feff/index.htm)
      ].reduce((acc, codepoint) => {
        const encoded = Buffer.from(
          String.fromCharCode(codepoint),
          options.encoding
        );
        if (codepoint !== 63 && encoded.length === 1 && encoded[0] === 63) {
          return acc;
        }
        acc.push(encoded);
        return acc;
      }, []);
      const timcharFirstBytes = new Uint8Array(256);
      for (const t of timchars) timcharFirstBytes[t[0]] = 1;
      return {
        bomSkipped: false,
        bufBytesStart: 0,
        castField: options.cast_function,
        commenting: false,
        delimiterBufPrevious: void 0,
        delimiterDiscovered: false,
        // Current error encountered by a record
        error: void 0,
        enabled: options.from_line === 1,
        escaping: false,
        escapeIsQuote: Buffer.isBuffer(options.escape) && Buffer.isBuffer(options.quote) && Buffer.compare(options.escape, options.quote) === 0,
        // columns can be `false`, `true`, `Array`
        expectedRecordLength: Array.isArray(options.columns) ? options.columns.length : void 0,
        field: new ResizeableBuffer_default(20),
        firstLineToHeaders: options.cast_first_line_to_header,
        needMoreDataSize: Math.max(
          // Skip if the remaining buffer smaller than comment
          options.comment !== null ? options.comment.length : 0,
          ...options.delimiter ? options.delimiter.map((delimiter) => delimiter.length) : [],
          // Auto discovery of delimiter is limited to 1 character
          options.delimiter_auto ? 1 : 0,
          // Skip if the remaining buffer can be escape sequence
          options.quote !== null ? options.quote.length : 0,
          ...timchars.map((t) => t.length)
        ),
        previousBuf: void 0,
        quoting: false,
        stop: false,
        rawBuffer: new ResizeableBuffer_default(100),
        record: [],
        recordHasError: false,
        record_length: 0,
        recordDelimiterMaxLength: options.record_delimiter.length === 0 ? 0 : Math.max(...options.record_delimiter.map((v) => v.length)),
        trimChars: [
          Buffer.from(" ", options.encoding)[0],
          Buffer.from("	", options.encoding)[0]
        ],
        wasQuoting: false,
        wasRowDelimiter: false,
        timchars,
        timcharFirstBytes
      };
    };
  }
});

// node_modules/csv-parse/lib/utils/underscore.js
var underscore;
var init_underscore = __esm({
  "node_modules/csv-parse/lib/utils/underscore.js"() {
    underscore = function(str2) {
      return str2.replace(/([A-Z])/g, function(_, match2) {
        return "_" + match2.toLowerCase();
      });
    };
  }
});

// node_modules/csv-parse/lib/api/normalize_options.js
var normalize_options;
var init_normalize_options = __esm({
  "node_modules/csv-parse/lib/api/normalize_options.js"() {
    init_normalize_columns_array();
    init_CsvError();
    init_underscore();
    init_is_object();
    normalize_options = function(opts) {
      const options = {};
      for (const opt in opts) {
        options[underscore(opt)] = opts[opt];
      }
      if (options.encoding === void 0 || options.encoding === true) {
        options.encoding = "utf8";
      } else if (options.encoding === null || options.encoding === false) {
        options.encoding = null;
      } else if (typeof options.encoding !== "string" && options.encoding !== null) {
        throw new CsvError(
          "CSV_INVALID_OPTION_ENCODING",
          [
            "Invalid option encoding:",
            "encoding must be a string or null to return a buffer,",
            `got ${JSON.stringify(options.encoding)}`
          ],
          options
        );
      }
      if (options.bom === void 0 || options.bom === null || options.bom === false) {
        options.bom = false;
      } else if (options.bom !== true) {
        throw new CsvError(
          "CSV_INVALID_OPTION_BOM",
          [
            "Invalid option bom:",
            "bom must be true,",
            `got ${JSON.stringify(options.bom)}`
          ],
          options
        );
      }
      options.cast_function = null;
      if (options.cast === void 0 || options.cast === null || options.cast === false || options.cast === "") {
        options.cast = void 0;
      } else if (typeof options.cast === "function") {
        options.cast_function = options.cast;
        options.cast = true;
      } else if (options.cast !== true) {
        throw new CsvError(
          "CSV_INVALID_OPTION_CAST",
          [
            "Invalid option cast:",
            "cast must be true or a function,",
            `got ${JSON.stringify(options.cast)}`
          ],
          options
        );
      }
      if (options.cast_date === void 0 || options.cast_date === null || options.cast_date === false || options.cast_date === "") {
        options.cast_date = false;
      } else if (options.cast_date === true) {
        options.cast_date = function(value) {
          const date = Date.parse(value);
          return !isNaN(date) ? new Date(date) : value;
        };
      } else if (typeof options.cast_date !== "function") {
        throw new CsvError(
          "CSV_INVALID_OPTION_CAST_DATE",
          [
            "Invalid option cast_date:",
            "cast_date must be true or a function,",
            `got ${JSON.stringify(options.cast_date)}`
          ],
          options
        );
      }
      options.cast_first_line_to_header = void 0;
      if (options.columns === true) {
        options.cast_first_line_to_header = void 0;
      } else if (typeof options.columns === "function") {
        options.cast_first_line_to_header = options.columns;
        options.columns = true;
      } else if (Array.isArray(options.columns)) {
        options.columns = normalize_columns_array(options.columns);
      } else if (options.columns === void 0 || options.columns === null || options.columns === false) {
        options.columns = false;
      } else {
        throw new CsvError(
          "CSV_INVALID_OPTION_COLUMNS",
          [
            "Invalid option columns:",
            "expect an array, a function or true,",
            `got ${JSON.stringify(options.columns)}`
          ],
          options
        );
      }
      if (options.group_columns_by_name === void 0 || options.group_columns_by_name === null || options.group_columns_by_name === false) {
        options.group_columns_by_name = false;
      } else if (options.group_columns_by_name !== true) {
        throw new CsvError(
          "CSV_INVALID_OPTION_GROUP_COLUMNS_BY_NAME",
          [
            "Invalid option group_columns_by_name:",
            "expect an boolean,",
            `got ${JSON.stringify(options.group_columns_by_name)}`
          ],
          options
        );
      } else if (options.columns === false) {
        throw new CsvError(
          "CSV_INVALID_OPTION_GROUP_COLUMNS_BY_NAME",
          [
            "Invalid option group_columns_by_name:",
            "the `columns` mode must be activated."
          ],
          options
        );
      }
      if (options.comment === void 0 || options.comment === null || options.comment === false || options.comment === "") {
        options.comment = null;
      } else {
        if (typeof options.comment === "string") {
          options.comment = Buffer.from(options.comment, options.encoding);
        }
        if (!Buffer.isBuffer(options.comment)) {
          throw new CsvError(
            "CSV_INVALID_OPTION_COMMENT",
            [
              "Invalid option comment:",
              "comment must be a buffer or a string,",
              `got ${JSON.stringify(options.comment)}`
            ],
            options
          );
        }
      }
      if (options.comment_no_infix === void 0 || options.comment_no_infix === null || options.comment_no_infix === false) {
        options.comment_no_infix = false;
      } else if (options.comment_no_infix !== true) {
        throw new CsvError(
          "CSV_INVALID_OPTION_COMMENT",
          [
            "Invalid option comment_no_infix:",
            "value must be a boolean,",
            `got ${JSON.stringify(options.comment_no_infix)}`
          ],
          options
        );
      }
      if (options.delimiter_auto === void 0 || options.delimiter_auto === null || options.delimiter_auto === false) {
        options.delimiter_auto = false;
      } else if (options.delimiter_auto === true) {
        options.delimiter_auto = {};
      } else if (!is_object(options.delimiter_auto)) {
        throw new CsvError(
          "CSV_INVALID_OPTION_DELIMITER_AUTO",
          [
            "Invalid option delimiter_auto:",
            "delimiter_auto must be a boolean or a configuration object,",
            `got ${JSON.stringify(options.delimiter_auto)}`
          ],
          options
        );
      }
      if (options.delimiter_auto) {
        if (options.delimiter_auto.preferred === void 0)
          options.delimiter_auto.preferred = {
            [",".charCodeAt(0)]: 1.8,
            ["	".charCodeAt(0)]: 1.8,
            [";".charCodeAt(0)]: 1.6,
            [" ".charCodeAt(0)]: 1.6,
            [":".charCodeAt(0)]: 1.5,
            [".".charCodeAt(0)]: 1.4,
            ["/".charCodeAt(0)]: 1.4
          };
        else if (!is_object(options.delimiter_auto.preferred)) {
          throw new CsvError(
            "CSV_INVALID_OPTION_DELIMITER_AUTO",
            [
              "Invalid option delimiter_auto:",
              "preferred must be an object,",
              `got ${JSON.stringify(options.delimiter_auto.preferred)}`
            ],
            options
          );
        }
        if (options.delimiter_auto.score === void 0)
          options.delimiter_auto.score = (info, options2) => {
            return (info.total - info.std) * (options2.preferred[info.char_code] || 1);
          };
        else if (typeof options.delimiter_auto.score !== "function") {
          throw new CsvError(
            "CSV_INVALID_OPTION_DELIMITER_AUTO",
            [
              "Invalid option delimiter_auto:",
              "score must be a function,",
              `got ${JSON.stringify(options.delimiter_auto.score)}`
            ],
            options
          );
        }
        if (options.delimiter_auto.size === void 0)
          options.delimiter_auto.size = 2048;
        else if (typeof options.delimiter_auto.size !== "number") {
          throw new CsvError(
            "CSV_INVALID_OPTION_DELIMITER_AUTO",
            [
              "Invalid option delimiter_auto:",
              "size must be a number,",
              `got ${JSON.stringify(options.delimiter_auto.size)}`
            ],
            options
          );
        }
      }
      const delimiter_json = JSON.stringify(options.delimiter);
      if (options.delimiter_auto !== false) {
        options.delimiter = [];
      }
      if (!Array.isArray(options.delimiter)) {
        if (options.delimiter === void 0 || options.delimiter === null || options.delimiter === false) {
          options.delimiter = Buffer.from(",", options.encoding);
        }
        options.delimiter = [options.delimiter];
      }
      options.delimiter = options.delimiter.map(function(delimiter) {
        if (typeof delimiter === "string") {
          delimiter = Buffer.from(delimiter, options.encoding);
        }
        if (!Buffer.isBuffer(delimiter) || delimiter.length === 0) {
          throw new CsvError(
            "CSV_INVALID_OPTION_DELIMITER",
            [
              "Invalid option delimiter:",
              "delimiter must be a non empty string or buffer or array of string|buffer,",
              `got ${delimiter_json}`
            ],
            options
          );
        }
        return delimiter;
      });
      if (options.escape === void 0 || options.escape === true) {
        options.escape = Buffer.from('"', options.encoding);
      } else if (typeof options.escape === "string") {
        options.escape = Buffer.from(options.escape, options.encoding);
      } else if (options.escape === null || options.escape === false) {
        options.escape = null;
      }
      if (options.escape !== null) {
        if (!Buffer.isBuffer(options.escape)) {
          throw new Error(
            `Invalid Option: escape must be a buffer, a string or a boolean, got ${JSON.stringify(options.escape)}`
          );
        }
      }
      if (options.from === void 0 || options.from === null) {
        options.from = 1;
      } else {
        if (typeof options.from === "string" && /\d+/.test(options.from)) {
          options.from = parseInt(options.from);
        }
        if (Number.isInteger(options.from)) {
          if (options.from < 0) {
            throw new Error(
              `Invalid Option: from must be a positive integer, got ${JSON.stringify(opts.from)}`
            );
          }
        } else {
          throw new Error(
            `Invalid Option: from must be an integer, got ${JSON.stringify(options.from)}`
          );
        }
      }
      if (options.from_line === void 0 || options.from_line === null) {
        options.from_line = 1;
      } else {
        if (typeof options.from_line === "string" && /\d+/.test(options.from_line)) {
          options.from_line = parseInt(options.from_line);
        }
        if (Number.isInteger(options.from_line)) {
          if (options.from_line <= 0) {
            throw new Error(
              `Invalid Option: from_line must be a positive integer greater than 0, got ${JSON.stringify(opts.from_line)}`
            );
          }
        } else {
          throw new Error(
            `Invalid Option: from_line must be an integer, got ${JSON.stringify(opts.from_line)}`
          );
        }
      }
      if (options.ignore_last_delimiters === void 0 || options.ignore_last_delimiters === null) {
        options.ignore_last_delimiters = false;
      } else if (typeof options.ignore_last_delimiters === "number") {
        options.ignore_last_delimiters = Math.floor(options.ignore_last_delimiters);
        if (options.ignore_last_delimiters === 0) {
          options.ignore_last_delimiters = false;
        }
      } else if (typeof options.ignore_last_delimiters !== "boolean") {
        throw new CsvError(
          "CSV_INVALID_OPTION_IGNORE_LAST_DELIMITERS",
          [
            "Invalid option `ignore_last_delimiters`:",
            "the value must be a boolean value or an integer,",
            `got ${JSON.stringify(options.ignore_last_delimiters)}`
          ],
          options
        );
      }
      if (options.ignore_last_delimiters === true && options.columns === false) {
        throw new CsvError(
          "CSV_IGNORE_LAST_DELIMITERS_REQUIRES_COLUMNS",
          [
            "The option `ignore_last_delimiters`",
            "requires the activation of the `columns` option"
          ],
          options
        );
      }
      if (options.info === void 0 || options.info === null || options.info === false) {
        options.info = false;
      } else if (options.info !== true) {
        throw new Error(
          `Invalid Option: info must be true, got ${JSON.stringify(options.info)}`
        );
      }
      if (options.max_record_size === void 0 || options.max_record_size === null || options.max_record_size === false) {
        options.max_record_size = 0;
      } else if (Number.isInteger(options.max_record_size) && options.max_record_size >= 0) {
      } else if (typeof options.max_record_size === "string" && /\d+/.test(options.max_record_size)) {
        options.max_record_size = parseInt(options.max_record_size);
      } else {
        throw new Error(
          `Invalid Option: max_record_size must be a positive integer, got ${JSON.stringify(options.max_record_size)}`
        );
      }
      if (options.objname === void 0 || options.objname === null || options.objname === false) {
        options.objname = void 0;
      } else if (Buffer.isBuffer(options.objname)) {
        if (options.objname.length === 0) {
          throw new Error(`Invalid Option: objname must be a non empty buffer`);
        }
        if (options.encoding === null) {
        } else {
          options.objname = options.objname.toString(options.encoding);
        }
      } else if (typeof options.objname === "string") {
        if (options.objname.length === 0) {
          throw new Error(`Invalid Option: objname must be a non empty string`);
        }
      } else if (typeof options.objname === "number") {
      } else {
        throw new Error(
          `Invalid Option: objname must be a string or a buffer, got ${options.objname}`
        );
      }
      if (options.objname !== void 0) {
        if (typeof options.objname === "number") {
          if (options.columns !== false) {
            throw Error(
              "Invalid Option: objname index cannot be combined with columns or be defined as a field"
            );
          }
        } else {
          if (options.columns === false) {
            throw Error(
              "Invalid Option: objname field must be combined with columns or be defined as an index"
            );
          }
        }
      }
      if (options.on_record === void 0 || options.on_record === null) {
        options.on_record = void 0;
      } else if (typeof options.on_record !== "function") {
        throw new CsvError(
          "CSV_INVALID_OPTION_ON_RECORD",
          [
            "Invalid option `on_record`:",
            "expect a function,",
            `got ${JSON.stringify(options.on_record)}`
          ],
          options
        );
      }
      if (options.on_skip !== void 0 && options.on_skip !== null && typeof options.on_skip !== "function") {
        throw new Error(
          `Invalid Option: on_skip must be a function, got ${JSON.stringify(options.on_skip)}`
        );
      }
      if (options.quote === null || options.quote === false || options.quote === "") {
        options.quote = null;
      } else {
        if (options.quote === void 0 || options.quote === true) {
          options.quote = Buffer.from('"', options.encoding);
        } else if (typeof options.quote === "string") {
          options.quote = Buffer.from(options.quote, options.encoding);
        }
        if (!Buffer.isBuffer(options.quote)) {
          throw new Error(
            `Invalid Option: quote must be a buffer or a string, got ${JSON.stringify(options.quote)}`
          );
        }
      }
      if (options.raw === void 0 || options.raw === null || options.raw === false) {
        options.raw = false;
      } else if (options.raw !== true) {
        throw new Error(
          `Invalid Option: raw must be true, got ${JSON.stringify(options.raw)}`
        );
      }
      if (options.record_delimiter === void 0) {
        options.record_delimiter = [];
      } else if (typeof options.record_delimiter === "string" || Buffer.isBuffer(options.record_delimiter)) {
        if (options.record_delimiter.length === 0) {
          throw new CsvError(
            "CSV_INVALID_OPTION_RECORD_DELIMITER",
            [
              "Invalid option `record_delimiter`:",
              "value must be a non empty string or buffer,",
              `got ${JSON.stringify(options.record_delimiter)}`
            ],
            options
          );
        }
        options.record_delimiter = [options.record_delimiter];
      } else if (!Array.isArray(options.record_delimiter)) {
        throw new CsvError(
          "CSV_INVALID_OPTION_RECORD_DELIMITER",
          [
            "Invalid option `record_delimiter`:",
            "value must be a string, a buffer or array of string|buffer,",
            `got ${JSON.stringify(options.record_delimiter)}`
          ],
          options
        );
      }
      options.record_delimiter = options.record_delimiter.map(function(rd, i) {
        if (typeof rd !== "string" && !Buffer.isBuffer(rd)) {
          throw new CsvError(
            "CSV_INVALID_OPTION_RECORD_DELIMITER",
            [
              "Invalid option `record_delimiter`:",
              "value must be a string, a buffer or array of string|buffer",
              `at index ${i},`,
              `got ${JSON.stringify(rd)}`
            ],
            options
          );
        } else if (rd.length === 0) {
          throw new CsvError(
            "CSV_INVALID_OPTION_RECORD_DELIMITER",
            [
              "Invalid option `record_delimiter`:",
              "value must be a non empty string or buffer",
              `at index ${i},`,
              `got ${JSON.stringify(rd)}`
            ],
            options
          );
        }
        if (typeof rd === "string") {
          rd = Buffer.from(rd, options.encoding);
        }
        return rd;
      });
      if (typeof options.relax_column_count === "boolean") {
      } else if (options.relax_column_count === void 0 || options.relax_column_count === null) {
        options.relax_column_count = false;
      } else {
        throw new Error(
          `Invalid Option: relax_column_count must be a boolean, got ${JSON.stringify(options.relax_column_count)}`
        );
      }
      if (typeof options.relax_column_count_less === "boolean") {
      } else if (options.relax_column_count_less === void 0 || options.relax_column_count_less === null) {
        options.relax_column_count_less = false;
      } else {
        throw new Error(
          `Invalid Option: relax_column_count_less must be a boolean, got ${JSON.stringify(options.relax_column_count_less)}`
        );
      }
      if (typeof options.relax_column_count_more === "boolean") {
      } else if (options.relax_column_count_more === void 0 || options.relax_column_count_more === null) {
        options.relax_column_count_more = false;
      } else {
        throw new Error(
          `Invalid Option: relax_column_count_more must be a boolean, got ${JSON.stringify(options.relax_column_count_more)}`
        );
      }
      if (typeof options.relax_quotes === "boolean") {
      } else if (options.relax_quotes === void 0 || options.relax_quotes === null) {
        options.relax_quotes = false;
      } else {
        throw new Error(
          `Invalid Option: relax_quotes must be a boolean, got ${JSON.stringify(options.relax_quotes)}`
        );
      }
      if (typeof options.skip_empty_lines === "boolean") {
      } else if (options.skip_empty_lines === void 0 || options.skip_empty_lines === null) {
        options.skip_empty_lines = false;
      } else {
        throw new Error(
          `Invalid Option: skip_empty_lines must be a boolean, got ${JSON.stringify(options.skip_empty_lines)}`
        );
      }
      if (typeof options.skip_records_with_empty_values === "boolean") {
      } else if (options.skip_records_with_empty_values === void 0 || options.skip_records_with_empty_values === null) {
        options.skip_records_with_empty_values = false;
      } else {
        throw new Error(
          `Invalid Option: skip_records_with_empty_values must be a boolean, got ${JSON.stringify(options.skip_records_with_empty_values)}`
        );
      }
      if (typeof options.skip_records_with_error === "boolean") {
      } else if (options.skip_records_with_error === void 0 || options.skip_records_with_error === null) {
        options.skip_records_with_error = false;
      } else {
        throw new Error(
          `Invalid Option: skip_records_with_error must be a boolean, got ${JSON.stringify(options.skip_records_with_error)}`
        );
      }
      if (options.rtrim === void 0 || options.rtrim === null || options.rtrim === false) {
        options.rtrim = false;
      } else if (options.rtrim !== true) {
        throw new Error(
          `Invalid Option: rtrim must be a boolean, got ${JSON.stringify(options.rtrim)}`
        );
      }
      if (options.ltrim === void 0 || options.ltrim === null || options.ltrim === false) {
        options.ltrim = false;
      } else if (options.ltrim !== true) {
        throw new Error(
          `Invalid Option: ltrim must be a boolean, got ${JSON.stringify(options.ltrim)}`
        );
      }
      if (options.trim === void 0 || options.trim === null || options.trim === false) {
        options.trim = false;
      } else if (options.trim !== true) {
        throw new Error(
          `Invalid Option: trim must be a boolean, got ${JSON.stringify(options.trim)}`
        );
      }
      if (options.trim === true && opts.ltrim !== false) {
        options.ltrim = true;
      } else if (options.ltrim !== true) {
        options.ltrim = false;
      }
      if (options.trim === true && opts.rtrim !== false) {
        options.rtrim = true;
      } else if (options.rtrim !== true) {
        options.rtrim = false;
      }
      if (options.to === void 0 || options.to === null) {
        options.to = -1;
      } else if (options.to !== -1) {
        if (typeof options.to === "string" && /\d+/.test(options.to)) {
          options.to = parseInt(options.to);
        }
        if (Number.isInteger(options.to)) {
          if (options.to <= 0) {
            throw new Error(
              `Invalid Option: to must be a positive integer greater than 0, got ${JSON.stringify(opts.to)}`
            );
          }
        } else {
          throw new Error(
            `Invalid Option: to must be an integer, got ${JSON.stringify(opts.to)}`
          );
        }
      }
      if (options.to_line === void 0 || options.to_line === null) {
        options.to_line = -1;
      } else if (options.to_line !== -1) {
        if (typeof options.to_line === "string" && /\d+/.test(options.to_line)) {
          options.to_line = parseInt(options.to_line);
        }
        if (Number.isInteger(options.to_line)) {
          if (options.to_line <= 0) {
            throw new Error(
              `Invalid Option: to_line must be a positive integer greater than 0, got ${JSON.stringify(opts.to_line)}`
            );
          }
        } else {
          throw new Error(
            `Invalid Option: to_line must be an integer, got ${JSON.stringify(opts.to_line)}`
          );
        }
      }
      return options;
    };
  }
});

// node_modules/csv-parse/lib/utils/delimiter_discover.js
var delimiter_discover, std;
var init_delimiter_discover = __esm({
  "node_modules/csv-parse/lib/utils/delimiter_discover.js"() {
    init_normalize_options();
    init_api();
    delimiter_discover = function(records, options) {
      if (!options) {
        ({ delimiter_auto: options } = normalize_options({ delimiter_auto: true }));
      }
      if (typeof records === "string") {
        records = Buffer.from(records);
      }
      if (Buffer.isBuffer(records)) {
        records = ((data) => {
          const records2 = [];
          const parser = transform({ delimiter: [] });
          const push = (record) => records2.push(record);
          const close = () => {
          };
          const error = parser.parse(data, true, push, close);
          if (error !== void 0) throw error;
          return records2;
        })(records);
      }
      const info = Array(127).fill().map(() => ({ lines: [] }));
      records.map(([record], line) => {
        for (let i = 0, l = record.length; i < l; i++) {
          const code2 = record.charCodeAt(i);
          if (info[code2].lines[line] === void 0) info[code2].lines[line] = 0;
          info[code2].lines[line]++;
        }
      });
      info.map((info2, i) => {
        info2.char_code = i;
        info2.std = std(info2.lines);
        info2.total = info2.lines.reduce((acc, val) => acc + val, 0);
        info2.preferred = !!options.preferred[i];
        info2.score = options.score(info2, options);
      });
      const result = info.reduce(
        (acc, info2) => acc.score > info2.score ? acc : info2,
        {}
      );
      return String.fromCharCode(result.char_code);
    };
    std = function(array) {
      const n = array.length;
      if (n === 0) return 0;
      const mean = array.reduce((a, b) => a + b) / n;
      return Math.sqrt(
        array.map((x) => Math.pow(x - mean, 2)).reduce((a, b) => a + b) / n
      );
    };
  }
});

// node_modules/csv-parse/lib/api/index.js
var isRecordEmpty, cr, nl, boms, transform;
var init_api = __esm({
  "node_modules/csv-parse/lib/api/index.js"() {
    init_normalize_columns_array();
    init_init_state();
    init_normalize_options();
    init_CsvError();
    init_delimiter_discover();
    isRecordEmpty = function(record) {
      return record.every(
        (field) => field == null || field.toString && field.toString().trim() === ""
      );
    };
    cr = 13;
    nl = 10;
    boms = {
      // Note, the following are equals:
      // Buffer.from("\ufeff")
      // Buffer.from([239, 187, 191])
      // Buffer.from('EFBBBF', 'hex')
      utf8: Buffer.from([239, 187, 191]),
      // Note, the following are equals:
      // Buffer.from "\ufeff", 'utf16le
      // Buffer.from([255, 254])
      utf16le: Buffer.from([255, 254])
    };
    transform = function(original_options = {}) {
      const info = {
        bytes: 0,
        bytes_records: 0,
        comment_lines: 0,
        empty_lines: 0,
        invalid_field_length: 0,
        lines: 1,
        records: 0
      };
      const options = normalize_options(original_options);
      return {
        info,
        original_options,
        options,
        state: init_state(options),
        __needMoreData: function(i, bufLen, end) {
          if (end) return false;
          const { encoding, escape: escape2, quote: quote2 } = this.options;
          const { quoting, needMoreDataSize, recordDelimiterMaxLength } = this.state;
          const numOfCharLeft = bufLen - i - 1;
          const requiredLength = Math.max(
            needMoreDataSize,
            // Skip if the remaining buffer smaller than record delimiter
            // If "record_delimiter" is yet to be discovered:
            // 1. It is equals to `[]` and "recordDelimiterMaxLength" equals `0`
            // 2. We set the length to windows line ending in the current encoding
            // Note, that encoding is known from user or bom discovery at that point
            // recordDelimiterMaxLength,
            recordDelimiterMaxLength === 0 ? Buffer.from("\r\n", encoding).length : recordDelimiterMaxLength,
            // Skip if remaining buffer can be an escaped quote
            quoting ? (escape2 === null ? 0 : escape2.length) + quote2.length : 0,
            // Skip if remaining buffer can be record delimiter following the closing quote
            quoting ? quote2.length + recordDelimiterMaxLength : 0
          );
          return numOfCharLeft < requiredLength;
        },
        // Central parser implementation
        parse: function(nextBuf, end, push, close) {
          const {
            bom,
            comment_no_infix,
            delimiter_auto,
            encoding,
            from_line,
            ltrim,
            max_record_size,
            raw,
            relax_quotes,
            rtrim,
            skip_empty_lines,
            to,
            to_line
          } = this.options;
          let { comment, escape: escape2, quote: quote2, record_delimiter } = this.options;
          const {
            bomSkipped,
            delimiterDiscovered,
            delimiterBufPrevious,
            rawBuffer,
            escapeIsQuote
          } = this.state;
          if (!delimiterDiscovered && delimiter_auto) {
            let delimiterBuf;
            if (delimiterBufPrevious === void 0) {
              delimiterBuf = nextBuf;
            } else if (delimiterBufPrevious !== void 0 && nextBuf === void 0) {
              delimiterBuf = delimiterBufPrevious;
            } else {
              delimiterBuf = Buffer.concat([delimiterBufPrevious, nextBuf]);
            }
            nextBuf = void 0;
            if (end || delimiterBuf.length > delimiter_auto.size) {
              this.options.delimiter = [
                Buffer.from(
                  delimiter_discover(delimiterBuf, this.options.delimiter_auto)
                )
              ];
              this.state.previousBuf = delimiterBuf;
              this.state.delimiterBufPrevious = void 0;
              this.state.delimiterDiscovered = true;
            } else {
              this.state.delimiterBufPrevious = delimiterBuf;
              return;
            }
          }
          const { previousBuf } = this.state;
          let buf;
          if (previousBuf === void 0) {
            if (nextBuf === void 0) {
              close();
              return;
            } else {
              buf = nextBuf;
            }
          } else if (previousBuf !== void 0 && nextBuf === void 0) {
            buf = previousBuf;
          } else {
            buf = Buffer.concat([previousBuf, nextBuf]);
          }
          if (bomSkipped === false) {
            if (bom === false) {
              this.state.bomSkipped = true;
            } else if (buf.length < 3) {
              if (end === false) {
                this.state.previousBuf = buf;
                return;
              }
            } else {
              for (const encoding2 in boms) {
                if (boms[encoding2].compare(buf, 0, boms[encoding2].length) === 0) {
                  const bomLength = boms[encoding2].length;
                  this.state.bufBytesStart += bomLength;
                  buf = buf.slice(bomLength);
                  const options2 = normalize_options({
                    ...this.original_options,
                    encoding: encoding2
                  });
                  for (const key in options2) {
                    this.options[key] = options2[key];
                  }
                  ({ comment, escape: escape2, quote: quote2 } = this.options);
                  break;
                }
              }
              this.state.bomSkipped = true;
            }
          }
          const bufLen = buf.length;
          let pos;
          for (pos = 0; pos < bufLen; pos++) {
            if (this.__needMoreData(pos, bufLen, end)) {
              break;
            }
            if (this.state.wasRowDelimiter === true) {
              this.info.lines++;
              this.state.wasRowDelimiter = false;
            }
            if (to_line !== -1 && this.info.lines > to_line) {
              this.state.stop = true;
              close();
              return;
            }
            if (this.state.quoting === false && record_delimiter.length === 0) {
              const record_delimiterCount = this.__autoDiscoverRecordDelimiter(
                buf,
                pos
              );
              if (record_delimiterCount) {
                record_delimiter = this.options.record_delimiter;
              }
            }
            const chr = buf[pos];
            if (raw === true) {
              rawBuffer.append(chr);
            }
            if ((chr === cr || chr === nl) && this.state.wasRowDelimiter === false) {
              this.state.wasRowDelimiter = true;
            }
            if (this.state.escaping === true) {
              this.state.escaping = false;
            } else {
              if (escape2 !== null && this.state.quoting === true && this.__isEscape(buf, pos, chr) && pos + escape2.length < bufLen) {
                if (escapeIsQuote) {
                  if (this.__isQuote(buf, pos + escape2.length)) {
                    this.state.escaping = true;
                    pos += escape2.length - 1;
                    continue;
                  }
                } else {
                  this.state.escaping = true;
                  pos += escape2.length - 1;
                  continue;
                }
              }
              if (this.state.commenting === false && this.__isQuote(buf, pos)) {
                if (this.state.quoting === true) {
                  const nextChr = buf[pos + quote2.length];
                  const isNextChrTrimable = rtrim && this.__isCharTrimable(buf, pos + quote2.length);
                  const isNextChrComment = comment !== null && this.__compareBytes(comment, buf, pos + quote2.length, nextChr);
                  const isNextChrDelimiter = this.__isDelimiter(
                    buf,
                    pos + quote2.length,
                    nextChr
                  );
                  const isNextChrRecordDelimiter = record_delimiter.length === 0 ? this.__autoDiscoverRecordDelimiter(buf, pos + quote2.length) : this.__isRecordDelimiter(nextChr, buf, pos + quote2.length);
                  if (escape2 !== null && this.__isEscape(buf, pos, chr) && this.__isQuote(buf, pos + escape2.length)) {
                    pos += escape2.length - 1;
                  } else if (!nextChr || isNextChrDelimiter || isNextChrRecordDelimiter || isNextChrComment || isNextChrTrimable) {
                    this.state.quoting = false;
                    this.state.wasQuoting = true;
                    pos += quote2.length - 1;
                    continue;
                  } else if (relax_quotes === false) {
                    const err = this.__error(
                      new CsvError(
                        "CSV_INVALID_CLOSING_QUOTE",
                        [
                          "Invalid Closing Quote:",
                          `got "${String.fromCharCode(nextChr)}"`,
                          `at line ${this.info.lines}`,
                          "instead of delimiter, record delimiter, trimable character",
                          "(if activated) or comment"
                        ],
                        this.options,
                        this.__infoField()
                      )
                    );
                    if (err !== void 0) return err;
                  } else {
                    this.state.quoting = false;
                    this.state.wasQuoting = true;
                    this.state.field.prepend(quote2);
                    pos += quote2.length - 1;
                  }
                } else {
                  if (this.state.field.length !== 0) {
                    if (relax_quotes === false) {
                      const info2 = this.__infoField();
                      const bom2 = Object.keys(boms).map(
                        (b) => boms[b].equals(this.state.field.toString()) ? b : false
                      ).filter(Boolean)[0];
                      const err = this.__error(
                        new CsvError(
                          "INVALID_OPENING_QUOTE",
                          [
                            "Invalid Opening Quote:",
                            `a quote is found on field ${JSON.stringify(info2.column)} at line ${info2.lines}, value is ${JSON.stringify(this.state.field.toString(encoding))}`,
                            bom2 ? `(${bom2} bom)` : void 0
                          ],
                          this.options,
                          info2,
                          {
                            field: this.state.field
                          }
                        )
                      );
                      if (err !== void 0) return err;
                    }
                  } else {
                    this.state.quoting = true;
                    pos += quote2.length - 1;
                    continue;
                  }
                }
              }
              if (this.state.quoting === false) {
                const recordDelimiterLength = this.__isRecordDelimiter(
                  chr,
                  buf,
                  pos
                );
                if (recordDelimiterLength !== 0) {
                  const skipCommentLine = this.state.commenting && this.state.wasQuoting === false && this.state.record.length === 0 && this.state.field.length === 0;
                  if (skipCommentLine) {
                    this.info.comment_lines++;
                  } else {
                    if (this.state.enabled === false && this.info.lines + (this.state.wasRowDelimiter === true ? 1 : 0) >= from_line) {
                      this.state.enabled = true;
                      this.__resetField();
                      this.__resetRecord();
                      pos += recordDelimiterLength - 1;
                      continue;
                    }
                    if (skip_empty_lines === true && this.state.wasQuoting === false && this.state.record.length === 0 && this.state.field.length === 0) {
                      this.info.empty_lines++;
                      pos += recordDelimiterLength - 1;
                      continue;
                    }
                    this.info.bytes = this.state.bufBytesStart + pos;
                    const errField = this.__onField();
                    if (errField !== void 0) return errField;
                    this.info.bytes = this.state.bufBytesStart + pos + recordDelimiterLength;
                    const errRecord = this.__onRecord(push);
                    if (errRecord !== void 0) return errRecord;
                    if (to !== -1 && this.info.records >= to) {
                      this.state.stop = true;
                      close();
                      return;
                    }
                  }
                  this.state.commenting = false;
                  pos += recordDelimiterLength - 1;
                  continue;
                }
                if (this.state.commenting) {
                  continue;
                }
                if (comment !== null && (comment_no_infix === false || this.state.record.length === 0 && this.state.field.length === 0)) {
                  const commentCount = this.__compareBytes(comment, buf, pos, chr);
                  if (commentCount !== 0) {
                    this.state.commenting = true;
                    continue;
                  }
                }
                const delimiterLength = this.__isDelimiter(buf, pos, chr);
                if (delimiterLength !== 0) {
                  this.info.bytes = this.state.bufBytesStart + pos;
                  const errField = this.__onField();
                  if (errField !== void 0) return errField;
                  pos += delimiterLength - 1;
                  continue;
                }
              }
            }
            if (this.state.commenting === false) {
              if (max_record_size !== 0 && this.state.record_length + this.state.field.length > max_record_size) {
                return this.__error(
                  new CsvError(
                    "CSV_MAX_RECORD_SIZE",
                    [
                      "Max Record Size:",
                      "record exceed the maximum number of tolerated bytes",
                      `of ${max_record_size}`,
                      `at line ${this.info.lines}`
                    ],
                    this.options,
                    this.__infoField()
                  )
                );
              }
            }
            const lappend = ltrim === false || this.state.quoting === true || this.state.field.length !== 0 || !this.__isCharTrimable(buf, pos);
            const rappend = rtrim === false || this.state.wasQuoting === false;
            if (lappend === true && rappend === true) {
              this.state.field.append(chr);
            } else if (rtrim === true && !this.__isCharTrimable(buf, pos)) {
              return this.__error(
                new CsvError(
                  "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE",
                  [
                    "Invalid Closing Quote:",
                    "found non trimable byte after quote",
                    `at line ${this.info.lines}`
                  ],
                  this.options,
                  this.__infoField()
                )
              );
            } else {
              if (lappend === false) {
                pos += this.__isCharTrimable(buf, pos) - 1;
              }
              continue;
            }
          }
          if (end === true) {
            if (this.state.quoting === true) {
              const err = this.__error(
                new CsvError(
                  "CSV_QUOTE_NOT_CLOSED",
                  [
                    "Quote Not Closed:",
                    `the parsing is finished with an opening quote at line ${this.info.lines}`
                  ],
                  this.options,
                  this.__infoField()
                )
              );
              if (err !== void 0) return err;
            } else {
              if (this.state.wasQuoting === true || this.state.record.length !== 0 || this.state.field.length !== 0) {
                this.info.bytes = this.state.bufBytesStart + pos;
                const errField = this.__onField();
                if (errField !== void 0) return errField;
                const errRecord = this.__onRecord(push);
                if (errRecord !== void 0) return errRecord;
              } else if (this.state.wasRowDelimiter === true) {
                this.info.empty_lines++;
              } else if (this.state.commenting === true) {
                this.info.comment_lines++;
              }
            }
          } else {
            this.state.bufBytesStart += pos;
            this.state.previousBuf = buf.slice(pos);
          }
          if (this.state.wasRowDelimiter === true) {
            this.info.lines++;
            this.state.wasRowDelimiter = false;
          }
        },
        __onRecord: function(push) {
          const {
            columns,
            group_columns_by_name,
            encoding,
            info: info2,
            from,
            relax_column_count,
            relax_column_count_less,
            relax_column_count_more,
            raw,
            skip_records_with_empty_values
          } = this.options;
          const { enabled, record } = this.state;
          if (enabled === false) {
            return this.__resetRecord();
          }
          const recordLength = record.length;
          if (columns === true) {
            if (skip_records_with_empty_values === true && isRecordEmpty(record)) {
              this.__resetRecord();
              return;
            }
            return this.__firstLineToColumns(record);
          }
          if (columns === false && this.info.records === 0) {
            this.state.expectedRecordLength = recordLength;
          }
          if (recordLength !== this.state.expectedRecordLength) {
            const err = columns === false ? new CsvError(
              "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH",
              [
                "Invalid Record Length:",
                `expect ${this.state.expectedRecordLength},`,
                `got ${recordLength} on line ${this.info.lines}`
              ],
              this.options,
              this.__infoField(),
              {
                record
              }
            ) : new CsvError(
              "CSV_RECORD_INCONSISTENT_COLUMNS",
              [
                "Invalid Record Length:",
                `columns length is ${columns.length},`,
                // rename columns
                `got ${recordLength} on line ${this.info.lines}`
              ],
              this.options,
              this.__infoField(),
              {
                record
              }
            );
            if (relax_column_count === true || relax_column_count_less === true && recordLength < this.state.expectedRecordLength || relax_column_count_more === true && recordLength > this.state.expectedRecordLength) {
              this.info.invalid_field_length++;
              this.state.error = err;
            } else {
              const finalErr = this.__error(err);
              if (finalErr) return finalErr;
            }
          }
          if (skip_records_with_empty_values === true && isRecordEmpty(record)) {
            this.__resetRecord();
            return;
          }
          if (this.state.recordHasError === true) {
            this.__resetRecord();
            this.state.recordHasError = false;
            return;
          }
          this.info.records++;
          if (from === 1 || this.info.records >= from) {
            const { objname } = this.options;
            if (columns !== false) {
              const obj = {};
              for (let i = 0, l = record.length; i < l; i++) {
                if (columns[i] === void 0 || columns[i].disabled) continue;
                if (group_columns_by_name === true && Object.hasOwn(obj, columns[i].name)) {
                  if (Array.isArray(obj[columns[i].name])) {
                    obj[columns[i].name] = obj[columns[i].name].concat(record[i]);
                  } else {
                    obj[columns[i].name] = [obj[columns[i].name], record[i]];
                  }
                } else {
                  Object.defineProperty(obj, columns[i].name, {
                    value: record[i],
                    enumerable: true,
                    writable: true,
                    configurable: true
                  });
                }
              }
              if (raw === true || info2 === true) {
                const extRecord = Object.assign(
                  { record: obj },
                  raw === true ? { raw: this.state.rawBuffer.toString(encoding) } : {},
                  info2 === true ? { info: this.__infoRecord() } : {}
                );
                const err = this.__push(
                  objname === void 0 ? extRecord : [obj[objname], extRecord],
                  push
                );
                if (err) {
                  return err;
                }
              } else {
                const err = this.__push(
                  objname === void 0 ? obj : [obj[objname], obj],
                  push
                );
                if (err) {
                  return err;
                }
              }
            } else {
              if (raw === true || info2 === true) {
                const extRecord = Object.assign(
                  { record },
                  raw === true ? { raw: this.state.rawBuffer.toString(encoding) } : {},
                  info2 === true ? { info: this.__infoRecord() } : {}
                );
                const err = this.__push(
                  objname === void 0 ? extRecord : [record[objname], extRecord],
                  push
                );
                if (err) {
                  return err;
                }
              } else {
                const err = this.__push(
                  objname === void 0 ? record : [record[objname], record],
                  push
                );
                if (err) {
                  return err;
                }
              }
            }
          }
          this.__resetRecord();
        },
        __firstLineToColumns: function(record) {
          const { firstLineToHeaders } = this.state;
          try {
            const headers = firstLineToHeaders === void 0 ? record : firstLineToHeaders.call(null, record);
            if (!Array.isArray(headers)) {
              return this.__error(
                new CsvError(
                  "CSV_INVALID_COLUMN_MAPPING",
                  [
                    "Invalid Column Mapping:",
                    "expect an array from column function,",
                    `got ${JSON.stringify(headers)}`
                  ],
                  this.options,
                  this.__infoField(),
                  {
                    headers
                  }
                )
              );
            }
            const normalizedHeaders = normalize_columns_array(headers);
            this.state.expectedRecordLength = normalizedHeaders.length;
            this.options.columns = normalizedHeaders;
            this.__resetRecord();
            return;
          } catch (err) {
            return err;
          }
        },
        __resetRecord: function() {
          if (this.options.raw === true) {
            this.state.rawBuffer.reset();
          }
          this.state.error = void 0;
          this.state.record = [];
          this.state.record_length = 0;
        },
        __onField: function() {
          const { cast, encoding, rtrim, max_record_size } = this.options;
          const { enabled, wasQuoting } = this.state;
          if (enabled === false) {
            return this.__resetField();
          }
          let field = this.state.field.toString(encoding);
          if (rtrim === true && wasQuoting === false) {
            field = field.trimRight();
          }
          if (cast === true) {
            const [err, f] = this.__cast(field);
            if (err !== void 0) return err;
            field = f;
          }
          this.state.record.push(field);
          if (max_record_size !== 0 && typeof field === "string") {
            this.state.record_length += field.length;
          }
          this.__resetField();
        },
        __resetField: function() {
          this.state.field.reset();
          this.state.wasQuoting = false;
        },
        __push: function(record, push) {
          const { on_record } = this.options;
          if (on_record !== void 0) {
            const info2 = this.__infoRecord();
            try {
              record = on_record.call(null, record, info2);
            } catch (err) {
              return err;
            }
            if (record === void 0 || record === null) {
              return;
            }
          }
          this.info.bytes_records += this.info.bytes;
          push(record);
        },
        // Return a tuple with the error and the casted value
        __cast: function(field) {
          const { columns, relax_column_count } = this.options;
          const isColumns = Array.isArray(columns);
          if (isColumns === true && relax_column_count && this.options.columns.length <= this.state.record.length) {
            return [void 0, void 0];
          }
          if (this.state.castField !== null) {
            try {
              const info2 = this.__infoField();
              return [void 0, this.state.castField.call(null, field, info2)];
            } catch (err) {
              return [err];
            }
          }
          if (this.__isFloat(field)) {
            return [void 0, parseFloat(field)];
          } else if (this.options.cast_date !== false) {
            const info2 = this.__infoField();
            return [void 0, this.options.cast_date.call(null, field, info2)];
          }
          return [void 0, field];
        },
        __compareBytes: function(sourceBuf, targetBuf, targetPos, firstByte) {
          if (sourceBuf[0] !== firstByte) return 0;
          const sourceLength = sourceBuf.length;
          for (let i = 1; i < sourceLength; i++) {
            if (sourceBuf[i] !== targetBuf[targetPos + i]) return 0;
          }
          return sourceLength;
        },
        // Helper to test if a character is trimable
        __isCharTrimable: function(buf, pos) {
          const { timchars, timcharFirstBytes } = this.state;
          const first = buf[pos];
          if (first === void 0 || timcharFirstBytes[first] === 0) return 0;
          loop1: for (let i = 0; i < timchars.length; i++) {
            const timchar = timchars[i];
            for (let j = 0; j < timchar.length; j++) {
              if (timchar[j] !== buf[pos + j]) continue loop1;
            }
            return timchar.length;
          }
          return 0;
        },
        __isDelimiter: function(buf, pos, chr) {
          const { delimiter, ignore_last_delimiters } = this.options;
          if (ignore_last_delimiters === true && this.state.record.length === this.options.columns.length - 1) {
            return 0;
          } else if (ignore_last_delimiters !== false && typeof ignore_last_delimiters === "number" && this.state.record.length === ignore_last_delimiters - 1) {
            return 0;
          }
          loop1: for (let i = 0; i < delimiter.length; i++) {
            const del = delimiter[i];
            if (del[0] === chr) {
              for (let j = 1; j < del.length; j++) {
                if (del[j] !== buf[pos + j]) continue loop1;
              }
              return del.length;
            }
          }
          return 0;
        },
        __isEscape: function(buf, pos, chr) {
          const { escape: escape2 } = this.options;
          if (escape2 === null) return false;
          const l = escape2.length;
          if (escape2[0] === chr) {
            for (let i = 0; i < l; i++) {
              if (escape2[i] !== buf[pos + i]) {
                return false;
              }
            }
            return true;
          }
          return false;
        },
        __isFloat: function(value) {
          return value - parseFloat(value) + 1 >= 0;
        },
        // Keep it in case we implement the `cast_int` option
        // __isInt(value){
        //   // return Number.isInteger(parseInt(value))
        //   // return !isNaN( parseInt( obj ) );
        //   return /^(\-|\+)?[1-9][0-9]*$/.test(value)
        // }
        __isQuote: function(buf, pos) {
          const { quote: quote2 } = this.options;
          if (quote2 === null) return false;
          const l = quote2.length;
          for (let i = 0; i < l; i++) {
            if (quote2[i] !== buf[pos + i]) {
              return false;
            }
          }
          return true;
        },
        __isRecordDelimiter: function(chr, buf, pos) {
          const { record_delimiter } = this.options;
          const recordDelimiterLength = record_delimiter.length;
          loop1: for (let i = 0; i < recordDelimiterLength; i++) {
            const rd = record_delimiter[i];
            const rdLength = rd.length;
            if (rd[0] !== chr) {
              continue;
            }
            for (let j = 1; j < rdLength; j++) {
              if (rd[j] !== buf[pos + j]) {
                continue loop1;
              }
            }
            return rd.length;
          }
          return 0;
        },
        __autoDiscoverRecordDelimiter: function(buf, pos) {
          const { encoding } = this.options;
          const rds = [
            // Important, the windows line ending must be before mac os 9
            Buffer.from("\r\n", encoding),
            Buffer.from("\n", encoding),
            Buffer.from("\r", encoding)
          ];
          loop: for (let i = 0; i < rds.length; i++) {
            const l = rds[i].length;
            for (let j = 0; j < l; j++) {
              if (rds[i][j] !== buf[pos + j]) {
                continue loop;
              }
            }
            this.options.record_delimiter.push(rds[i]);
            this.state.recordDelimiterMaxLength = rds[i].length;
            return rds[i].length;
          }
          return 0;
        },
        __error: function(msg) {
          const { encoding, raw, skip_records_with_error } = this.options;
          const err = typeof msg === "string" ? new Error(msg) : msg;
          if (skip_records_with_error) {
            this.state.recordHasError = true;
            if (this.options.on_skip !== void 0) {
              try {
                this.options.on_skip(
                  err,
                  raw ? this.state.rawBuffer.toString(encoding) : void 0
                );
              } catch (err2) {
                return err2;
              }
            }
            return void 0;
          } else {
            return err;
          }
        },
        __infoDataSet: function() {
          return {
            ...this.info,
            columns: this.options.columns
          };
        },
        __infoRecord: function() {
          const { columns, raw, encoding } = this.options;
          return {
            ...this.__infoDataSet(),
            bytes_records: this.info.bytes,
            error: this.state.error,
            header: columns === true,
            index: this.state.record.length,
            raw: raw ? this.state.rawBuffer.toString(encoding) : void 0
          };
        },
        __infoField: function() {
          const { columns } = this.options;
          const isColumns = Array.isArray(columns);
          const bytes_records = this.info.bytes_records;
          return {
            ...this.__infoRecord(),
            bytes_records,
            column: isColumns === true ? columns.length > this.state.record.length ? columns[this.state.record.length].name : null : this.state.record.length,
            quoting: this.state.wasQuoting
          };
        }
      };
    };
  }
});

// node_modules/csv-parse/lib/index.js
import { Transform } from "stream";
var Parser, parse;
var init_lib = __esm({
  "node_modules/csv-parse/lib/index.js"() {
    init_is_object();
    init_api();
    init_CsvError();
    init_normalize_options();
    Parser = class extends Transform {
      constructor(opts = {}) {
        super({ ...{ readableObjectMode: true }, ...opts, encoding: null });
        this.api = transform({
          on_skip: (err, chunk) => {
            this.emit("skip", err, chunk);
          },
          ...opts
        });
        this.state = this.api.state;
        this.options = this.api.options;
        this.info = this.api.info;
      }
      // Implementation of `Transform._transform`
      _transform(buf, _, callback) {
        if (this.state.stop === true) {
          return;
        }
        const err = this.api.parse(
          buf,
          false,
          (record) => {
            this.push(record);
          },
          () => {
            this.push(null);
            this.end();
            this.on("end", this.destroy);
          }
        );
        if (err !== void 0) {
          this.state.stop = true;
        }
        callback(err);
      }
      // Implementation of `Transform._flush`
      _flush(callback) {
        if (this.state.stop === true) {
          return;
        }
        const err = this.api.parse(
          void 0,
          true,
          (record) => {
            this.push(record);
          },
          () => {
            this.push(null);
            this.on("end", this.destroy);
          }
        );
        callback(err);
      }
    };
    parse = function() {
      let data, options, callback;
      for (const i in arguments) {
        const argument = arguments[i];
        const type = typeof argument;
        if (data === void 0 && (typeof argument === "string" || Buffer.isBuffer(argument))) {
          data = argument;
        } else if (options === void 0 && is_object(argument)) {
          options = argument;
        } else if (callback === void 0 && type === "function") {
          callback = argument;
        } else {
          throw new CsvError(
            "CSV_INVALID_ARGUMENT",
            ["Invalid argument:", `got ${JSON.stringify(argument)} at index ${i}`],
            options || {}
          );
        }
      }
      const parser = new Parser(options);
      if (callback) {
        const records = options === void 0 || options.objname === void 0 ? [] : /* @__PURE__ */ Object.create(null);
        parser.on("readable", function() {
          let record;
          while ((record = this.read()) !== null) {
            if (options === void 0 || options.objname === void 0) {
              records.push(record);
            } else {
              Object.assign(records, {
                [record[0]]: record[1]
                // writable: true,
                // enumerable: true,
                // configurable: true
              });
            }
          }
        });
        parser.on("error", function(err) {
          callback(err, void 0, parser.api.__infoDataSet());
        });
        parser.on("end", function() {
          callback(void 0, records, parser.api.__infoDataSet());
        });
      }
      if (data !== void 0) {
        const writer = function() {
          parser.write(data);
          parser.end();
        };
        if (typeof setImmediate === "function") {
          setImmediate(writer);
        } else {
          setTimeout(writer, 0);
        }
      }
      return parser;
    };
  }
});

// src/audit/csv.ts
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { pipeline } from "node:stream/promises";
function normalizeHeader(h) {
  return h.trim().toLowerCase().replace(/[\s-]+/g, "_");
}
function detectColumns(header, mapping = {}) {
  const norm = header.map(normalizeHeader);
  const out = {};
  const used = /* @__PURE__ */ new Set();
  for (const [field, col] of Object.entries(mapping)) {
    if (!FIELDS.includes(field))
      throw new InputError(`unknown column field "${field}" (one of ${FIELDS.join(", ")})`);
    let i = norm.indexOf(normalizeHeader(col));
    if (i < 0 && /^\d+$/.test(col)) i = Number(col) - 1;
    if (i < 0 || i >= header.length) {
      throw new InputError(`column "${col}" for ${field} not in the CSV header (${header.join(", ")})`);
    }
    out[field] = i;
    used.add(i);
  }
  for (const field of FIELDS) {
    if (out[field] !== void 0) continue;
    for (const alias of COLUMN_ALIASES[field]) {
      const i = norm.indexOf(alias);
      if (i >= 0 && !used.has(i)) {
        out[field] = i;
        used.add(i);
        break;
      }
    }
  }
  return out;
}
function num(v) {
  if (v === void 0) return void 0;
  const s = v.trim();
  if (s === "") return void 0;
  const n = Number(s);
  return Number.isFinite(n) ? n : void 0;
}
async function readCsvInto(acc, input, opts = {}) {
  const source = opts.name ?? (typeof input === "string" ? `csv:${basename(input)}` : "csv");
  const stats = { source, rows: 0, malformed: 0, columns: {} };
  let header;
  let idx = {};
  const bad = (row, reason) => {
    stats.malformed++;
    acc.addMalformed({ source, row, reason });
  };
  let consumed = 0;
  let skipped = 0;
  const skipAt = [];
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // An unclosed quote would otherwise gather the rest of the file into one field, in memory.
    max_record_size: MAX_RECORD_CHARS,
    on_skip: (err) => {
      const at = err?.records ?? consumed;
      stats.rows++;
      bad(at + 1 + skipAt.length + skipped, err?.message.split("\n")[0] ?? "unparsable row");
      skipAt.push(at);
      return void 0;
    }
  });
  const onRecord = (rec) => {
    consumed++;
    while (skipAt.length > 0 && skipAt[0] < consumed) {
      skipAt.shift();
      skipped++;
    }
    const row = consumed + skipped;
    if (!header) {
      header = rec;
      idx = detectColumns(rec, opts.columns);
      if (idx.time === void 0) {
        throw new InputError(
          `${source}: no time column (looked for ${COLUMN_ALIASES.time.join(", ")}; header: ${rec.join(", ")}); map one with --column time=NAME`
        );
      }
      for (const f of FIELDS) if (idx[f] !== void 0) stats.columns[f] = rec[idx[f]];
      acc.addGaps(gapsForCsv(source, new Set(FIELDS.filter((f) => idx[f] !== void 0))));
      return;
    }
    stats.rows++;
    if (rec.length !== header.length) {
      bad(row, `expected ${header.length} columns, found ${rec.length}`);
      return;
    }
    const timeText = rec[idx.time];
    const timeMs = parseTimestamp(timeText);
    if (timeMs === void 0) {
      bad(row, `bad time "${timeText.slice(0, 40)}"`);
      return;
    }
    const r = { timeMs, requests: 1, source, row };
    if (idx.status !== void 0) {
      const s = rec[idx.status].trim();
      if (s !== "") {
        const code2 = Number(s);
        if (!STATUS.test(s) || code2 < 100 || code2 > 599) {
          bad(row, `bad status "${s.slice(0, 20)}"`);
          return;
        }
        r.status = code2;
      }
    }
    if (idx.userAgent !== void 0) r.userAgent = rec[idx.userAgent];
    if (idx.ip !== void 0) {
      const ip = rec[idx.ip].trim();
      if (ip !== "" && ip !== "-") r.ip = ip;
    }
    if (idx.path !== void 0) r.path = rec[idx.path];
    if (idx.keyId !== void 0) r.keyId = rec[idx.keyId];
    if (idx.model !== void 0) r.model = rec[idx.model];
    if (idx.tokens !== void 0) r.totalTokens = num(rec[idx.tokens]);
    if (idx.inputTokens !== void 0) r.inputTokens = num(rec[idx.inputTokens]);
    if (idx.outputTokens !== void 0) r.outputTokens = num(rec[idx.outputTokens]);
    if (idx.cost !== void 0) r.costUsd = num(rec[idx.cost]);
    if (idx.requests !== void 0) r.requests = num(rec[idx.requests]) ?? 1;
    acc.add(r);
  };
  const stream = typeof input === "string" ? createReadStream(input, { highWaterMark: 256 * 1024 }) : input;
  let failure;
  try {
    await pipeline(stream, parser, async (records) => {
      try {
        for await (const rec of records) onRecord(rec);
      } catch (e) {
        failure = e;
        throw e;
      }
    });
  } catch (e) {
    throw failure ?? e;
  }
  if (!header) acc.addGaps([`${source}: empty file.`]);
  return stats;
}
var COLUMN_ALIASES, FIELDS, MAX_RECORD_CHARS, STATUS;
var init_csv = __esm({
  "src/audit/csv.ts"() {
    "use strict";
    init_lib();
    init_errors();
    init_gaps();
    init_time();
    COLUMN_ALIASES = {
      time: [
        "time",
        "timestamp",
        "created_at",
        "created",
        "date",
        "datetime",
        "start_time",
        "starttime",
        "request_time",
        "event_time",
        "@timestamp",
        "ts"
      ],
      status: ["status", "status_code", "http_status", "response_code", "statuscode", "http_status_code"],
      userAgent: ["user_agent", "ua", "useragent", "http_user_agent"],
      ip: [
        "ip",
        "client_ip",
        "source_ip",
        "remote_addr",
        "requester_ip_address",
        "ip_address",
        "remote_ip",
        "src_ip",
        "client_address"
      ],
      path: ["path", "endpoint", "url", "route", "request_path", "uri"],
      keyId: ["key_id", "api_key_id", "key", "api_key_hash", "api_key", "key_hash", "key_name"],
      model: ["model", "model_name"],
      tokens: ["tokens", "total_tokens"],
      inputTokens: ["prompt_tokens", "input_tokens"],
      outputTokens: ["completion_tokens", "output_tokens"],
      cost: ["cost", "spend", "cost_usd", "usd"],
      requests: ["requests", "num_requests", "num_model_requests", "request_count"]
    };
    FIELDS = Object.keys(COLUMN_ALIASES);
    MAX_RECORD_CHARS = 1e6;
    STATUS = /^\d{3}(?:\.0+)?$/;
  }
});

// src/audit/render.ts
function code(text, max = 80) {
  if (text === void 0 || text === "") return "\u2014";
  let s = String(text).replace(/[\r\n\t]+/g, " ");
  if (s.length > max) s = `${s.slice(0, max - 1)}\u2026`;
  s = s.replace(/`/g, "'").replace(/\|/g, "\\|");
  return `\`${s}\``;
}
function uaCode(ua, max = 80) {
  return ua === "" ? "(empty)" : code(ua, max);
}
function fmt(n) {
  return Number.isInteger(n) ? n.toLocaleString("en-US") : n.toLocaleString("en-US", { maximumFractionDigits: 2 });
}
function usd(n) {
  return `$${n.toFixed(n !== 0 && Math.abs(n) < 1 ? 4 : 2)}`;
}
function table(head, rows) {
  const line = (cells) => `| ${cells.map((c) => String(c)).join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}
function chartBuckets(perHour, maxPoints = MAX_CHART_POINTS) {
  const size = Math.max(1, Math.ceil(perHour.length / maxPoints));
  const out = [];
  for (let i = 0; i < perHour.length; i += size) {
    const points = perHour.slice(i, i + size);
    const startMs = Date.parse(points[0].hour);
    const d = new Date(startMs).toISOString();
    out.push({
      label: `${d.slice(5, 10)} ${d.slice(11, 13)}h`,
      startMs,
      endMs: startMs + points.length * 36e5,
      points
    });
  }
  return out;
}
function xychart(title, labels, yLabel, series, max) {
  return [
    "```mermaid",
    "xychart-beta",
    `  title "${title}"`,
    `  x-axis [${labels.map((l) => `"${l}"`).join(", ")}]`,
    `  y-axis "${yLabel}" 0 --> ${Math.max(1, Math.ceil(max))}`,
    ...series.map((s) => `  ${s}`),
    "```"
  ].join("\n");
}
function requestsChart(r) {
  const buckets = chartBuckets(r.perHour);
  const metric = r.totals.requests > 0 ? "requests" : "tokens";
  const values = buckets.map((b) => sum(b.points, metric));
  const max = Math.max(0, ...values);
  const leakMs = r.leakTime ? Date.parse(r.leakTime) : void 0;
  const series = [`bar [${values.join(", ")}]`];
  let title = `${metric === "requests" ? "Requests" : "Tokens"} per ${buckets.length < r.perHour.length ? `${Math.ceil(r.perHour.length / buckets.length)} h` : "hour"}`;
  if (leakMs !== void 0) {
    const marker = buckets.map(
      (b) => leakMs >= b.startMs && leakMs < b.endMs ? Math.max(1, Math.ceil(max)) : 0
    );
    if (marker.some((v) => v > 0)) {
      series.push(`line [${marker.join(", ")}]`);
      title += " (line spike = leak time)";
    }
  }
  return xychart(
    title,
    buckets.map((b) => b.label),
    metric,
    series,
    max
  );
}
function statusChart(r) {
  const buckets = chartBuckets(r.perHour);
  const s401 = buckets.map((b) => sum(b.points, "s401"));
  const s403 = buckets.map((b) => sum(b.points, "s403"));
  const s429 = buckets.map((b) => sum(b.points, "s429"));
  const other = buckets.map(
    (b, i) => Math.round((sum(b.points, "non2xx") - s401[i] - s403[i] - s429[i]) * 100) / 100
  );
  const max = Math.max(0, ...s401, ...s403, ...s429, ...other);
  return xychart(
    "Non-2xx responses (lines: 401, 403, 429, other)",
    buckets.map((b) => b.label),
    "responses",
    [s401, s403, s429, other].map((v) => `line [${v.join(", ")}]`),
    max
  );
}
function renderMarkdown(r, opts = {}) {
  const out = [];
  const level = Math.min(5, Math.max(1, opts.headingLevel ?? 2));
  const h = "#".repeat(level + 1);
  if (opts.title !== false) out.push(`${"#".repeat(level)} ${opts.title ?? "Key usage audit"}`, "");
  out.push(`**Verdict:** ${r.verdict}`, "");
  const hours = Math.round((Date.parse(r.window.end) - Date.parse(r.window.start)) / 36e5);
  out.push(
    `Window: ${r.window.start} \u2192 ${r.window.end} (${hours} h)` + (r.leakTime ? ` \xB7 Leak: ${r.leakTime}` : "") + ` \xB7 Sources: ${r.sources.map((s2) => `${code(s2.source, 60)} (${s2.resolution})`).join(", ") || "none"}`,
    ""
  );
  out.push(`${h} Totals`, "");
  const t = r.totals;
  if (r.beforeAfter) {
    const { before: b, after: a } = r.beforeAfter;
    out.push(
      table(
        ["", "Before leak", "After leak"],
        [
          ["Hours", fmt(b.hours), fmt(a.hours)],
          ["Requests", fmt(b.requests), fmt(a.requests)],
          ["Requests per hour", fmt(b.requestsPerHour), fmt(a.requestsPerHour)],
          ["Tokens", fmt(b.tokens), fmt(a.tokens)],
          ["Cost", usd(b.costUsd), usd(a.costUsd)]
        ]
      )
    );
    if (r.beforeAfter.ratioPerHour !== null)
      out.push("", `After/before requests per hour: \xD7${r.beforeAfter.ratioPerHour}`);
  } else {
    out.push(table(["Requests", "Tokens", "Cost"], [[fmt(t.requests), fmt(t.tokens), usd(t.costUsd)]]));
  }
  if (t.ignored || t.ignoredOtherKeys) {
    out.push(
      "",
      `Ignored: ${fmt(t.ignored)} events outside the window, ${fmt(t.ignoredOtherKeys)} of other keys.`
    );
  }
  out.push("", `${h} ${r.totals.requests > 0 ? "Requests" : "Tokens"} over time`, "", requestsChart(r), "");
  const s = r.statusCounts;
  if (s.known > 0) {
    out.push(`${h} HTTP status`, "");
    out.push(
      table(
        ["2xx", "Non-2xx", "401", "403", "429", "5xx", "Unknown"],
        [[s.ok2xx, s.non2xx, s.s401, s.s403, s.s429, s.s5xx, s.unknown].map(fmt)]
      ),
      "",
      table(
        ["Status", "Requests"],
        Object.entries(s.byCode).map(([c, n]) => [c, fmt(n)])
      ),
      ""
    );
    if (s.non2xx > 0) out.push(statusChart(r), "");
  }
  if (r.ipGroups.length > 0) {
    out.push(`${h} Source networks`, "");
    out.push(
      table(
        ["Network", "Allowlisted", "Requests", "After leak", "Non-2xx", "IPs", "First seen", "Last seen"],
        r.ipGroups.slice(0, 25).map((g) => [
          code(g.group),
          g.allowed ? "yes" : "**no**",
          fmt(g.requests),
          fmt(g.afterLeak),
          fmt(g.non2xx),
          fmt(g.distinctIps),
          g.firstSeen,
          g.lastSeen
        ])
      )
    );
    if (r.ipGroups.length > 25)
      out.push("", `\u2026and ${r.ipGroups.length - 25} more networks (see the JSON report).`);
    out.push("");
  }
  const u = r.uaClasses;
  if (u.sdk + u.generic + u.other > 0) {
    out.push(`${h} User agents`, "");
    out.push(
      table(
        ["SDK", "Generic client", "Other", "Not recorded"],
        [[u.sdk, u.generic, u.other, u.unknown].map(fmt)]
      ),
      "",
      table(
        ["User agent", "Class", "Requests"],
        r.topUserAgents.slice(0, 10).map((x) => [uaCode(x.userAgent), x.uaClass, fmt(x.requests)])
      ),
      ""
    );
  }
  if (r.jumps.length > 0) {
    out.push(`${h} Usage jumps`, "");
    out.push(
      table(
        ["Hour", r.jumps[0].metric, "Median before", "\xD7", "After leak"],
        r.jumps.slice(0, 30).map((j) => [
          j.hour,
          fmt(j.value),
          fmt(j.baseline),
          j.factor ? fmt(j.factor) : "\u2014",
          j.afterLeak ? "yes" : "no"
        ])
      ),
      ""
    );
  }
  if (r.flaggedTotal > 0) {
    const n = opts.flaggedRows ?? 20;
    out.push(`${h} Requests from unknown networks (${fmt(r.flaggedTotal)})`, "");
    out.push(
      table(
        ["Time", "IP", "User agent", "Status", "Path", "After leak"],
        r.flagged.slice(0, n).map((f) => [
          f.time,
          code(f.ip),
          uaCode(f.userAgent, 50),
          f.status ?? "\u2014",
          code(f.path, 40),
          f.afterLeak ? "yes" : "no"
        ])
      )
    );
    if (r.flaggedTotal > Math.min(n, r.flagged.length)) {
      out.push(
        "",
        `Showing ${Math.min(n, r.flagged.length)} of ${fmt(r.flaggedTotal)}; the flagged-requests CSV holds ${fmt(r.flagged.length)}.`
      );
    }
    out.push("");
  }
  out.push(`${h} Recommended limits for the replacement key`, "");
  const p = r.recommendations.policy;
  const entries = Object.entries(p).filter(([, v]) => v !== void 0);
  if (entries.length)
    out.push(
      table(
        ["Limit", "Value"],
        entries.map(([k, v]) => [`\`${k}\``, String(v)])
      ),
      ""
    );
  for (const b of r.recommendations.basis) out.push(`- ${b}`);
  out.push("");
  if (r.managementEvents.length) {
    out.push(`${h} Management events`, "");
    out.push(
      table(
        ["Time", "Event", "IP", "User agent"],
        r.managementEvents.slice(0, 30).map((e) => [e.time, code(e.eventType), code(e.ip), uaCode(e.userAgent, 50)])
      ),
      ""
    );
  }
  if (r.malformedRows.count > 0) {
    out.push(`${h} Malformed rows (${fmt(r.malformedRows.count)}, skipped)`, "");
    out.push(
      table(
        ["Source", "Row", "Reason"],
        r.malformedRows.examples.map((m) => [code(m.source, 40), m.row, code(m.reason, 80)])
      ),
      ""
    );
    if (r.malformedRows.count > r.malformedRows.examples.length) {
      out.push(`The first ${r.malformedRows.examples.length} are listed.`, "");
    }
  }
  if (r.gaps.length) {
    out.push(`${h} What these sources cannot tell`, "");
    for (const g of r.gaps) out.push(`- ${g}`);
    out.push("");
  }
  return `${out.join("\n").trimEnd()}
`;
}
function renderJson(r) {
  return `${JSON.stringify(r, null, 2)}
`;
}
function renderText(r) {
  const lines = [
    r.verdict,
    `window ${r.window.start} .. ${r.window.end}${r.leakTime ? `, leak ${r.leakTime}` : ""}`
  ];
  lines.push(
    `requests ${r.totals.requests}, tokens ${r.totals.tokens}, cost ${usd(r.totals.costUsd)}, ignored ${r.totals.ignored}`
  );
  if (r.beforeAfter) {
    const { before: b, after: a } = r.beforeAfter;
    lines.push(
      `before leak ${b.requests} requests (${b.requestsPerHour}/h), after ${a.requests} (${a.requestsPerHour}/h)`
    );
  }
  const s = r.statusCounts;
  if (s.known) lines.push(`status: non-2xx ${s.non2xx} (401: ${s.s401}, 403: ${s.s403}, 429: ${s.s429})`);
  const u = r.uaClasses;
  lines.push(`user agents: sdk ${u.sdk}, generic ${u.generic}, other ${u.other}, not recorded ${u.unknown}`);
  for (const g of r.ipGroups.filter((x) => !x.allowed).slice(0, 10)) {
    lines.push(
      `unknown network ${g.group}: ${g.requests} requests (${g.afterLeak} after leak), ${g.distinctIps} IPs`
    );
  }
  for (const j of r.jumps.slice(0, 10))
    lines.push(`jump ${j.hour}: ${j.value} ${j.metric} (median ${j.baseline})`);
  const p = Object.entries(r.recommendations.policy).map(([k, v]) => `${k}=${v}`);
  if (p.length) lines.push(`recommended: ${p.join(" ")}`);
  if (r.malformedRows.count) {
    lines.push(`malformed rows: ${r.malformedRows.count}`);
    for (const m of r.malformedRows.examples.slice(0, 5))
      lines.push(`  ${m.source} row ${m.row}: ${m.reason}`);
  }
  for (const g of r.gaps) lines.push(`gap: ${g}`);
  return `${lines.join("\n")}
`;
}
function csvCell(v) {
  if (v === void 0) return "";
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function renderFlaggedCsv(flagged) {
  const rows = flagged.map(
    (f) => [f.time, f.ip, f.ipGroup, f.userAgent, f.uaClass, f.status, f.path, f.model, f.source, f.row, f.afterLeak].map(csvCell).join(",")
  );
  return `${[FLAGGED_CSV_HEADER.join(","), ...rows].join("\r\n")}\r
`;
}
var MAX_CHART_POINTS, sum, FLAGGED_CSV_HEADER;
var init_render = __esm({
  "src/audit/render.ts"() {
    "use strict";
    MAX_CHART_POINTS = 168;
    sum = (ps, k) => Math.round(ps.reduce((s, p) => s + p[k], 0) * 100) / 100;
    FLAGGED_CSV_HEADER = [
      "time",
      "ip",
      "ip_group",
      "user_agent",
      "ua_class",
      "status",
      "path",
      "model",
      "source",
      "row",
      "after_leak"
    ];
  }
});

// src/audit/cli.ts
import { access, writeFile } from "node:fs/promises";
function checkTime(flag, v) {
  const ms = parseTimestamp(v);
  if (ms === void 0)
    throw new InputError(`${flag} "${v}" is not a time (expected ISO 8601 or epoch seconds)`);
  return new Date(ms).toISOString();
}
function parseAuditArgs(argv) {
  const a = {
    csv: [],
    allowIps: [],
    windowMs: 168 * HOUR_MS,
    format: "text",
    columns: {},
    sdkUa: [],
    genericUa: [],
    help: false
  };
  const args = argv[0] === "audit" ? argv.slice(1) : [...argv];
  for (let i = 0; i < args.length; i++) {
    let flag = args[i];
    let value;
    const eq = flag.indexOf("=");
    if (flag.startsWith("--") && eq > 0) {
      value = flag.slice(eq + 1);
      flag = flag.slice(0, eq);
    }
    if (flag === "-h" || flag === "--help") {
      a.help = true;
      continue;
    }
    const need = () => {
      if (value !== void 0) return value;
      const next = args[i + 1];
      if (next === void 0 || next.startsWith("--")) throw new InputError(`${flag} needs a value`);
      i++;
      return next;
    };
    switch (flag) {
      case "--csv":
        a.csv.push(need());
        break;
      case "--allow-ip":
        for (const c of need().split(",").map((s) => s.trim()).filter(Boolean)) {
          try {
            parseCidr(c);
          } catch (e) {
            throw new InputError(`--allow-ip: ${e.message}`);
          }
          a.allowIps.push(c);
        }
        break;
      case "--window": {
        const v = need();
        const ms = parseDuration(v);
        if (ms === void 0)
          throw new InputError(`--window "${v}" is not a duration (expected e.g. 168h or 7d)`);
        if (ms > MAX_WINDOW_MS) throw new InputError(`--window "${v}" is longer than 366 days`);
        a.windowMs = ms;
        break;
      }
      case "--end":
        a.end = checkTime(flag, need());
        break;
      case "--leak-time":
        a.leakTime = checkTime(flag, need());
        break;
      case "--format": {
        const v = need();
        if (v !== "text" && v !== "json" && v !== "markdown") {
          throw new InputError(`--format "${v}" is not one of text, json, markdown`);
        }
        a.format = v;
        break;
      }
      case "--flagged-csv":
        a.flaggedCsv = need();
        break;
      case "--column":
        for (const pair2 of need().split(",")) {
          const [field, name] = pair2.split("=");
          if (!name || !(field in COLUMN_ALIASES)) {
            throw new InputError(
              `--column "${pair2}" is not FIELD=HEADER with FIELD one of ${Object.keys(COLUMN_ALIASES).join(", ")}`
            );
          }
          a.columns[field] = name;
        }
        break;
      case "--sdk-ua":
        a.sdkUa.push(need());
        break;
      case "--generic-ua":
        a.genericUa.push(need());
        break;
      case "--flagged-limit": {
        const v = need();
        if (!/^\d+$/.test(v)) throw new InputError(`--flagged-limit "${v}" is not a whole number`);
        a.flaggedLimit = Number(v);
        break;
      }
      default:
        throw new InputError(
          flag.startsWith("-") ? `unknown option ${flag}` : `unexpected argument "${flag}" (use --csv FILE)`
        );
    }
  }
  if (!a.help && a.csv.length === 0) throw new InputError("--csv FILE is required");
  return a;
}
async function runAudit(args, io) {
  let parsed;
  try {
    parsed = parseAuditArgs(args);
    for (const f of parsed.csv) {
      await access(f).catch(() => {
        throw new InputError(`cannot read --csv ${f}`);
      });
    }
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr.write(`keyguard audit: ${e.message}
`);
      return 2;
    }
    throw e;
  }
  if (parsed.help) {
    io.stdout.write(AUDIT_USAGE);
    return 0;
  }
  try {
    const end = parsed.end ?? (/* @__PURE__ */ new Date()).toISOString();
    const acc = new AuditAccumulator({
      window: { start: new Date(Date.parse(end) - parsed.windowMs).toISOString(), end },
      leakTime: parsed.leakTime,
      allowIps: parsed.allowIps,
      flaggedLimit: parsed.flaggedLimit,
      userAgents: {
        sdk: [...DEFAULT_UA_LISTS.sdk, ...parsed.sdkUa],
        generic: [...DEFAULT_UA_LISTS.generic, ...parsed.genericUa]
      }
    });
    for (const f of parsed.csv) await readCsvInto(acc, f, { columns: parsed.columns });
    const report = acc.finish();
    const out = parsed.format === "json" ? renderJson(report) : parsed.format === "markdown" ? renderMarkdown(report) : renderText(report);
    io.stdout.write(out);
    if (parsed.flaggedCsv) await writeFile(parsed.flaggedCsv, renderFlaggedCsv(report.flagged));
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr.write(`keyguard audit: ${e.message.split("\n")[0]}
`);
      return 2;
    }
    io.stderr.write(`keyguard audit: failed: ${e.message.split("\n")[0]}
`);
    return 1;
  }
}
var AUDIT_USAGE;
var init_cli = __esm({
  "src/audit/cli.ts"() {
    "use strict";
    init_errors();
    init_analyze();
    init_cidr();
    init_csv();
    init_render();
    init_time();
    init_useragent();
    AUDIT_USAGE = `Usage: keyguard audit --csv FILE [--csv FILE2] [--allow-ip CIDR \u2026] [--window 168h]
                      [--end T] [--leak-time T] [--format text|json|markdown]
                      [--flagged-csv OUT] [--column time=created \u2026]
                      [--sdk-ua TEXT \u2026] [--generic-ua TEXT \u2026] [--flagged-limit N]
  --csv FILE          exported call log (repeatable); header row required
  --allow-ip CIDR     your own networks, IPv4 or IPv6 (repeatable or comma-separated)
  --window D          window length before --end (default 168h; units ms s m h d w)
  --end T             end of the window, e.g. when the key was disabled (default now)
  --leak-time T       when the key leaked (date of the commit that introduced it)
  --format F          text (default), json or markdown
  --flagged-csv OUT   write requests from unknown networks to OUT as CSV
  --column F=NAME     map a field to a header: ${Object.keys(COLUMN_ALIASES).join(", ")}
  --sdk-ua TEXT       extra user-agent substring counted as an SDK (repeatable)
  --generic-ua TEXT   extra user-agent substring counted as a generic client (repeatable)
  --flagged-limit N   flagged requests kept in the report (default 1000)
Times: ISO 8601 (no zone = UTC) or epoch seconds / milliseconds.
`;
  }
});

// src/audit/provider.ts
async function auditProvider(provider, ref, opts = {}) {
  const { startMs, endMs } = resolveWindow(opts);
  const window = { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() };
  const acc = new AuditAccumulator({
    ...opts,
    window,
    provider: opts.provider ?? provider.id,
    keyIds: [ref.id]
  });
  if (!provider.usage || !provider.capabilities.usage) {
    acc.addGaps([
      `${provider.displayName}: no usage API, so the key's use cannot be audited from the provider.`
    ]);
    return acc.finish();
  }
  try {
    const events = await provider.usage(ref, window);
    events.forEach((e, i) => {
      acc.addEvent(e, i);
    });
  } catch (e) {
    const msg = scrubKeys(String(e.message ?? e).split("\n")[0]);
    acc.addGaps([`${provider.displayName} usage API failed: ${msg}`]);
  }
  return acc.finish();
}
var init_provider = __esm({
  "src/audit/provider.ts"() {
    "use strict";
    init_analyze();
    init_redact();
  }
});

// src/audit/index.ts
var init_audit = __esm({
  "src/audit/index.ts"() {
    "use strict";
    init_analyze();
    init_cidr();
    init_cli();
    init_csv();
    init_gaps();
    init_provider();
    init_redact();
    init_render();
    init_time();
    init_useragent();
  }
});

// src/config/quote.ts
function keyShaped(text) {
  for (const m of text.matchAll(KEYISH2)) {
    const body2 = m[0].replace(/^[a-z]+[-_]/, "");
    if (body2.length >= 20 && /[0-9]/.test(body2) && /[A-Za-z]/.test(body2)) return redact(m[0]);
  }
  return void 0;
}
function quote(value, max = 80) {
  let s;
  if (typeof value === "string") s = JSON.stringify(value.replace(KEYISH2, (k) => redact(k)));
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
    s = s.replace(KEYISH2, (k) => redact(k));
  }
  return s.length > max ? `${s.slice(0, max - 1)}\u2026` : s;
}
var KEYISH2;
var init_quote = __esm({
  "src/config/quote.ts"() {
    "use strict";
    init_secret();
    KEYISH2 = /(?:sk|rk|gsk|xai|pplx)[-_][A-Za-z0-9_-]{16,}/g;
  }
});

// src/config/regex-safety.ts
function readQuantifier(src, i) {
  const c = src[i];
  let len = 0;
  let unbounded = false;
  if (c === "*" || c === "+") {
    len = 1;
    unbounded = true;
  } else if (c === "?") {
    len = 1;
  } else if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
    if (!m) return null;
    len = m[0].length;
    unbounded = m[2] !== void 0 && m[3] === "";
  } else {
    return null;
  }
  if (src[i + len] === "?") len++;
  return { len, unbounded };
}
function firstAtom(alt) {
  const s = alt.replace(/^\((\?(:|=|!|<=|<!|<[A-Za-z_][A-Za-z0-9_]*>))?/, "");
  if (s.startsWith("\\")) return s.slice(0, 2);
  if (s.startsWith("[")) {
    const end = s.indexOf("]", 1);
    return end > 0 ? s.slice(0, end + 1) : s;
  }
  return s.slice(0, 1);
}
function alternativesOverlap(alts) {
  if (alts.length < 2) return false;
  const firsts = alts.map(firstAtom);
  if (firsts.some((f) => f === "")) return true;
  for (let a = 0; a < alts.length; a++) {
    for (let b = a + 1; b < alts.length; b++) {
      if (alts[a] === alts[b] || firsts[a] === firsts[b]) return true;
      if (BROAD.has(firsts[a]) || BROAD.has(firsts[b])) return true;
      if (firsts[a].startsWith("[^") || firsts[b].startsWith("[^")) return true;
    }
  }
  return false;
}
function findNestedQuantifier2(src) {
  const stack = [{ hasUnbounded: false, alternatives: [], start: 0 }];
  const altStart = [0];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === "\\") {
      i += 2;
      continue;
    }
    if (c === "[") {
      i++;
      if (src[i] === "^") i++;
      while (i < src.length && src[i] !== "]") i += src[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    if (c === "(") {
      stack.push({ hasUnbounded: false, alternatives: [], start: i });
      const prefix2 = /^\((\?(:|=|!|<=|<!|<[A-Za-z_][A-Za-z0-9_]*>))?/.exec(src.slice(i))[0];
      i += prefix2.length;
      altStart.push(i);
      continue;
    }
    if (c === "|") {
      const g = stack[stack.length - 1];
      g.alternatives.push(src.slice(altStart[altStart.length - 1], i));
      altStart[altStart.length - 1] = i + 1;
      i++;
      continue;
    }
    if (c === ")") {
      const g = stack.pop();
      g.alternatives.push(src.slice(altStart.pop(), i));
      i++;
      const q2 = readQuantifier(src, i);
      if (q2) {
        const shown = JSON.stringify(src.slice(g.start, i + q2.len));
        if (q2.unbounded && g.hasUnbounded) return `a nested quantifier (${shown})`;
        if (q2.unbounded && alternativesOverlap(g.alternatives)) {
          return `a repeated group whose alternatives can match the same text (${shown})`;
        }
        if (q2.unbounded) g.hasUnbounded = true;
        i += q2.len;
      }
      const parent = stack[stack.length - 1];
      if (g.hasUnbounded) parent.hasUnbounded = true;
      continue;
    }
    const q = readQuantifier(src, i);
    if (q) {
      if (q.unbounded) stack[stack.length - 1].hasUnbounded = true;
      i += q.len;
      continue;
    }
    i++;
  }
  return void 0;
}
function checkRegex(src, flags = "") {
  let re;
  try {
    re = new RegExp(src, flags);
  } catch (err) {
    const reason = err.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "");
    const hint = /^\(\?[a-z]+\)/.test(src) ? " (inline flags like (?i) are not supported: use [Aa] classes)" : "";
    return { kind: "invalid", message: `is not a valid regular expression: ${reason}${hint}` };
  }
  const detectorHit = findNestedQuantifier(src);
  const unsafe = findNestedQuantifier2(src) ?? (detectorHit ? `a nested quantifier (${JSON.stringify(detectorHit)})` : void 0);
  if (unsafe) {
    return {
      kind: "unsafe",
      message: `has ${unsafe}; it can take exponential time on some inputs: rewrite it so no repeated group repeats again or overlaps itself (e.g. "a+" instead of "(a+)+")`
    };
  }
  if (re.test(""))
    return { kind: "empty", message: "matches the empty string, so it would match every line" };
  return void 0;
}
var BROAD;
var init_regex_safety = __esm({
  "src/config/regex-safety.ts"() {
    "use strict";
    init_custom();
    BROAD = /* @__PURE__ */ new Set([".", "\\w", "\\W", "\\s", "\\S", "\\d", "\\D"]);
  }
});

// src/config/suggest.ts
function distance(a, b) {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}
function suggest(word, candidates) {
  const w = word.toLowerCase().replace(/[-_]/g, "");
  let best;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const score = distance(w, c.toLowerCase().replace(/[-_]/g, ""));
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  const limit = Math.max(2, Math.floor(w.length / 3));
  return bestScore <= limit ? best : void 0;
}
var init_suggest = __esm({
  "src/config/suggest.ts"() {
    "use strict";
  }
});

// src/config/load.ts
import { readFile as readFile2 } from "node:fs/promises";
function camelKey(key) {
  return key.replace(/[-_]([a-z0-9])/g, (_, c) => c.toUpperCase());
}
function defaultConfig(file) {
  return {
    allowlist: { paths: [], regexes: [], stopwords: [], fingerprints: [] },
    rules: { disable: [], enable: [], custom: [] },
    providers: {},
    verify: {},
    source: { file, lineOf: () => void 0 }
  };
}
function pathText(path2) {
  let s = "";
  for (const seg of path2) s += typeof seg === "number" ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}
function typeName(v) {
  if (v === null || v === void 0) return "nothing";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return `a ${typeof v}`;
}
function makeLineOf(contents, lines) {
  const lineAt = (n) => {
    const range2 = n?.range;
    return range2 ? lines.linePos(range2[0]).line : void 0;
  };
  return (path2) => {
    let node = contents;
    let line = lineAt(node);
    for (const seg of path2) {
      if ((0, import_yaml2.isMap)(node)) {
        const pair2 = node.items.find(
          (p) => (0, import_yaml2.isScalar)(p.key) && camelKey(String(p.key.value)) === camelKey(String(seg))
        );
        if (!pair2) return line;
        line = lineAt(pair2.key) ?? line;
        node = pair2.value;
        if ((0, import_yaml2.isScalar)(node)) line = lineAt(node) ?? line;
      } else if ((0, import_yaml2.isSeq)(node) && typeof seg === "number" && seg < node.items.length) {
        node = node.items[seg];
        line = lineAt(node) ?? line;
      } else {
        return line;
      }
    }
    return line;
  };
}
function validateAllowlist(v, raw) {
  const m = v.mapping(["allowlist"], raw, ALLOWLIST_KEYS);
  return {
    paths: v.stringList(["allowlist", "paths"], m.paths),
    regexes: v.stringList(["allowlist", "regexes"], m.regexes, (s, p) => v.regex(p, s)),
    stopwords: v.stringList(["allowlist", "stopwords"], m.stopwords),
    fingerprints: v.stringList(["allowlist", "fingerprints"], m.fingerprints, (s, p) => {
      if (FINGERPRINT.test(s)) return true;
      v.fail(
        p,
        `${quote(s)} is not a fingerprint: expected 32 lowercase hex characters, as in reports and baselines`
      );
      return false;
    })
  };
}
function validateCustomRule(v, raw, i) {
  const base = ["rules", "custom", i];
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    v.fail(base, `expected a mapping with at least "id" and "regex", got ${typeName(raw)} ${quote(raw)}`);
    return void 0;
  }
  const before = v.problems.length;
  const m = v.mapping(base, raw, CUSTOM_RULE_KEYS);
  const id = v.optionalString([...base, "id"], m.id);
  if (id === void 0 && m.id === void 0) v.fail(base, 'missing "id" (e.g. id: internal-gateway-key)');
  else if (id !== void 0 && !RULE_ID.test(id)) {
    v.fail(
      [...base, "id"],
      `${quote(id)} is not valid: expected letters, digits, "-", "." or "_" (at most 64)`
    );
  }
  const regex = v.optionalString([...base, "regex"], m.regex);
  if (regex === void 0 && m.regex === void 0) v.fail(base, 'missing "regex"');
  else if (regex !== void 0) v.regex([...base, "regex"], regex);
  const rule = { id: id ?? "", regex: regex ?? "" };
  if (m.keywords !== void 0) rule.keywords = v.stringList([...base, "keywords"], m.keywords);
  const entropy = v.number([...base, "entropy"], m.entropy, { min: 0, max: 8, unit: " bits per character" });
  if (entropy !== void 0) rule.entropy = entropy;
  const description = v.optionalString([...base, "description"], m.description);
  if (description !== void 0) rule.description = description;
  const provider = v.optionalString([...base, "provider"], m.provider);
  if (provider !== void 0) rule.provider = provider;
  return v.problems.length === before ? rule : void 0;
}
function validateRules(v, raw) {
  const m = v.mapping(["rules"], raw, RULES_KEYS);
  const disable = v.stringList(["rules", "disable"], m.disable);
  const enable = v.stringList(["rules", "enable"], m.enable);
  const custom = [];
  if (m.custom !== void 0 && m.custom !== null) {
    if (!Array.isArray(m.custom)) {
      v.fail(
        ["rules", "custom"],
        `expected a list of rules (lines starting with "- id:"), got ${typeName(m.custom)}`
      );
    } else {
      const seen = /* @__PURE__ */ new Set();
      m.custom.forEach((r, i) => {
        const rule = validateCustomRule(v, r, i);
        if (!rule) return;
        if (seen.has(rule.id))
          v.fail(["rules", "custom", i, "id"], `${quote(rule.id)} is used by another custom rule`);
        seen.add(rule.id);
        custom.push(rule);
      });
    }
  }
  const known = [...KNOWN_RULE_IDS, ...custom.map((r) => r.id)];
  const optional = new Set(optionalRules().map((r) => r.id));
  disable.forEach((id, i) => {
    if (!known.includes(id)) v.fail(["rules", "disable", i], unknownRule(id, known));
  });
  enable.forEach((id, i) => {
    if (!optional.has(id)) {
      v.fail(
        ["rules", "enable", i],
        known.includes(id) ? `${quote(id)} is already on (enable is for opt-in rules: ${[...optional].join(", ")})` : unknownRule(id, [...optional])
      );
    }
  });
  return { disable, enable, custom };
}
function unknownRule(id, known) {
  const hint = suggest(id, known);
  return `${quote(id)} is not a rule id${hint ? ` (did you mean ${quote(hint)}?)` : ""}; see docs/rules.md`;
}
function validateProviders(v, raw) {
  v.mapping(["providers"], raw);
  const out = {};
  const entries = raw && typeof raw === "object" && !Array.isArray(raw) ? Object.entries(raw) : [];
  for (const [id, settings] of entries) {
    const path2 = ["providers", id];
    const s = v.mapping(path2, settings);
    if (s.baseUrl !== void 0) {
      const url = typeof s.baseUrl === "string" ? URL.canParse(s.baseUrl) && new URL(s.baseUrl) : void 0;
      if (!url || url.protocol !== "https:" && url.protocol !== "http:") {
        v.fail(
          [...path2, "baseUrl"],
          `${quote(s.baseUrl)} is not valid: expected an http(s) URL like https://api.example.com/v1`
        );
      }
    }
    out[id] = s;
  }
  return out;
}
function validateVerify(v, raw) {
  const m = v.mapping(["verify"], raw, VERIFY_KEYS);
  const out = {};
  const enabled = v.boolean(["verify", "enabled"], m.enabled);
  if (enabled !== void 0) out.enabled = enabled;
  const concurrency = v.number(["verify", "concurrency"], m.concurrency, { min: 1, max: 64, integer: true });
  if (concurrency !== void 0) out.concurrency = concurrency;
  const timeout = v.number(["verify", "timeoutSeconds"], m.timeoutSeconds, {
    min: 1,
    max: 300,
    unit: " seconds"
  });
  if (timeout !== void 0) out.timeoutSeconds = timeout;
  return out;
}
function rejectKeys(v, path2, value) {
  if (typeof value === "string") {
    const key = keyShaped(value);
    if (key) {
      v.fail(
        path2,
        `looks like an API key (${key}): keys do not belong in .keyguard.yml; pass it as a secret or environment variable, and rotate this one`
      );
    }
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) rejectKeys(v, [...path2, i], item);
  } else if (value !== null && typeof value === "object") {
    for (const [k, item] of Object.entries(value)) rejectKeys(v, [...path2, k], item);
  }
}
function parseConfig(text, file) {
  const shown = file ?? DEFAULT_CONFIG_FILES[0];
  const lines = new import_yaml2.LineCounter();
  const doc = (0, import_yaml2.parseDocument)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const { line, col } = lines.linePos(err.pos[0]);
    const what = err.message.split("\n")[0].replace(/ at line \d+, column \d+.*$/, "");
    throw new ConfigError(`invalid YAML at column ${col}: ${what}`, shown, line);
  }
  const lineOf = makeLineOf(doc.contents, lines);
  const config = defaultConfig(file);
  config.source.lineOf = lineOf;
  const data = doc.toJS();
  const v = new Validator(shown, lineOf);
  const top = v.mapping([], data, TOP_LEVEL);
  if (v.problems.length === 0) {
    config.allowlist = validateAllowlist(v, top.allowlist);
    config.rules = validateRules(v, top.rules);
    config.providers = validateProviders(v, top.providers);
    config.verify = validateVerify(v, top.verify);
    for (const section of ["providers", "verify", "rotation", "audit"])
      rejectKeys(v, [section], top[section]);
    if (top.rotation !== void 0) config.rotation = top.rotation;
    if (top.audit !== void 0) config.audit = top.audit;
  }
  if (v.problems.length > 0) {
    const first = v.problems[0];
    const more = v.problems.length - 1;
    const tail = more > 0 ? ` (and ${more} more problem${more === 1 ? "" : "s"})` : "";
    throw new ConfigError(`${first.message}${tail}`, shown, first.line);
  }
  return config;
}
async function loadConfig(file, opts) {
  const required = opts?.required ?? file !== void 0;
  const candidates = file !== void 0 ? [file] : [...DEFAULT_CONFIG_FILES];
  for (const candidate of candidates) {
    let text;
    try {
      text = await readFile2(candidate, "utf8");
    } catch (err) {
      const code2 = err.code;
      if (code2 === "ENOENT") continue;
      throw new ConfigError(`cannot read the config file: ${err.message}`, candidate);
    }
    return parseConfig(text, candidate);
  }
  if (required) {
    throw new ConfigError(
      `config file not found (expected a YAML file; see docs/config.md, or omit the option to use defaults)`,
      candidates[0]
    );
  }
  return defaultConfig(void 0);
}
var import_yaml2, DEFAULT_CONFIG_FILES, TOP_LEVEL, ALLOWLIST_KEYS, RULES_KEYS, CUSTOM_RULE_KEYS, VERIFY_KEYS, RULE_ID, FINGERPRINT, Validator, KNOWN_RULE_IDS;
var init_load = __esm({
  "src/config/load.ts"() {
    "use strict";
    import_yaml2 = __toESM(require_dist(), 1);
    init_rules();
    init_workflows();
    init_errors();
    init_quote();
    init_regex_safety();
    init_suggest();
    DEFAULT_CONFIG_FILES = [".keyguard.yml", ".keyguard.yaml"];
    TOP_LEVEL = ["allowlist", "rules", "providers", "verify", "rotation", "audit"];
    ALLOWLIST_KEYS = ["paths", "regexes", "stopwords", "fingerprints"];
    RULES_KEYS = ["disable", "enable", "custom"];
    CUSTOM_RULE_KEYS = ["id", "regex", "keywords", "entropy", "description", "provider"];
    VERIFY_KEYS = ["enabled", "concurrency", "timeoutSeconds"];
    RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
    FINGERPRINT = /^[0-9a-f]{32}$/;
    Validator = class {
      constructor(file, lineOf) {
        this.file = file;
        this.lineOf = lineOf;
      }
      file;
      lineOf;
      problems = [];
      fail(path2, message) {
        const where = pathText(path2);
        this.problems.push({ message: where ? `${where}: ${message}` : message, line: this.lineOf(path2) });
      }
      /** A mapping (or nothing) whose keys are checked against `known`; returns it with camelCase keys. */
      mapping(path2, value, known) {
        if (value === null || value === void 0) return {};
        if (typeof value !== "object" || Array.isArray(value)) {
          this.fail(path2, `expected a mapping (key: value lines), got ${typeName(value)} ${quote(value)}`);
          return {};
        }
        const out = {};
        for (const [rawKey, v] of Object.entries(value)) {
          const key = camelKey(rawKey);
          if (known && !known.includes(key)) {
            const hint = suggest(rawKey, known);
            this.fail(
              [...path2, rawKey],
              `unknown key ${quote(rawKey)}${hint ? `; did you mean "${hint}"?` : `; expected one of: ${known.join(", ")}`}`
            );
            continue;
          }
          out[key] = v;
        }
        return out;
      }
      stringList(path2, value, check) {
        if (value === null || value === void 0) return [];
        const list = typeof value === "string" ? [value] : value;
        if (!Array.isArray(list)) {
          this.fail(path2, `expected a list of strings, got ${typeName(value)} ${quote(value)}`);
          return [];
        }
        const out = [];
        list.forEach((item, i) => {
          const p = typeof value === "string" ? path2 : [...path2, i];
          if (typeof item !== "string" || item === "") {
            this.fail(p, `expected a non-empty string, got ${typeName(item)} ${quote(item)}`);
          } else if (!check || check(item, p)) {
            out.push(item);
          }
        });
        return out;
      }
      regex(path2, value) {
        const problem = checkRegex(value);
        if (problem) this.fail(path2, `${quote(value)} ${problem.message}`);
        return !problem;
      }
      optionalString(path2, value) {
        if (value === null || value === void 0) return void 0;
        if (typeof value !== "string" || value === "") {
          this.fail(path2, `expected a non-empty string, got ${typeName(value)} ${quote(value)}`);
          return void 0;
        }
        return value;
      }
      number(path2, value, opts) {
        if (value === null || value === void 0) return void 0;
        const ok = typeof value === "number" && Number.isFinite(value) && value >= opts.min && value <= opts.max && (!opts.integer || Number.isInteger(value));
        if (!ok) {
          const kind = opts.integer ? "a whole number" : "a number";
          this.fail(
            path2,
            `${quote(value)} is not valid: expected ${kind} from ${opts.min} to ${opts.max}${opts.unit ?? ""}`
          );
          return void 0;
        }
        return value;
      }
      boolean(path2, value) {
        if (value === null || value === void 0) return void 0;
        if (typeof value !== "boolean") {
          this.fail(path2, `${quote(value)} is not valid: expected true or false`);
          return void 0;
        }
        return value;
      }
    };
    KNOWN_RULE_IDS = [...builtinRules(), ...optionalRules()].map((r) => r.id).concat(WORKFLOW_RULE_ID);
  }
});

// node_modules/balanced-match/dist/esm/index.js
var range;
var init_esm = __esm({
  "node_modules/balanced-match/dist/esm/index.js"() {
    range = (a, b, str2) => {
      let begs, beg, left, right = void 0, result;
      let ai = str2.indexOf(a);
      let bi = str2.indexOf(b, ai + 1);
      let i = ai;
      if (ai >= 0 && bi > 0) {
        if (a === b) {
          return [ai, bi];
        }
        begs = [];
        left = str2.length;
        while (i >= 0 && !result) {
          if (i === ai) {
            begs.push(i);
            ai = str2.indexOf(a, i + 1);
          } else if (begs.length === 1) {
            const r = begs.pop();
            if (r !== void 0)
              result = [r, bi];
          } else {
            beg = begs.pop();
            if (beg !== void 0 && beg < left) {
              left = beg;
              right = bi;
            }
            bi = str2.indexOf(b, i + 1);
          }
          i = ai < bi && ai >= 0 ? ai : bi;
        }
        if (begs.length && right !== void 0) {
          result = [left, right];
        }
      }
      return result;
    };
  }
});

// node_modules/brace-expansion/dist/esm/index.js
function numeric(str2) {
  return !isNaN(str2) ? parseInt(str2, 10) : str2.charCodeAt(0);
}
function escapeBraces(str2) {
  return str2.replace(slashPattern, escSlash).replace(openPattern, escOpen).replace(closePattern, escClose).replace(commaPattern, escComma).replace(periodPattern, escPeriod);
}
function unescapeBraces(str2) {
  return str2.replace(escSlashPattern, "\\").replace(escOpenPattern, "{").replace(escClosePattern, "}").replace(escCommaPattern, ",").replace(escPeriodPattern, ".");
}
function pushAll(target, items) {
  for (let i = 0; i < items.length; i++) {
    target.push(items[i]);
  }
}
function balancedWithBudget(str2, masked, budget) {
  if (budget.remaining < 0) {
    return void 0;
  }
  const r = range("{", "}", masked);
  const unmatched = r !== void 0 && masked.indexOf("{") < r[0];
  budget.remaining -= r && !unmatched ? r[1] + 1 : str2.length;
  if (!r || budget.remaining < 0) {
    return void 0;
  }
  return {
    end: r[1],
    pre: str2.slice(0, r[0]),
    body: str2.slice(r[0] + 1, r[1]),
    post: str2.slice(r[1] + 1),
    unmatched
  };
}
function maskUnmatchedOpens(masked, budget) {
  budget.remaining -= masked.length;
  const open = [];
  for (let i = 0; i < masked.length; i++) {
    const c = masked.charCodeAt(i);
    if (c === 123) {
      open.push(i);
    } else if (c === 125 && open.length) {
      open.pop();
    }
  }
  let out = "";
  let last = 0;
  for (let i = 0; i < open.length; i++) {
    const at = open[i];
    out += masked.slice(last, at) + "\0";
    last = at + 1;
  }
  return out + masked.slice(last);
}
function commaSetFollows(str2, budget) {
  budget.remaining -= str2.length;
  if (budget.remaining < 0) {
    return false;
  }
  let close = false;
  for (let i = str2.length - 1; i >= 0; i--) {
    const c = str2.charCodeAt(i);
    if (c === 125) {
      close = true;
    } else if (c === 10 || c === 13 || c === 8232 || c === 8233) {
      close = false;
    } else if (c === 44 && close && str2.charCodeAt(i + 1) !== 44) {
      return true;
    }
  }
  return false;
}
function parseCommaParts(str2, budget) {
  const parts = [];
  let carry = "";
  for (; ; ) {
    const m = balancedWithBudget(str2, str2, budget);
    if (budget.remaining < 0) {
      return void 0;
    }
    if (!m) {
      const tail = str2.split(",");
      tail[0] = carry + tail[0];
      pushAll(parts, tail);
      return parts;
    }
    const { pre, body: body2, post } = m;
    const p = pre.split(",");
    p[0] = carry + p[0];
    p[p.length - 1] += "{" + body2 + "}";
    if (!post.length) {
      pushAll(parts, p);
      return parts;
    }
    carry = p.pop();
    pushAll(parts, p);
    str2 = post;
  }
}
function bound(value, fallback) {
  return value === void 0 || isNaN(value) ? fallback : value;
}
function expand(str2, options = {}) {
  if (!str2) {
    return [];
  }
  const max = bound(options.max, EXPANSION_MAX);
  const maxLength = bound(options.maxLength, EXPANSION_MAX_LENGTH);
  const maxDepth = bound(options.maxDepth, EXPANSION_MAX_DEPTH);
  const maxRewrites = bound(options.maxRewrites, EXPANSION_MAX_REWRITES);
  const maxSteps = bound(options.maxSteps, EXPANSION_MAX_STEPS);
  if (str2.slice(0, 2) === "{}") {
    str2 = "\\{\\}" + str2.slice(2);
  }
  return expand_(escapeBraces(str2), max, maxLength, maxDepth, 0, maxRewrites, { remaining: maxSteps }, true).map(unescapeBraces);
}
function embrace(str2) {
  return "{" + str2 + "}";
}
function isPadded(el) {
  return /^-?0\d/.test(el);
}
function lte(i, y) {
  return i <= y;
}
function gte(i, y) {
  return i >= y;
}
function combine(acc, pre, values, max, maxLength, dropEmpties, budget) {
  const out = [];
  let length = 0;
  let nonEmpty;
  outer: for (let a = 0; a < acc.length; a++) {
    const prefix2 = acc[a] + pre;
    let vs = values;
    if (dropEmpties && !prefix2) {
      if (!nonEmpty)
        nonEmpty = values.filter((v) => v);
      vs = nonEmpty;
    }
    for (let v = 0; v < vs.length; v++) {
      if (out.length >= max)
        break outer;
      const expansion = prefix2 + vs[v];
      if (length + expansion.length > maxLength)
        break outer;
      out.push(expansion);
      length += expansion.length;
    }
  }
  budget.remaining -= out.length;
  return out;
}
function expandSequence(body2, isAlphaSequence, max, maxLength, budget) {
  const n = body2.split(/\.\./);
  const N = [];
  if (n[0] === void 0 || n[1] === void 0) {
    return N;
  }
  const x = numeric(n[0]);
  const y = numeric(n[1]);
  const width = Math.max(n[0].length, n[1].length);
  let incr = n.length === 3 && n[2] !== void 0 ? Math.max(Math.abs(numeric(n[2])), 1) : 1;
  let test = lte;
  const reverse = y < x;
  if (reverse) {
    incr *= -1;
    test = gte;
  }
  const pad = n.some(isPadded);
  const cost = pad ? width : 1;
  let length = 0;
  for (let i = x; test(i, y) && N.length < max; i += incr) {
    budget.remaining -= cost;
    if (budget.remaining < 0) {
      return void 0;
    }
    let c;
    if (isAlphaSequence) {
      c = String.fromCharCode(i);
      if (c === "\\") {
        c = "";
      }
    } else {
      c = String(i);
      if (pad) {
        const need = width - c.length;
        if (need > 0) {
          const z = new Array(need + 1).join("0");
          if (i < 0) {
            c = "-" + z + c.slice(1);
          } else {
            c = z + c;
          }
        }
      }
    }
    if (length + c.length > maxLength)
      break;
    N.push(c);
    length += c.length;
  }
  return N;
}
function expand_(str2, max, maxLength, maxDepth, depth, maxRewrites, budget, isTop) {
  budget.remaining -= CALL_STEPS;
  if (depth > maxDepth) {
    return [str2];
  }
  let acc = [""];
  let rewrites = 0;
  let dropEmpties = false;
  let firstGroup = true;
  let masked = str2;
  for (; ; ) {
    const m = balancedWithBudget(str2, masked, budget);
    if (!m) {
      return combine(acc, str2, [""], max, maxLength, dropEmpties, budget);
    }
    if (m.unmatched) {
      masked = maskUnmatchedOpens(masked, budget);
    }
    const pre = m.pre;
    const literal2 = () => combine(acc, pre + "{" + m.body + "}" + m.post, [""], max, maxLength, dropEmpties, budget);
    if (/\$$/.test(pre)) {
      acc = combine(acc, pre + "{" + m.body + "}", [""], max, maxLength, dropEmpties && !m.post.length, budget);
      firstGroup = false;
      if (!m.post.length)
        break;
      str2 = m.post;
      masked = masked.slice(m.end + 1);
      continue;
    }
    const isNumericSequence = /^-?\d+\.\.-?\d+(?:\.\.-?\d+)?$/.test(m.body);
    const isAlphaSequence = /^[a-zA-Z]\.\.[a-zA-Z](?:\.\.-?\d+)?$/.test(m.body);
    const isSequence = isNumericSequence || isAlphaSequence;
    const isOptions = m.body.indexOf(",") >= 0;
    if (!isSequence && !isOptions) {
      if (rewrites < maxRewrites && commaSetFollows(m.post, budget)) {
        rewrites++;
        str2 = m.pre + "{" + m.body + escClose + m.post;
        masked = masked.slice(0, m.end) + escClose + masked.slice(m.end + 1);
        isTop = true;
        continue;
      }
      return literal2();
    }
    if (firstGroup) {
      dropEmpties = isTop && !isSequence;
      firstGroup = false;
    }
    let values;
    if (isSequence) {
      values = expandSequence(m.body, isAlphaSequence, max, maxLength, budget);
      if (!values) {
        return literal2();
      }
    } else {
      let n = parseCommaParts(m.body, budget);
      if (!n) {
        return literal2();
      }
      if (n.length === 1 && n[0] !== void 0) {
        n = expand_(n[0], max, maxLength, maxDepth, depth + 1, maxRewrites, budget, false).map(embrace);
        if (budget.remaining < 0) {
          return literal2();
        }
        if (n.length === 1) {
          const next2 = combine(acc, pre + n[0], [""], max, maxLength, dropEmpties && !m.post.length, budget);
          if (budget.remaining < 0) {
            return literal2();
          }
          acc = next2;
          if (!m.post.length)
            break;
          str2 = m.post;
          masked = masked.slice(m.end + 1);
          continue;
        }
      }
      let dropsEmpties = dropEmpties && !m.post.length && !pre;
      for (let d = 0; dropsEmpties && d < acc.length; d++) {
        if (acc[d]) {
          dropsEmpties = false;
        }
      }
      values = [];
      let valuesLength = 0;
      outer: for (let j = 0; j < n.length; j++) {
        const expanded = expand_(n[j], max, maxLength, maxDepth, depth + 1, maxRewrites, budget, false);
        if (budget.remaining < 0) {
          return literal2();
        }
        for (let k = 0; k < expanded.length; k++) {
          const v = expanded[k];
          if (dropsEmpties && !v)
            continue;
          if (values.length >= max || valuesLength + v.length > maxLength) {
            break outer;
          }
          values.push(v);
          valuesLength += v.length;
        }
      }
    }
    const next = combine(acc, pre, values, max, maxLength, dropEmpties && !m.post.length, budget);
    if (budget.remaining < 0) {
      return literal2();
    }
    acc = next;
    if (!m.post.length)
      break;
    str2 = m.post;
    masked = masked.slice(m.end + 1);
  }
  return acc;
}
var escSlash, escOpen, escClose, escComma, escPeriod, escSlashPattern, escOpenPattern, escClosePattern, escCommaPattern, escPeriodPattern, slashPattern, openPattern, closePattern, commaPattern, periodPattern, EXPANSION_MAX, EXPANSION_MAX_LENGTH, EXPANSION_MAX_DEPTH, EXPANSION_MAX_REWRITES, EXPANSION_MAX_STEPS, CALL_STEPS;
var init_esm2 = __esm({
  "node_modules/brace-expansion/dist/esm/index.js"() {
    init_esm();
    escSlash = "\0SLASH" + Math.random().toFixed(16) + "\0";
    escOpen = "\0OPEN" + Math.random().toFixed(16) + "\0";
    escClose = "\0CLOSE" + Math.random().toFixed(16) + "\0";
    escComma = "\0COMMA" + Math.random().toFixed(16) + "\0";
    escPeriod = "\0PERIOD" + Math.random().toFixed(16) + "\0";
    escSlashPattern = new RegExp(escSlash, "g");
    escOpenPattern = new RegExp(escOpen, "g");
    escClosePattern = new RegExp(escClose, "g");
    escCommaPattern = new RegExp(escComma, "g");
    escPeriodPattern = new RegExp(escPeriod, "g");
    slashPattern = /\\\\/g;
    openPattern = /\\{/g;
    closePattern = /\\}/g;
    commaPattern = /\\,/g;
    periodPattern = /\\\./g;
    EXPANSION_MAX = 1e5;
    EXPANSION_MAX_LENGTH = 4e6;
    EXPANSION_MAX_DEPTH = 1e3;
    EXPANSION_MAX_REWRITES = 1e3;
    EXPANSION_MAX_STEPS = 2e7;
    CALL_STEPS = 16;
  }
});

// node_modules/@isaacs/nonrecursive-glob-match/dist/esm/numeric-range.js
var digit, prefix, fixed, nonneg, numericRange;
var init_numeric_range = __esm({
  "node_modules/@isaacs/nonrecursive-glob-match/dist/esm/numeric-range.js"() {
    digit = (a, b) => a === b ? { t: "lit", ch: String(a) } : { t: "class", re: new RegExp(`^[${a}-${b}]$`) };
    prefix = (d, alts) => alts.map((s) => [digit(d, d), ...s]);
    fixed = (a, b) => {
      if (!a)
        return [[]];
      let lo = +a[0];
      let hi = +b[0];
      const ra = a.slice(1);
      const rb = b.slice(1);
      if (lo === hi)
        return prefix(lo, fixed(ra, rb));
      const zeros = "0".repeat(ra.length);
      const nines = "9".repeat(ra.length);
      const out = [];
      if (ra !== zeros)
        out.push(...prefix(lo++, fixed(ra, nines)));
      const last = rb === nines ? [] : prefix(hi--, fixed(zeros, rb));
      if (lo <= hi) {
        out.push([digit(lo, hi), ...Array.from(ra, () => digit(0, 9))]);
      }
      out.push(...last);
      return out;
    };
    nonneg = (a, b, width) => {
      if (width) {
        return fixed(String(a).padStart(width, "0"), String(b).padStart(width, "0"));
      }
      const out = [];
      for (let len = String(a).length; len <= String(b).length; len++) {
        const lo = Math.max(a, len === 1 ? 0 : 10 ** (len - 1));
        const hi = Math.min(b, 10 ** len - 1);
        out.push(...fixed(String(lo), String(hi)));
      }
      return out;
    };
    numericRange = (loStr, hiStr) => {
      let lo = Number(loStr);
      let hi = Number(hiStr);
      if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi))
        return;
      if (lo > hi)
        [lo, hi] = [hi, lo];
      const padded = /^-?0\d/.test(loStr) || /^-?0\d/.test(hiStr);
      const width = padded ? Math.max(loStr.length, hiStr.length) : 0;
      const out = [];
      if (lo < 0) {
        const neg = nonneg(Math.max(-hi, 1), -lo, width && width - 1);
        out.push(...neg.map((s) => [{ t: "lit", ch: "-" }, ...s]));
      }
      if (hi >= 0)
        out.push(...nonneg(Math.max(lo, 0), hi, width));
      return out;
    };
  }
});

// node_modules/@isaacs/nonrecursive-glob-match/dist/esm/parse-class.js
var posixClasses, braceEscape, noMatch, parseClass;
var init_parse_class = __esm({
  "node_modules/@isaacs/nonrecursive-glob-match/dist/esm/parse-class.js"() {
    posixClasses = {
      "[:alnum:]": ["\\p{L}\\p{Nl}\\p{Nd}"],
      "[:alpha:]": ["\\p{L}\\p{Nl}"],
      "[:ascii:]": ["\\x00-\\x7f"],
      "[:blank:]": ["\\p{Zs}\\t"],
      "[:cntrl:]": ["\\p{Cc}"],
      "[:digit:]": ["\\p{Nd}"],
      "[:graph:]": ["\\p{Z}\\p{C}", true],
      "[:lower:]": ["\\p{Ll}"],
      "[:print:]": ["\\p{C}", true],
      "[:punct:]": ["\\p{P}\\p{S}"],
      "[:space:]": ["\\p{Z}\\t\\r\\n\\v\\f"],
      "[:upper:]": ["\\p{Lu}"],
      "[:word:]": ["\\p{L}\\p{Nl}\\p{Nd}\\p{Pc}"],
      "[:xdigit:]": ["A-Fa-f0-9"]
    };
    braceEscape = (s) => s.replace(/[[\]\\-]/g, "\\$&");
    noMatch = /$./;
    parseClass = (glob, position, nocase = false, form) => {
      const norm = (c) => {
        const n = form ? c.normalize(form) : c;
        return [...n].length === 1 ? n : c;
      };
      const pos = position;
      if (glob.charAt(pos) !== "[") {
        throw new Error("not in a brace expression");
      }
      const ranges = [];
      const negs = [];
      let i = pos + 1;
      let sawStart = false;
      let escaping = false;
      let negate = false;
      let endPos = pos;
      let rangeStart = "";
      WHILE: while (i < glob.length) {
        const c = String.fromCodePoint(glob.codePointAt(i));
        if ((c === "!" || c === "^") && i === pos + 1) {
          negate = true;
          i++;
          continue;
        }
        if (c === "]" && sawStart && !escaping) {
          endPos = i + 1;
          break;
        }
        sawStart = true;
        if (c === "\\") {
          if (!escaping) {
            escaping = true;
            i++;
            continue;
          }
        }
        if (c === "[" && !escaping) {
          for (const [cls, [unip, neg]] of Object.entries(posixClasses)) {
            if (glob.startsWith(cls, i)) {
              if (rangeStart) {
                return [noMatch, glob.length - pos];
              }
              i += cls.length;
              if (neg)
                negs.push(unip);
              else
                ranges.push(unip);
              continue WHILE;
            }
          }
        }
        escaping = false;
        const n = norm(c);
        if (rangeStart) {
          if (n.codePointAt(0) > rangeStart.codePointAt(0)) {
            ranges.push(braceEscape(rangeStart) + "-" + braceEscape(n));
          } else if (n === rangeStart) {
            ranges.push(braceEscape(n));
          }
          rangeStart = "";
          i += c.length;
          continue;
        }
        if (glob.startsWith("-]", i + c.length)) {
          ranges.push(braceEscape(n + "-"));
          i += c.length + 1;
          continue;
        }
        if (glob.startsWith("-", i + c.length)) {
          rangeStart = n;
          i += c.length + 1;
          continue;
        }
        ranges.push(braceEscape(n));
        i += c.length;
      }
      if (endPos < i) {
        return [noMatch, 0];
      }
      if (!ranges.length && !negs.length) {
        return [noMatch, glob.length - pos];
      }
      const sranges = "[" + (negate ? "^" : "") + ranges.join("") + "]";
      const snegs = "[" + (negate ? "" : "^") + negs.join("") + "]";
      const comb = "^" + (ranges.length && negs.length ? "(" + sranges + "|" + snegs + ")" : ranges.length ? sranges : snegs);
      return [new RegExp(comb, nocase ? "iu" : "u"), endPos - pos];
    };
  }
});

// node_modules/@isaacs/nonrecursive-glob-match/dist/esm/index.js
var MATCH, extTypes, lit, reEscape, newFoldRe, foldCache, foldRe, litMatch, tokenize, pair, build, normalize, compile, show, State, sameState, marks, Sim, stateKey, DFA_BUDGET, Dfa, linear, testLinear, lengths, itemLengths, hasAffix, slashOrSurrogate, surrogate, codePoints, noSlash, Matcher;
var init_esm3 = __esm({
  "node_modules/@isaacs/nonrecursive-glob-match/dist/esm/index.js"() {
    init_numeric_range();
    init_parse_class();
    MATCH = { t: "match", id: 0 };
    extTypes = "!?+*@";
    lit = (ch) => ({ t: "lit", ch });
    reEscape = (s) => s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
    newFoldRe = (s) => new RegExp(`^${reEscape(s)}$`, "iu");
    foldCache = /* @__PURE__ */ new Map();
    foldRe = (ch) => {
      let re = foldCache.get(ch);
      if (!re) {
        re = newFoldRe(ch);
        if (foldCache.size >= 1e3)
          foldCache.clear();
        foldCache.set(ch, re);
      }
      return re;
    };
    litMatch = (l, c) => {
      if (c === l.ch)
        return true;
      if (!l.re)
        return false;
      const code2 = c.charCodeAt(0);
      if (code2 >= 128)
        return l.re.test(c);
      const ascii = l.ascii ??= new Uint8Array(128);
      ascii[code2] ||= l.re.test(c) ? 1 : 2;
      return ascii[code2] === 1;
    };
    tokenize = (p, nocase, noext, form, mark) => {
      const toks = [];
      for (let i = 0; i < p.length; ) {
        const c = String.fromCodePoint(p.codePointAt(i));
        if (mark) {
          const m = c === "\\" && p.startsWith(mark, i + 1) ? 1 : 0;
          if (m || c === mark) {
            const start = i + m + mark.length;
            const end = p.indexOf(mark, start);
            const r = /^(-?\d+)\.\.(-?\d+)$/.exec(p.slice(start, end));
            const alts = end !== -1 && r && numericRange(r[1], r[2]);
            if (alts) {
              toks.push({ t: "ext", type: "@", alts });
              i = end + mark.length;
              continue;
            }
          }
        }
        if (c === "\\") {
          const e = p.codePointAt(i + 1);
          const ch = e === void 0 ? c : String.fromCodePoint(e);
          toks.push(lit(ch));
          i += 1 + ch.length;
          continue;
        }
        if (c === "[") {
          const [re, consumed] = parseClass(p, i, nocase, form);
          if (consumed) {
            toks.push({ t: "class", re });
            i += consumed;
            continue;
          }
        }
        if (!noext && extTypes.includes(c) && p[i + 1] === "(") {
          toks.push({ t: "open", type: c });
          i += 2;
          continue;
        }
        toks.push(!noext && c === "|" ? { t: "bar" } : !noext && c === ")" ? { t: "close" } : c === "*" ? { t: "star" } : c === "?" ? { t: "any" } : lit(c));
        i += c.length;
      }
      return toks;
    };
    pair = (toks) => {
      const pairs = /* @__PURE__ */ new Map();
      const stack = [];
      toks.forEach((tok, i) => {
        if (tok.t === "open")
          stack.push(i);
        else if (tok.t === "close" && stack.length)
          pairs.set(stack.pop(), i);
      });
      return pairs;
    };
    build = (toks, pairs, start, end, top) => {
      let seq = [];
      const alts = [seq];
      for (let i = start; i < end; i++) {
        const tok = toks[i];
        const close = pairs.get(i);
        if (tok.t === "open" && close !== void 0) {
          const sub = build(toks, pairs, i + 1, close, false);
          seq.push({ t: "ext", type: tok.type, alts: sub });
          i = close;
        } else if (tok.t === "bar" && !top) {
          alts.push(seq = []);
        } else if (tok.t === "open") {
          seq.push(lit(tok.type), lit("("));
        } else if (tok.t === "bar") {
          seq.push(lit("|"));
        } else if (tok.t === "close") {
          seq.push(lit(")"));
        } else {
          seq.push(tok);
        }
      }
      return alts;
    };
    normalize = (items, form) => {
      const out = [];
      let run = "";
      const flush = () => {
        for (const ch of run.normalize(form))
          out.push(lit(ch));
        run = "";
      };
      for (const it of items) {
        if (it.t === "lit") {
          run += it.ch;
          continue;
        }
        flush();
        out.push(it.t === "ext" ? { ...it, alts: it.alts.map((a) => normalize(a, form)) } : it);
      }
      flush();
      return out;
    };
    compile = (items, nocase) => {
      let id = 1;
      const split = (out) => ({ t: "split", id: id++, out });
      const seq = (items2, next) => items2.reduceRight((next2, it) => item(it, next2), next);
      const item = (it, next) => {
        switch (it.t) {
          case "lit":
            const re = nocase ? foldRe(it.ch) : void 0;
            return { t: "lit", id: id++, ch: it.ch, re, next };
          case "any":
          case "star":
            return { t: it.t, id: id++, next };
          case "class":
            return { t: "class", id: id++, re: it.re, next };
        }
        const alts = (next2) => it.alts.map((a) => seq(a, next2));
        switch (it.type) {
          case "@":
            return split(alts(next));
          case "?":
            return split([next, ...alts(next)]);
          case "!":
            return { t: "neg", id: id++, sub: split(alts(MATCH)), next };
        }
        const after = split([]);
        const entry = split(alts(after));
        after.out.push(next, entry);
        return it.type === "*" ? after : entry;
      };
      const start = seq(items, MATCH);
      return [start, id];
    };
    show = (start) => {
      const lines = [];
      const seen = /* @__PURE__ */ new Set();
      const ref = (n) => n.t === "match" ? "match" : String(n.id);
      const walk = (n, indent) => {
        if (n.t === "match" || seen.has(n))
          return;
        seen.add(n);
        const line = (desc) => lines.push(`${indent}${n.id}: ${desc}`);
        switch (n.t) {
          case "split":
            line(`split -> ${n.out.map(ref).join(", ")}`);
            for (const o of n.out)
              walk(o, indent);
            return;
          case "neg":
            line(`!(${ref(n.sub)}) -> ${ref(n.next)}`);
            walk(n.sub, indent + "  ");
            return walk(n.next, indent);
          case "lit":
            line(`${JSON.stringify(n.ch)} -> ${ref(n.next)}`);
            break;
          case "class":
            line(`${n.re} -> ${ref(n.next)}`);
            break;
          default:
            line(`${n.t === "any" ? "?" : "*"} -> ${ref(n.next)}`);
        }
        walk(n.next, indent);
      };
      walk(start, "");
      return [`start -> ${ref(start)}`, ...lines].join("\n");
    };
    State = class {
      // set by the Sim, to mark the nodes that this state has
      gen;
      threads = [];
      match = false;
      runs = [];
      // the sorted ids of the threads, with 0 for a match, once the
      // state is done
      ids = [];
      constructor(gen) {
        this.gen = gen;
      }
      // no threads, so nothing more can match
      get dead() {
        return !this.threads.length && !this.match && !this.runs.length;
      }
    };
    sameState = (a, b) => {
      if (a.ids.length !== b.ids.length)
        return false;
      if (a.runs.length !== b.runs.length)
        return false;
      if (a.ids.some((id, i) => id !== b.ids[i]))
        return false;
      return a.runs.every((r) => b.runs.some((o) => o.neg === r.neg && sameState(o.state, r.state)));
    };
    marks = (size) => ({
      has: new Float64Array(size),
      seen: new Float64Array(size),
      gen: 0
    });
    Sim = class {
      // `.` and `..` only match literal dots, even with `dot:true`
      dots;
      // the string starts with `.`, and `dot:true` is not set
      dotStart;
      #marks;
      constructor(dots, dotStart, marks2) {
        this.dots = dots;
        this.dotStart = dotStart;
        this.#marks = marks2;
      }
      state() {
        return new State(++this.#marks.gen);
      }
      // sort the ids of a state, once it has all of its threads
      done(state) {
        state.ids = state.threads.map((n) => n.id).sort((a, b) => a - b);
        if (state.match)
          state.ids.unshift(MATCH.id);
        return state;
      }
      // true the first time that the state walks through the node, so
      // that loops in the graph stop
      #visit(state, node) {
        const { seen } = this.#marks;
        if (seen[node.id] === state.gen)
          return false;
        seen[node.id] = state.gen;
        return true;
      }
      #addThread(state, node) {
        const { has } = this.#marks;
        if (has[node.id] === state.gen)
          return false;
        has[node.id] = state.gen;
        state.threads.push(node);
        return true;
      }
      // wildcards only match a leading dot if `dot:true`. In a negated
      // sub-pattern, this does not apply, because the negation itself
      // can not match a leading dot.
      restricted(i, top) {
        return top && (this.dots || this.dotStart && i === 0);
      }
      add(state, node, i, top) {
        switch (node.t) {
          case "split":
            if (!this.#visit(state, node))
              return;
            for (const o of node.out)
              this.add(state, o, i, top);
            return;
          case "neg":
            if (!this.#visit(state, node))
              return;
            const sub = this.state();
            this.add(sub, node.sub, i, false);
            this.done(sub);
            return this.addRun(state, { t: "run", neg: node, state: sub }, i, top);
          case "star":
            if (this.restricted(i, top))
              return;
            if (this.#addThread(state, node))
              this.add(state, node.next, i, top);
            return;
          case "match":
            state.match = true;
            return;
          default:
            this.#addThread(state, node);
        }
      }
      addRun(state, run, i, top) {
        for (const r of state.runs) {
          if (r.neg === run.neg && sameState(r.state, run.state))
            return;
        }
        state.runs.push(run);
        if (!run.state.match) {
          this.add(state, run.neg.next, i, top);
        }
      }
      // the threads after char `c`, at index `i`
      step(state, c, i, top) {
        const next = this.state();
        for (const th of state.threads) {
          switch (th.t) {
            case "lit":
              if (litMatch(th, c)) {
                this.add(next, th.next, i + 1, top);
              }
              break;
            case "any":
              if (!this.restricted(i, top))
                this.add(next, th.next, i + 1, top);
              break;
            case "class":
              if (!this.restricted(i, top) && th.re.test(c)) {
                this.add(next, th.next, i + 1, top);
              }
              break;
            case "star":
              if (!this.restricted(i, top))
                this.add(next, th, i + 1, top);
          }
        }
        if (!this.restricted(i, top)) {
          for (const run of state.runs) {
            if (run.state.dead) {
              this.addRun(next, run, i + 1, top);
              continue;
            }
            const sub = this.step(run.state, c, i, false);
            this.addRun(next, { t: "run", neg: run.neg, state: sub }, i + 1, top);
          }
        }
        return this.done(next);
      }
    };
    stateKey = (state) => {
      const ids = state.ids.join();
      if (!state.runs.length)
        return ids;
      const runs = state.runs.map((r) => `${r.neg.id}(${stateKey(r.state)})`);
      return `${ids}|${runs.sort().join("|")}`;
    };
    DFA_BUDGET = 1 << 18;
    Dfa = class {
      #start;
      #states = /* @__PURE__ */ new Map();
      #size = 0;
      #plain;
      #dotStart;
      #sim;
      #dotSim;
      constructor(start, marks2) {
        this.#start = start;
        this.#sim = new Sim(false, false, marks2);
        this.#dotSim = new Sim(false, true, marks2);
      }
      #make(state) {
        return {
          state,
          match: state.match,
          dead: state.dead,
          next: /* @__PURE__ */ new Map()
        };
      }
      #intern(state) {
        const key = stateKey(state);
        const found = this.#states.get(key);
        if (found)
          return found;
        if (this.#size > DFA_BUDGET)
          this.#clear();
        const d = this.#make(state);
        this.#states.set(key, d);
        this.#size += key.length + 1;
        return d;
      }
      #clear() {
        this.#states.clear();
        this.#size = 0;
        this.#plain = void 0;
        this.#dotStart = void 0;
      }
      start(dotStart) {
        if (dotStart) {
          if (this.#dotStart)
            return this.#dotStart;
          const state2 = this.#dotSim.state();
          this.#dotSim.add(state2, this.#start, 0, true);
          return this.#dotStart = this.#make(this.#dotSim.done(state2));
        }
        if (this.#plain)
          return this.#plain;
        const state = this.#sim.state();
        this.#sim.add(state, this.#start, 0, true);
        return this.#plain = this.#intern(this.#sim.done(state));
      }
      // the next state, after a miss in `d.ascii`
      next(d, c) {
        const code2 = c.charCodeAt(0);
        const found = code2 < 128 ? void 0 : d.next.get(c);
        if (found)
          return found;
        const n = d === this.#dotStart ? this.#intern(this.#dotSim.step(d.state, c, 0, true)) : this.#intern(this.#sim.step(d.state, c, 1, true));
        if (code2 < 128) {
          if (!d.ascii) {
            d.ascii = new Array(128);
            this.#size += 128;
          }
          d.ascii[code2] = n;
        } else {
          d.next.set(c, n);
        }
        this.#size++;
        return n;
      }
    };
    linear = (start) => {
      const nodes = [];
      for (let n = start; n.t !== "match"; n = n.next) {
        if (n.t === "split" || n.t === "neg")
          return void 0;
        nodes.push(n);
      }
      return nodes;
    };
    testLinear = (nodes, chars, start, end) => {
      let ni = 0;
      let ci = start;
      let starNi = -1;
      let starCi = 0;
      while (ci < end) {
        const n = nodes[ni];
        if (n?.t === "star") {
          starNi = ni++;
          starCi = ci;
          continue;
        }
        const c = chars[ci];
        if (n && (n.t === "any" || n.t === "lit" && litMatch(n, c) || n.t === "class" && n.re.test(c))) {
          ni++;
          ci++;
          continue;
        }
        if (starNi === -1)
          return false;
        ni = starNi + 1;
        ci = ++starCi;
      }
      while (nodes[ni]?.t === "star")
        ni++;
      return ni === nodes.length;
    };
    lengths = (items) => {
      let min = 0;
      let max = 0;
      for (const it of items) {
        const [lo, hi] = itemLengths(it);
        min += lo;
        max += hi;
      }
      return [min, max];
    };
    itemLengths = (it) => {
      if (it.t === "star")
        return [0, Infinity];
      if (it.t !== "ext")
        return [1, 1];
      if (it.type === "!")
        return [0, Infinity];
      const alts = it.alts.map(lengths);
      const min = Math.min(...alts.map((a) => a[0]));
      const max = Math.max(...alts.map((a) => a[1]));
      const loop = max === 0 ? 0 : Infinity;
      return it.type === "@" ? [min, max] : it.type === "?" ? [0, max] : it.type === "*" ? [0, loop] : [min, loop];
    };
    hasAffix = (lits, chars, start) => {
      for (let j = 0; j < lits.length; j++) {
        if (!litMatch(lits[j], chars[start + j]))
          return false;
      }
      return true;
    };
    slashOrSurrogate = /[/\ud800-\udfff]/;
    surrogate = /[\ud800-\udfff]/;
    codePoints = (s) => surrogate.test(s) ? [...s] : s;
    noSlash = (s) => {
      if (s.includes("/")) {
        throw new Error("can only match a single path portion, got: " + s);
      }
    };
    Matcher = class {
      pattern;
      options;
      #start;
      // the number of node ids
      #size;
      #marks;
      // the Sim for strings that are only `.` or `..`
      #dotsSim;
      // the string to compare, if the pattern has no magic. With
      // `nocase:true`, the RegExp that folds case is made when it is
      // first used.
      #literal;
      #literalFold = false;
      #literalRe;
      // the nodes between the prefix and suffix, if the graph is a
      // single chain
      #linear;
      // the linear nodes are only `*` and `?`, so the length bounds and
      // the prefix and suffix decide the match
      #wild = false;
      // the least and most chars that a match can have
      #min = 0;
      #max = Infinity;
      // the literals that a match must start and end with. Each one
      // matches exactly one char, and they are distinct items in the
      // pattern, so a string that does not have them can not match.
      #prefix = [];
      #suffix = [];
      // the prefix and suffix as strings, if they do not fold case
      #prefixStr;
      #suffixStr;
      // there is a prefix or suffix to check
      #affix = false;
      #dfa;
      #form;
      constructor(pattern, options = {}) {
        if (pattern.includes("/")) {
          throw new Error("can only match a single path portion, got pattern: " + pattern);
        }
        this.pattern = pattern;
        this.options = options;
        const { nocase = false, noext = false, normalize: n } = options;
        this.#form = n === true ? "NFC" : n || void 0;
        const literal2 = /^[?*+@]\(\)$/.test(pattern);
        const toks = tokenize(pattern, nocase, noext || literal2, this.#form, options.rangeMark);
        let [items] = build(toks, pair(toks), 0, toks.length, true);
        if (this.#form)
          items = normalize(items, this.#form);
        const [start, size] = compile(items, nocase);
        this.#start = start;
        this.#size = size;
        if (items.every((it) => it.t === "lit")) {
          this.#literal = items.map((it) => it.ch).join("");
          this.#literalFold = nocase;
        } else {
          const lit2 = (it) => it.t !== "lit" ? void 0 : nocase ? { ch: it.ch, re: foldRe(it.ch) } : { ch: it.ch };
          for (const it of items) {
            const l = lit2(it);
            if (!l)
              break;
            this.#prefix.push(l);
          }
          for (let j = items.length - 1; j >= 0; j--) {
            const l = lit2(items[j]);
            if (!l)
              break;
            this.#suffix.unshift(l);
          }
          this.#affix = !!(this.#prefix.length || this.#suffix.length);
          if (!nocase) {
            this.#prefixStr = this.#prefix.map((l) => l.ch).join("");
            this.#suffixStr = this.#suffix.map((l) => l.ch).join("");
          }
          this.#linear = linear(this.#start)?.slice(this.#prefix.length, -this.#suffix.length || void 0);
          this.#wild = !!this.#linear?.every((n2) => n2.t === "star" || n2.t === "any");
          const [min, max] = lengths(items);
          this.#min = min;
          this.#max = max;
        }
      }
      test(s) {
        if (this.#form) {
          noSlash(s);
          return this.#test(s.normalize(this.#form));
        }
        if (slashOrSurrogate.test(s)) {
          noSlash(s);
          return this.#test(s, [...s]);
        }
        return this.#test(s, s);
      }
      /**
       * The same as {@link Matcher#test}, but the string is not checked
       * for `/` chars, so the result for a string that has one is not
       * defined. Only use it for a string that is known to be one path
       * portion, such as a part of a path that was split on `/`. It can
       * be faster, because some patterns do not need to look at each char
       * of the string.
       */
      testUnchecked(s) {
        return this.#test(this.#form ? s.normalize(this.#form) : s);
      }
      // Test a string that has no `/`. `chars` indexes it by code point.
      // If it is not given, it is only found if a step needs it.
      #test(s, chars) {
        if (this.#literal !== void 0) {
          return this.#literalFold ? (this.#literalRe ??= newFoldRe(this.#literal)).test(s) : s === this.#literal;
        }
        const min = this.#min;
        const max = this.#max;
        if (chars === void 0) {
          const most = s.length;
          const least = most + 1 >> 1;
          if (most < min || least > max)
            return false;
          if (least < min || most > max)
            chars = codePoints(s);
        }
        if (chars !== void 0 && (chars.length < min || chars.length > max)) {
          return false;
        }
        const prefix2 = this.#prefix.length;
        if (this.#affix) {
          if (this.#prefixStr !== void 0 && this.#suffixStr !== void 0) {
            if (!s.startsWith(this.#prefixStr) || !s.endsWith(this.#suffixStr)) {
              return false;
            }
          } else {
            chars ??= codePoints(s);
            const end = chars.length - this.#suffix.length;
            if (!hasAffix(this.#prefix, chars, 0) || !hasAffix(this.#suffix, chars, end)) {
              return false;
            }
          }
        }
        const dotStart = !this.options.dot && s.startsWith(".");
        if (this.#linear) {
          if (s === "." || s === "..")
            return false;
          if (dotStart && !prefix2)
            return false;
          if (this.#wild)
            return true;
          chars ??= codePoints(s);
          const end = chars.length - this.#suffix.length;
          return testLinear(this.#linear, chars, prefix2, end);
        }
        chars ??= codePoints(s);
        if (s === "." || s === "..") {
          this.#marks ??= marks(this.#size);
          const sim = this.#dotsSim ??= new Sim(true, false, this.#marks);
          const start = sim.state();
          sim.add(start, this.#start, 0, true);
          let state = sim.done(start);
          for (let i = 0; i < chars.length; i++) {
            state = sim.step(state, chars[i], i, true);
          }
          return state.match;
        }
        this.#marks ??= marks(this.#size);
        const dfa = this.#dfa ??= new Dfa(this.#start, this.#marks);
        let d = dfa.start(dotStart);
        const str2 = chars === s;
        for (let i = 0; i < chars.length; i++) {
          if (d.dead)
            return false;
          const code2 = str2 ? s.charCodeAt(i) : chars[i].charCodeAt(0);
          d = d.ascii?.[code2] ?? dfa.next(d, chars[i]);
        }
        return d.match;
      }
      /** a readable listing of the state machine */
      toString() {
        return show(this.#start);
      }
    };
  }
});

// node_modules/minimatch/dist/esm/assert-valid-pattern.js
var MAX_PATTERN_LENGTH, assertValidPattern;
var init_assert_valid_pattern = __esm({
  "node_modules/minimatch/dist/esm/assert-valid-pattern.js"() {
    MAX_PATTERN_LENGTH = 1024 * 64;
    assertValidPattern = (pattern) => {
      if (typeof pattern !== "string") {
        throw new TypeError("invalid pattern");
      }
      if (pattern.length > MAX_PATTERN_LENGTH) {
        throw new TypeError("pattern is too long");
      }
    };
  }
});

// node_modules/minimatch/dist/esm/escape.js
var escape;
var init_escape = __esm({
  "node_modules/minimatch/dist/esm/escape.js"() {
    escape = (s, { windowsPathsNoEscape = false, magicalBraces = false } = {}) => {
      const e = magicalBraces ? windowsPathsNoEscape ? s.replace(/[?*()[\]{}]/g, "[$&]") : s.replace(/[?*()[\]\\{}]/g, "\\$&") : windowsPathsNoEscape ? s.replace(/[?*()[\]]/g, "[$&]") : s.replace(/[?*()[\]\\]/g, "\\$&");
      const c = e.charAt(0);
      if (c === "#") {
        return (windowsPathsNoEscape ? "[#]" : "\\#") + e.slice(1);
      }
      if (c === "!") {
        return (windowsPathsNoEscape ? "@(!)" : "\\!") + e.slice(1);
      }
      return e;
    };
  }
});

// node_modules/minimatch/dist/esm/unescape.js
var unescape;
var init_unescape = __esm({
  "node_modules/minimatch/dist/esm/unescape.js"() {
    unescape = (s, { windowsPathsNoEscape = false, magicalBraces = true } = {}) => {
      if (windowsPathsNoEscape && s.startsWith("@(!)")) {
        return "!" + unescape(s.slice(4), { windowsPathsNoEscape, magicalBraces });
      }
      if (magicalBraces) {
        return windowsPathsNoEscape ? s.replace(/\[([^/\\])\]/g, "$1") : s.replace(/((?!\\).|^)\[([^/\\])\]/g, "$1$2").replace(/\\([^/])/g, "$1");
      }
      return windowsPathsNoEscape ? s.replace(/\[([^/\\{}])\]/g, "$1") : s.replace(/((?!\\).|^)\[([^/\\{}])\]/g, "$1$2").replace(/\\([^/{}])/g, "$1");
    };
  }
});

// node_modules/minimatch/dist/esm/index.js
var DEFAULT_BRACE_EXPAND_MAX, DEFAULT_GLOB_STAR_RECURSION_MAX, AWE_KEY, minimatch, cache, oldCache, cacheSize, cacheTotalWeight, cacheMax, cacheMaxWeight, cacheMaxEntryWeight, cacheWeight, tri, booleanWeights, optionsKey, copyOptions, cachedMinimatch, defaultPlatform, path, sep2, GLOBSTAR, filter, ext, defaults, braceExpand, RANGE_MIN, rangeRe, inRepeatOrNegExt, match, globMagic, classEnd, literal, MAX_EXTGLOBS, extglobCount, assertValidExtglobs, extSafe, lastSplit, lastChecked, portionMatch, endIndex, isDots, isDrive, isLongUNC, uncHost, walkable, dotPortion, isSep, nextSep, lastSep, PENDING, Minimatch;
var init_esm4 = __esm({
  "node_modules/minimatch/dist/esm/index.js"() {
    init_esm2();
    init_esm3();
    init_assert_valid_pattern();
    init_escape();
    init_unescape();
    init_escape();
    init_unescape();
    DEFAULT_BRACE_EXPAND_MAX = 1e5;
    DEFAULT_GLOB_STAR_RECURSION_MAX = 200;
    AWE_KEY = "allowWindowsEscape";
    minimatch = (p, pattern, options) => {
      assertValidPattern(pattern);
      if (!options?.nocomment && pattern.charAt(0) === "#") {
        return false;
      }
      return cachedMinimatch(pattern, options).match(p);
    };
    cache = /* @__PURE__ */ new Map();
    oldCache = /* @__PURE__ */ new Map();
    cacheSize = 0;
    cacheTotalWeight = 0;
    cacheMax = 256;
    cacheMaxWeight = 1 << 15;
    cacheMaxEntryWeight = 1 << 12;
    cacheWeight = (mm) => {
      let w = mm.pattern.length;
      for (const s of mm.globSet) {
        w += s.length + 1;
        if (w > cacheMaxEntryWeight)
          break;
      }
      return w;
    };
    tri = (v) => v === void 0 ? 0 : v ? 2 : 1;
    booleanWeights = new Map(Object.keys({
      nobrace: 0,
      nocomment: 0,
      nonegate: 0,
      noglobstar: 0,
      noext: 0,
      nonull: 0,
      partial: 0,
      dot: 0,
      nocase: 0,
      nocaseMagicOnly: 0,
      magicalBraces: 0,
      matchBase: 0,
      flipNegate: 0,
      preserveMultipleSlashes: 0,
      windowsNoMagicRoot: 0
    }).map((k, i) => [k, 24 * 3 ** i]));
    optionsKey = (o) => {
      let n = 0;
      let wpe = false;
      for (const k in o) {
        const v = o[k];
        switch (k) {
          // the same test as the Minimatch constructor
          case "windowsPathsNoEscape":
            if (v)
              wpe = true;
            break;
          case AWE_KEY:
            if (v === false)
              wpe = true;
            break;
          case "platform": {
            const p = v || defaultPlatform;
            if (p === defaultPlatform)
              break;
            if (p === "darwin")
              n += 3;
            else if (p === "win32")
              n += 6;
            else if (p === "linux")
              n += 9;
            else
              return JSON.stringify(o);
            break;
          }
          case "optimizationLevel":
            if (v === void 0)
              break;
            n += v >= 2 ? 1 : v >= 1 ? 0 : 2;
            break;
          case "braceExpandMax":
            if (v !== void 0 && v !== DEFAULT_BRACE_EXPAND_MAX) {
              return JSON.stringify(o);
            }
            break;
          case "maxGlobstarRecursion":
            if (v !== void 0 && v !== DEFAULT_GLOB_STAR_RECURSION_MAX) {
              return JSON.stringify(o);
            }
            break;
          case "normalize":
            if (v !== void 0)
              return JSON.stringify(o);
            break;
          default:
            n += (booleanWeights.get(k) ?? 0) * tri(v);
        }
      }
      return wpe ? n + 12 : n;
    };
    copyOptions = (o) => {
      const copy = {};
      for (const k in o)
        copy[k] = o[k];
      return copy;
    };
    cachedMinimatch = (pattern, options) => {
      const key = options ? optionsKey(options) : 0;
      let mm = cache.get(key)?.get(pattern);
      if (mm)
        return mm;
      mm = oldCache.get(key)?.get(pattern) ?? new Minimatch(pattern, copyOptions(options));
      const weight = cacheWeight(mm);
      if (weight > cacheMaxEntryWeight)
        return mm;
      if (cacheSize >= cacheMax || cacheTotalWeight + weight > cacheMaxWeight) {
        oldCache = cache;
        cache = /* @__PURE__ */ new Map();
        cacheSize = 0;
        cacheTotalWeight = 0;
      }
      let byPattern = cache.get(key);
      if (!byPattern)
        cache.set(key, byPattern = /* @__PURE__ */ new Map());
      byPattern.set(pattern, mm);
      cacheSize++;
      cacheTotalWeight += weight;
      return mm;
    };
    defaultPlatform = typeof process === "object" && process ? process.env?.__MINIMATCH_TESTING_PLATFORM__ || process.platform : "posix";
    path = {
      win32: { sep: "\\" },
      posix: { sep: "/" }
    };
    sep2 = defaultPlatform === "win32" ? path.win32.sep : path.posix.sep;
    minimatch.sep = sep2;
    GLOBSTAR = /* @__PURE__ */ Symbol("globstar **");
    minimatch.GLOBSTAR = GLOBSTAR;
    filter = (pattern, options) => {
      let mm;
      return (p) => (mm ??= cachedMinimatch(pattern, options)).match(p);
    };
    minimatch.filter = filter;
    ext = (a, b = {}) => Object.assign({}, a, b);
    defaults = (def) => {
      if (!def || typeof def !== "object" || !Object.keys(def).length) {
        return minimatch;
      }
      const orig = minimatch;
      const m = (p, pattern, options = {}) => orig(p, pattern, ext(def, options));
      return Object.assign(m, {
        Minimatch: class Minimatch extends orig.Minimatch {
          constructor(pattern, options = {}) {
            super(pattern, ext(def, options));
          }
          static defaults(options) {
            return orig.defaults(ext(def, options)).Minimatch;
          }
        },
        unescape: (s, options = {}) => orig.unescape(s, ext(def, options)),
        escape: (s, options = {}) => orig.escape(s, ext(def, options)),
        filter: (pattern, options = {}) => orig.filter(pattern, ext(def, options)),
        defaults: (options) => orig.defaults(ext(def, options)),
        braceExpand: (pattern, options = {}) => orig.braceExpand(pattern, ext(def, options)),
        match: (list, pattern, options = {}) => orig.match(list, pattern, ext(def, options)),
        sep: orig.sep,
        GLOBSTAR
      });
    };
    minimatch.defaults = defaults;
    braceExpand = (pattern, options = {}) => {
      assertValidPattern(pattern);
      if (options.nobrace || !/\{(?:(?!\{).)*\}/.test(pattern)) {
        return [pattern];
      }
      let p = pattern.replace(/\\\\/g, "\\\\\\\\");
      if (options.windowsPathsNoEscape || options[AWE_KEY] === false) {
        p = p.replace(/\[([{}])\]/g, "[\\$1]");
      }
      return expand(p, { max: options.braceExpandMax });
    };
    minimatch.braceExpand = braceExpand;
    RANGE_MIN = 100;
    rangeRe = /(?<![\\$])\{(-?\d+)\.\.(-?\d+)\}/g;
    inRepeatOrNegExt = (portion, mark) => {
      const stack = [];
      for (let i = 0; i < portion.length; i++) {
        const c = portion.charAt(i);
        if (c === "\\") {
          i++;
        } else if (c === mark) {
          if (stack.some((t) => t !== "@" && t !== "?"))
            return true;
        } else if (portion.charAt(i + 1) === "(" && "!?+*@".includes(c)) {
          stack.push(c);
          i++;
        } else if (c === ")") {
          stack.pop();
        }
      }
      return false;
    };
    match = (list, pattern, options = {}) => {
      const mm = new Minimatch(pattern, options);
      list = list.filter((f) => mm.match(f));
      if (mm.options.nonull && !list.length) {
        list.push(pattern);
      }
      return list;
    };
    minimatch.match = match;
    globMagic = /[?*]|[+@!]\(.*?\)|\[|\]/;
    classEnd = (pattern, start) => {
      let i = start + 1;
      if (pattern.charAt(i) === "!" || pattern.charAt(i) === "^")
        i++;
      let sawStart = false;
      for (; i < pattern.length; i++) {
        const c = pattern.charAt(i);
        if (c === "]" && sawStart)
          return i;
        sawStart = true;
        if (c === "\\")
          i++;
      }
      return -1;
    };
    literal = (pattern, noext) => {
      if (!noext && (pattern === "+()" || pattern === "@()"))
        return pattern;
      let lit2 = "";
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern.charAt(i);
        if (c === "\\") {
          lit2 += pattern.charAt(++i) || c;
        } else if (c === "*" || c === "?") {
          return void 0;
        } else if (c === "[") {
          const close = classEnd(pattern, i);
          if (close === -1) {
            lit2 += c;
            continue;
          }
          let body2 = pattern.slice(i + 1, close);
          if (body2.startsWith("\\"))
            body2 = body2.slice(1);
          if ([...body2].length !== 1 || "!^".includes(pattern.charAt(i + 1))) {
            return void 0;
          }
          lit2 += body2;
          i = close;
        } else if (!noext && "+@!".includes(c) && pattern.charAt(i + 1) === "(" && pattern.includes(")", i + 2)) {
          return void 0;
        } else {
          lit2 += c;
        }
      }
      return lit2;
    };
    MAX_EXTGLOBS = 256;
    extglobCount = (pattern) => {
      let n = 0;
      for (let i = 0; i < pattern.length - 1; i++) {
        const c = pattern.charAt(i);
        if (c === "\\") {
          i++;
        } else if ("+@!?*".includes(c) && pattern.charAt(i + 1) === "(") {
          n++;
          i++;
        }
      }
      return n;
    };
    assertValidExtglobs = (pattern) => {
      if (extglobCount(pattern) > MAX_EXTGLOBS) {
        throw new TypeError("pattern has too many extglobs");
      }
    };
    extSafe = (pattern) => {
      if (/^[?*+@]\(\)$/.test(pattern) || pattern.includes("[:"))
        return false;
      let depth = 0;
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern.charAt(i);
        if (c === "\\") {
          if (++i === pattern.length)
            return false;
        } else if (c === "[") {
          const close = classEnd(pattern, i);
          if (close !== -1)
            i = close;
        } else if ("+@!?*".includes(c) && pattern.charAt(i + 1) === "(") {
          depth++;
          i++;
        } else if (c === ")") {
          if (!depth--)
            return false;
        } else if (c === "|" && !depth) {
          return false;
        }
      }
      return !depth;
    };
    portionMatch = (p, f) => typeof p === "string" ? f === p : f !== "" && p.testUnchecked(f);
    endIndex = (p, last, lastStart, prev, prevStart) => portionMatch(p, last) ? lastStart : prev !== void 0 && portionMatch(p, prev) ? prevStart : -1;
    isDots = (p) => p === "." || p === "..";
    isDrive = (p) => typeof p === "string" && /^[a-z]:$/i.test(p);
    isLongUNC = (p) => typeof p === "string" && /^unc$/i.test(p);
    uncHost = (p) => {
      if (p[0] !== "" || p[1] !== "")
        return -1;
      const h = p[2] !== "?" ? 2 : isLongUNC(p[3]) ? 4 : -1;
      const host = p[h];
      const share = p[h + 1];
      return h !== -1 && host !== void 0 && host !== "" && host !== GLOBSTAR && share !== void 0 && share !== "" && share !== GLOBSTAR ? h : -1;
    };
    walkable = (p, dot) => !isDots(p) && (dot || !p.startsWith("."));
    dotPortion = (f, start, end, dot, sep3) => {
      for (let k = start; k < end; ) {
        if (f.charCodeAt(k) === 46) {
          if (!dot)
            return true;
          const n = f.charCodeAt(k + 1) === 46 ? k + 2 : k + 1;
          if (n >= end || isSep(f.charCodeAt(n), sep3))
            return true;
        }
        const s = nextSep(f, k, sep3);
        if (s === -1)
          return false;
        k = s + 1;
        while (k < end && isSep(f.charCodeAt(k), sep3))
          k++;
      }
      return false;
    };
    isSep = (c, sep3) => sep3 === "/" ? c === 47 : sep3 === "\\" ? c === 92 : c === 47 || c === 92;
    nextSep = (f, from, sep3) => {
      if (sep3 !== "both")
        return f.indexOf(sep3, from);
      const s = f.indexOf("/", from);
      const b = f.indexOf("\\", from);
      return s === -1 ? b : b === -1 ? s : Math.min(s, b);
    };
    lastSep = (f, from, sep3) => sep3 !== "both" ? f.lastIndexOf(sep3, from) : Math.max(f.lastIndexOf("/", from), f.lastIndexOf("\\", from));
    PENDING = {};
    Minimatch = class {
      options;
      set;
      pattern;
      windowsPathsNoEscape;
      nonegate;
      negate;
      comment;
      empty;
      preserveMultipleSlashes;
      partial;
      globSet;
      globParts;
      nocase;
      isWindows;
      platform;
      windowsNoMagicRoot;
      maxGlobstarRecursion;
      // the path can be checked against the last portion, and the string
      // portions, of each row before it is split. See #canMatch.
      #endCheck;
      #literalCheck;
      // level 2 resolves `.` and `..` portions in the path
      #level2;
      // the unicode normalization form, if any
      #form;
      // the string portions of each row in the set
      #literals = [];
      // the rows that #canMatch can match without splitting the path
      #shapes = [];
      // the rows whose last portion can be checked against the path's
      #endRows = [];
      // brace expansion can make the same portion in many rows, so they
      // share one Matcher, and the states that it caches
      #matchers = /* @__PURE__ */ new Map();
      // parse() returns PENDING in place of a Matcher
      #pending = false;
      // the char that marks numeric ranges in globSet, if any
      #rangeMark;
      // the GlobstarParts of each pattern row, by start index and partial
      #globstarParts = /* @__PURE__ */ new WeakMap();
      constructor(pattern, options = {}) {
        assertValidPattern(pattern);
        options = options || {};
        this.options = options;
        this.maxGlobstarRecursion = options.maxGlobstarRecursion ?? DEFAULT_GLOB_STAR_RECURSION_MAX;
        this.pattern = pattern;
        this.platform = options.platform || defaultPlatform;
        this.isWindows = this.platform === "win32";
        this.windowsPathsNoEscape = !!options.windowsPathsNoEscape || options[AWE_KEY] === false;
        if (this.windowsPathsNoEscape) {
          this.pattern = this.pattern.replace(/\\/g, "/");
        }
        this.preserveMultipleSlashes = !!options.preserveMultipleSlashes;
        this.negate = false;
        this.nonegate = !!options.nonegate;
        this.comment = false;
        this.empty = false;
        this.partial = !!options.partial;
        this.nocase = !!this.options.nocase;
        this.windowsNoMagicRoot = options.windowsNoMagicRoot !== void 0 ? options.windowsNoMagicRoot : !!(this.isWindows && this.nocase);
        this.globSet = [];
        this.globParts = [];
        this.set = [];
        this.#endCheck = !this.preserveMultipleSlashes;
        this.#level2 = (options.optimizationLevel ?? 1) >= 2;
        const n = options.normalize;
        this.#form = n === true ? "NFC" : n || void 0;
        this.make();
        const drives = this.set.map((row) => this.#rootIndex(row));
        this.#endRows = this.set.map((row, r) => this.#endCheck && row.length - 1 > drives[r]);
        this.#literals = this.set.map((row, r) => {
          const end = this.#endRows[r] ? row.length - 1 : row.length;
          const lits = row.slice(drives[r] + 1, end).filter((p) => typeof p === "string" && !!p);
          return [...new Set(lits)];
        });
        this.#literalCheck = this.#literals.some((l) => l.length);
        this.#shapes = this.set.map((row, r) => {
          const [p0, p1, p2] = row;
          if (this.#endRows[r] && row.length === 2) {
            if (p0 === GLOBSTAR && p1 !== GLOBSTAR)
              return "tail";
          }
          if (this.#endRows[r] && options.matchBase && row.length === 1 && p0 !== GLOBSTAR && p0 !== "") {
            return "base";
          }
          if (!this.#endCheck || drives[r] !== -1)
            return void 0;
          if (row.length === 3 && p0 === GLOBSTAR && p2 === GLOBSTAR && p1 !== GLOBSTAR && p1 !== "" && // the portion between is only matched below this limit
          this.maxGlobstarRecursion > 0) {
            return "mid";
          }
          if (row.length === 2 && p1 === GLOBSTAR && p0 !== GLOBSTAR && p0 !== "") {
            return "head";
          }
          return void 0;
        });
      }
      // a string portion of a pattern, normalized if the option is set
      #norm(p) {
        return this.#form ? p.normalize(this.#form) : p;
      }
      // On Windows, the index of the last root portion of a row, as
      // #matchRow finds it: 0 for `c:/...`, 3 for `//?/c:/...` and
      // `//host/share/...`, and 5 for `//?/UNC/host/share/...`. Otherwise
      // -1.
      #rootIndex(row) {
        if (!this.isWindows)
          return -1;
        if (isDrive(row[0]))
          return 0;
        const uncDrive = row[0] === "" && row[1] === "" && row[2] === "?" && isDrive(row[3]);
        if (uncDrive)
          return 3;
        const h = uncHost(row);
        return h === -1 ? -1 : h + 1;
      }
      hasMagic() {
        if (this.options.magicalBraces && this.set.length > 1) {
          return true;
        }
        for (const pattern of this.set) {
          for (const part of pattern) {
            if (typeof part !== "string")
              return true;
          }
        }
        return false;
      }
      make() {
        const pattern = this.pattern;
        const options = this.options;
        if (!options.nocomment && pattern.charAt(0) === "#") {
          this.comment = true;
          return;
        }
        if (!pattern) {
          this.empty = true;
          return;
        }
        this.parseNegate();
        this.globSet = [...new Set(this.#expandBraces())];
        const rawGlobParts = this.globSet.map((s) => this.#slashSplit(s));
        this.globParts = this.preprocess(rawGlobParts);
        this.#pending = true;
        let set = this.globParts.map((s, _, __) => {
          if (this.isWindows && this.windowsNoMagicRoot) {
            const n = s[2] === "?" && isLongUNC(s[3]) ? 6 : 4;
            const isUNC = s[0] === "" && s[1] === "" && (s[2] === "?" || !globMagic.test(s[2])) && s.slice(3, n).every((p) => !globMagic.test(p));
            const isDrive2 = /^[a-z]:/i.test(s[0]);
            if (isUNC) {
              return [
                ...s.slice(0, n).map((p) => this.#norm(p)),
                ...s.slice(n).map((ss) => this.parse(ss))
              ];
            } else if (isDrive2) {
              return [
                this.#norm(s[0]),
                ...s.slice(1).map((ss) => this.parse(ss))
              ];
            }
          }
          return s.map((ss) => this.parse(ss));
        });
        this.set = set.filter((s) => s.indexOf(false) === -1);
        if (this.isWindows) {
          for (let i = 0; i < this.set.length; i++) {
            const p = this.set[i];
            if (p[0] === "" && p[1] === "" && this.globParts[i][2] === "?" && (isDrive(p[3]) || isLongUNC(this.globParts[i][3]))) {
              if (isLongUNC(this.globParts[i][3]))
                p[3] = "UNC";
              p[2] = "?";
            }
          }
        }
        if (!options.noext)
          this.mergeRows();
        this.#pending = false;
        this.set.forEach((row, i) => {
          for (let k = 0; k < row.length; k++) {
            if (row[k] === PENDING) {
              row[k] = this.parse(this.globParts[i][k]);
            }
          }
        });
      }
      // Merge rows that only differ in one portion, where each of them
      // is a Matcher, into one row that matches any of them with
      // `@(a|b|...)`. Then a path is only walked once for all of them,
      // for example with `**/*.{js,ts}`.
      mergeRows() {
        let merged = true;
        while (merged) {
          merged = false;
          if (this.set.length < 2)
            return;
          let keys = this.#mergeKeys();
          const len = Math.max(0, ...this.set.map((r) => r.length));
          for (let k = 0; k < len; k++) {
            const groups = /* @__PURE__ */ new Map();
            const R = this.set.length + 1;
            this.set.forEach((row, i) => {
              if (!(row[k] instanceof Matcher || row[k] === PENDING) || !extSafe(this.globParts[i][k])) {
                return;
              }
              const { pre, suf } = keys[i];
              const key = pre[k] * R + suf[k + 1];
              const g = groups.get(key);
              if (g)
                g.push(i);
              else
                groups.set(key, [i]);
            });
            const drop = /* @__PURE__ */ new Set();
            for (const g of groups.values()) {
              if (g.length < 2)
                continue;
              const [first, ...rest] = g;
              const alts = g.map((i) => this.globParts[i][k]);
              const glob = `@(${alts.join("|")})`;
              if (extglobCount(glob) > MAX_EXTGLOBS)
                continue;
              this.globParts[first][k] = glob;
              this.set[first][k] = this.parse(glob);
              for (const i of rest)
                drop.add(i);
            }
            if (drop.size) {
              merged = true;
              this.set = this.set.filter((_, i) => !drop.has(i));
              this.globParts = this.globParts.filter((_, i) => !drop.has(i));
              if (this.set.length < 2)
                return;
              keys = this.#mergeKeys();
            }
          }
        }
      }
      // For each row, number ids for its prefixes and suffixes, such that
      // pre[k] identifies parts[0..k) and suf[k] identifies parts[k..n).
      // Two rows are the same other than at portion k exactly when they
      // have the same pre[k] and suf[k + 1]. This is linear in the size of
      // the rows, where joining the whole row for every k was quadratic.
      #mergeKeys() {
        const partIds = /* @__PURE__ */ new Map();
        const ids = this.globParts.map((parts) => parts.map((s) => {
          let id = partIds.get(s);
          if (id === void 0)
            partIds.set(s, id = partIds.size);
          return id;
        }));
        const P = partIds.size;
        const len = Math.max(0, ...ids.map((r) => r.length));
        const keys = ids.map((r) => ({
          pre: [0],
          suf: new Array(r.length + 1).fill(0)
        }));
        for (let k = 0; k < len; k++) {
          const m = /* @__PURE__ */ new Map();
          ids.forEach((r, i) => {
            if (k >= r.length)
              return;
            const { pre } = keys[i];
            const key = pre[k] * P + r[k];
            let id = m.get(key);
            if (id === void 0)
              m.set(key, id = m.size + 1);
            pre.push(id);
          });
        }
        for (let k = len - 1; k >= 0; k--) {
          const m = /* @__PURE__ */ new Map();
          ids.forEach((r, i) => {
            if (k >= r.length)
              return;
            const { suf } = keys[i];
            const key = suf[k + 1] * P + r[k];
            let id = m.get(key);
            if (id === void 0)
              m.set(key, id = m.size + 1);
            suf[k] = id;
          });
        }
        return keys;
      }
      // various transforms to equivalent pattern sets that are
      // faster to process in a filesystem walk.  The goal is to
      // eliminate what we can, and push all ** patterns as far
      // to the right as possible, even if it increases the number
      // of patterns that we have to process.
      preprocess(globParts) {
        if (this.options.noglobstar) {
          for (const partset of globParts) {
            for (let j = 0; j < partset.length; j++) {
              if (partset[j] === "**") {
                partset[j] = "*";
              }
            }
          }
        }
        const { optimizationLevel = 1 } = this.options;
        if (optimizationLevel >= 2) {
          globParts = this.firstPhasePreProcess(globParts);
          globParts = this.secondPhasePreProcess(globParts);
        } else if (optimizationLevel >= 1) {
          globParts = this.levelOneOptimize(globParts);
        } else {
          globParts = this.adjascentGlobstarOptimize(globParts);
        }
        return globParts;
      }
      // just get rid of adjascent ** portions
      adjascentGlobstarOptimize(globParts) {
        return globParts.map((parts) => {
          let gs = -1;
          while (-1 !== (gs = parts.indexOf("**", gs + 1))) {
            let i = gs;
            while (parts[i + 1] === "**") {
              i++;
            }
            if (i !== gs) {
              parts.splice(gs, i - gs);
            }
          }
          return parts;
        });
      }
      // get rid of adjascent ** and resolve .. portions
      levelOneOptimize(globParts) {
        return globParts.map((parts) => {
          const root = this.#rootIndex(parts) + 1;
          parts = parts.reduce((set, part) => {
            const prev = set[set.length - 1];
            if (part === "**" && prev === "**") {
              return set;
            }
            if (part === "..") {
              if (set.length > root && prev && prev !== ".." && prev !== "." && prev !== "**") {
                set.pop();
                return set;
              }
            }
            set.push(part);
            return set;
          }, []);
          return parts.length === 0 ? [""] : parts;
        });
      }
      // Check the path against each row before it is split. 'no' if no
      // row can match, so it does not need to be split. 'yes' if a row of
      // `**` and one more portion matches. 'maybe' if it must be split to
      // know. None of this applies with partial, where the path can end
      // before the row does.
      //
      // On Windows, `\` is a separator in the path too, and the portions of
      // a row up to its drive letter or UNC share are not checked (see
      // #rootIndex).
      //
      // Each string portion of a row must be a portion of the path, so the
      // path must contain it. Level 2 can only take portions out of the
      // path, so this is still true then.
      //
      // The last portion of a row must match the last portion of the path,
      // or the one before a trailing `/` (as a/* and a/**/* match a/b/).
      // This does not apply to rows that end in **, rows that end in a
      // root, or preserveMultipleSlashes (which can leave more
      // than one '' at the end). At level 2, it does not apply if that
      // portion is `.` or `..`, which can be
      // resolved away. Level 2 only takes other portions out of the
      // middle of the path.
      //
      // A row of `**/x` then matches if the ** can walk the portions
      // before the one that x matches, the same as #matchGlobstar. At
      // level 2, this is only known if none of them are `.` or `..`, so
      // that the path does not change when it is resolved.
      #canMatch(f) {
        const sep3 = !this.isWindows || !f.includes("\\") ? "/" : f.includes("/") ? "both" : "\\";
        let ends = this.#endCheck ? 0 : -1;
        let last = "";
        let lastStart = 0;
        let prev;
        let prevStart = 0;
        const dot = !!this.options.dot;
        ROWS: for (let r = 0; r < this.set.length; r++) {
          const row = this.set[r];
          const p = row[row.length - 1];
          let end = ends !== -1 && this.#endRows[r] && p !== GLOBSTAR;
          if (end && ends === 0) {
            const i = lastSep(f, f.length, sep3);
            lastStart = i + 1;
            last = f.slice(lastStart);
            if (last === "" && i >= 0) {
              let j = i;
              while (j > 0 && isSep(f.charCodeAt(j - 1), sep3))
                j--;
              prevStart = j === 0 ? 0 : lastSep(f, j - 1, sep3) + 1;
              prev = f.slice(prevStart, j);
            }
            const resolves = this.#level2 && (isDots(last) || last === "" && prev !== void 0 && isDots(prev));
            ends = resolves ? -1 : 1;
            end = !resolves;
          }
          let tailStart = -1;
          if (end && typeof p === "string") {
            tailStart = endIndex(p, last, lastStart, prev, prevStart);
            if (tailStart === -1)
              continue;
          }
          if (this.#literalCheck) {
            for (const l of this.#literals[r]) {
              if (!f.includes(l))
                continue ROWS;
            }
          }
          if (end && typeof p === "object") {
            tailStart = endIndex(p, last, lastStart, prev, prevStart);
            if (tailStart === -1)
              continue;
          }
          const shape = this.#shapes[r];
          if (shape === "base" && end)
            return "yes";
          if (shape === "tail" && end) {
            if (this.#level2 && dotPortion(f, 0, tailStart, true, sep3)) {
              return "maybe";
            }
            if (!dotPortion(f, 0, tailStart, dot, sep3))
              return "yes";
            continue;
          }
          if (shape === "mid" || shape === "head") {
            const m = this.#walk(f, row, shape === "head", dot, sep3);
            if (m !== "no")
              return m;
            continue;
          }
          return "maybe";
        }
        return "no";
      }
      // Match a row of a known shape against the split path, the same as
      // #matchGlobstar and #matchGlobStarBodySections do. None of these
      // rows have a drive letter, so they start at the first portion.
      #matchShape(file, row, shape) {
        const dot = !!this.options.dot;
        const n = file.length;
        if (shape === "head") {
          if (n < 2 || !portionMatch(row[0], file[0])) {
            return false;
          }
          for (let i = 1; i < n; i++)
            if (!walkable(file[i], dot))
              return false;
          return true;
        }
        const x = row[1];
        if (shape === "tail") {
          let t = n - 1;
          if (!portionMatch(x, file[t])) {
            if (file[t] !== "" || n === 1 || !portionMatch(x, file[--t])) {
              return false;
            }
          }
          for (let i = 0; i < t; i++)
            if (!walkable(file[i], dot))
              return false;
          return true;
        }
        for (let k = 0; k < n; k++) {
          if (portionMatch(x, file[k]) && k + 1 < n) {
            let i = k + 1;
            while (i < n && walkable(file[i], dot))
              i++;
            if (i === n)
              return true;
          }
          if (!walkable(file[k], dot))
            return false;
        }
        return false;
      }
      // Match a row of `**/x/**` or `x/**` against the path, the same as
      // #matchGlobstar and #matchGlobStarBodySections do once it is split.
      // x must match a portion (the first one, for `x/**`), the ** before
      // it must be able to walk the portions before that one, and there
      // must be a portion after it, which the ** after it can walk. At
      // level 2, this is only known if no portion is `.` or `..`.
      #walk(f, row, head, dot, sep3) {
        if (this.#level2 && dotPortion(f, 0, f.length, true, sep3))
          return "maybe";
        const x = row[head ? 0 : 1];
        let s = 0;
        for (let e = nextSep(f, s, sep3); e !== -1; e = nextSep(f, s, sep3)) {
          let next = e + 1;
          while (next < f.length && isSep(f.charCodeAt(next), sep3))
            next++;
          const hit = typeof x === "string" ? e - s === x.length && f.startsWith(x, s) : e > s && x.testUnchecked(f.slice(s, e));
          if (hit && !dotPortion(f, next, f.length, dot, sep3))
            return "yes";
          if (head || dotPortion(f, s, next, dot, sep3))
            return "no";
          s = next;
        }
        return "no";
      }
      // the last split, if it was the same path with the same split
      // settings
      #cachedSplit(f) {
        const last = lastSplit;
        return last?.f === f && last.isWindows === this.isWindows && last.preserveMultipleSlashes === this.preserveMultipleSlashes && last.normalize === this.#form ? last : void 0;
      }
      // split a path for match(), and keep the parts for the next call
      #split(f) {
        const { isWindows, preserveMultipleSlashes } = this;
        let parts = this.#slashSplit(isWindows ? f.split("\\").join("/") : f);
        const normalize2 = this.#form;
        if (normalize2)
          parts = parts.map((p) => p.normalize(normalize2));
        lastSplit = {
          f,
          isWindows,
          preserveMultipleSlashes,
          normalize: normalize2,
          parts
        };
        return lastSplit;
      }
      // resolve `.` and `..` portions of a path, for level 2
      #levelTwoFileOptimize(file) {
        const parts = [...file];
        let didSomething = false;
        do {
          didSomething = false;
          if (!this.preserveMultipleSlashes) {
            for (let i = 1; i < parts.length - 1; i++) {
              const p = parts[i];
              if (i === 1 && p === "" && parts[0] === "")
                continue;
              if (p === "." || p === "") {
                didSomething = true;
                parts.splice(i, 1);
                i--;
              }
            }
            if (parts[0] === "." && parts.length === 2 && (parts[1] === "." || parts[1] === "")) {
              didSomething = true;
              parts.pop();
            }
          }
          const root = this.#rootIndex(parts) + 1;
          let dd = root;
          while (-1 !== (dd = parts.indexOf("..", dd + 1))) {
            const p = parts[dd - 1];
            if (p && p !== "." && p !== ".." && p !== "**") {
              didSomething = true;
              parts.splice(dd - 1, 2);
              dd = Math.max(dd - 2, root);
            }
          }
        } while (didSomething);
        return parts.length === 0 ? [""] : parts;
      }
      // First phase: single-pattern processing
      // <pre> is 1 or more portions
      // <rest> is 1 or more portions
      // <p> is any portion other than ., .., '', or **
      // <e> is . or ''
      //
      // **/.. is *brutal* for filesystem walking performance, because
      // it effectively resets the recursive walk each time it occurs,
      // and ** cannot be reduced out by a .. pattern part like a regexp
      // or most strings (other than .., ., and '') can be.
      //
      // <pre>/**/../<p>/<p>/<rest> -> {<pre>/../<p>/<p>/<rest>,<pre>/**/<p>/<p>/<rest>}
      // <pre>/<e>/<rest> -> <pre>/<rest>
      // <pre>/<p>/../<rest> -> <pre>/<rest>
      // **/**/<rest> -> **/<rest>
      //
      // **/*/<rest> -> */**/<rest> <== not valid because ** doesn't follow
      // this WOULD be allowed if ** did follow symlinks, or * didn't
      firstPhasePreProcess(globParts) {
        const { braceExpandMax = DEFAULT_BRACE_EXPAND_MAX } = this.options;
        let splitCells = 0;
        const maxSplitCells = 1e6;
        let didSomething = false;
        do {
          didSomething = false;
          for (let parts of globParts) {
            let gs = -1;
            while (-1 !== (gs = parts.indexOf("**", gs + 1))) {
              let gss = gs;
              while (parts[gss + 1] === "**") {
                gss++;
              }
              if (gss > gs) {
                parts.splice(gs + 1, gss - gs);
              }
              let next = parts[gs + 1];
              const p = parts[gs + 2];
              const p2 = parts[gs + 3];
              if (next !== "..")
                continue;
              if (!p || p === "." || p === ".." || !p2 || p2 === "." || p2 === "..") {
                continue;
              }
              const addedCells = parts.length - 1;
              if (globParts.length >= braceExpandMax || splitCells + addedCells > maxSplitCells) {
                throw new RangeError(`optimizationLevel 2: too many patterns from '**/..'`);
              }
              didSomething = true;
              parts.splice(gs, 1);
              const other = parts.slice(0);
              other[gs] = "**";
              splitCells += addedCells;
              globParts.push(other);
              gs--;
            }
            if (!this.preserveMultipleSlashes) {
              for (let i = 1; i < parts.length - 1; i++) {
                const p = parts[i];
                if (i === 1 && p === "" && parts[0] === "")
                  continue;
                if (p === "." || p === "") {
                  didSomething = true;
                  parts.splice(i, 1);
                  i--;
                }
              }
              if (parts[0] === "." && parts.length === 2 && (parts[1] === "." || parts[1] === "")) {
                didSomething = true;
                parts.pop();
              }
            }
            const root = this.#rootIndex(parts) + 1;
            let dd = root;
            while (-1 !== (dd = parts.indexOf("..", dd + 1))) {
              const p = parts[dd - 1];
              if (p && p !== "." && p !== ".." && p !== "**") {
                didSomething = true;
                const needDot = dd === 1 && parts[dd + 1] === "**";
                const splin = needDot ? ["."] : [];
                parts.splice(dd - 1, 2, ...splin);
                if (parts.length === 0)
                  parts.push("");
                dd = Math.max(dd - 2, root);
              }
            }
          }
        } while (didSomething);
        return globParts;
      }
      // second phase: multi-pattern dedupes
      // {<pre>/<rest>,<pre>/<rest>} -> <pre>/<rest>
      // {<pre>/*/<rest>,<pre>/<p>/<rest>} -> <pre>/*/<rest>
      secondPhasePreProcess(globParts) {
        const keys = /* @__PURE__ */ new Set();
        const rows = globParts.filter((parts) => {
          const key = parts.join("/");
          if (keys.has(key))
            return false;
          keys.add(key);
          return true;
        });
        const stars = /* @__PURE__ */ new Map();
        for (const parts of rows) {
          const s = [];
          for (let i = 0; i < parts.length; i++) {
            if (parts[i] === "*")
              s.push(i);
          }
          if (s.length)
            stars.set(s.join(","), s);
        }
        if (!stars.size || rows.length * stars.size > 1e5)
          return rows;
        const { dot } = this.options;
        return rows.filter((parts) => {
          for (const s of stars.values()) {
            if (s[s.length - 1] >= parts.length)
              continue;
            const c = [...parts];
            let ok = true;
            let changed = false;
            for (const i of s) {
              const p = parts[i];
              if (p === "*")
                continue;
              if (!p || p === "**" || !dot && p.startsWith(".")) {
                ok = false;
                break;
              }
              c[i] = "*";
              changed = true;
            }
            if (ok && changed && keys.has(c.join("/")))
              return false;
          }
          return true;
        });
      }
      parseNegate() {
        if (this.nonegate)
          return;
        const pattern = this.pattern;
        let negate = false;
        let negateOffset = 0;
        for (let i = 0; i < pattern.length && pattern.charAt(i) === "!"; i++) {
          negate = !negate;
          negateOffset++;
        }
        if (negateOffset)
          this.pattern = pattern.slice(negateOffset);
        this.negate = negate;
      }
      // Match the parts of a path against one row of the set. `resolved`
      // is the parts after level 2 resolves `.` and `..` in them, or the
      // same parts below level 2. Set partial to true to test if, for
      // example, "/a/b" matches the start of "/*/b/*/d". Partial means, if
      // you run out of file before you run out of pattern, then that's
      // fine, as long as all the parts match.
      #matchRow(file, resolved2, pattern, partial) {
        let fileStartIndex = 0;
        let patternStartIndex = 0;
        const fh = this.isWindows ? uncHost(resolved2) : -1;
        const ph = fh === -1 ? -1 : uncHost(pattern);
        if (ph !== -1) {
          const host = pattern[ph];
          const share = pattern[ph + 1];
          if (typeof host !== "string" || typeof share !== "string") {
            fileStartIndex = fh;
            patternStartIndex = ph;
          } else if (resolved2[fh].toLowerCase() === host.toLowerCase() && resolved2[fh + 1].toLowerCase() === share.toLowerCase()) {
            fileStartIndex = fh + 2;
            patternStartIndex = ph + 2;
          }
        } else if (this.isWindows) {
          const fileDrive = typeof file[0] === "string" && /^[a-z]:$/i.test(file[0]);
          const fileUNC = !fileDrive && file[0] === "" && file[1] === "" && file[2] === "?" && /^[a-z]:$/i.test(file[3]);
          const patternDrive = typeof pattern[0] === "string" && /^[a-z]:$/i.test(pattern[0]);
          const patternUNC = !patternDrive && pattern[0] === "" && pattern[1] === "" && pattern[2] === "?" && typeof pattern[3] === "string" && /^[a-z]:$/i.test(pattern[3]);
          const fdi = fileUNC ? 3 : fileDrive ? 0 : void 0;
          const pdi = patternUNC ? 3 : patternDrive ? 0 : void 0;
          if (typeof fdi === "number" && typeof pdi === "number") {
            const [fd, pd] = [
              file[fdi],
              pattern[pdi]
            ];
            if (fd.toLowerCase() === pd.toLowerCase()) {
              patternStartIndex = pdi + 1;
              fileStartIndex = fdi + 1;
            }
          }
        }
        file = resolved2;
        if (pattern.includes(GLOBSTAR)) {
          return this.#matchGlobstar(file, pattern, partial, fileStartIndex, patternStartIndex);
        }
        return this.#matchOne(file, pattern, partial, fileStartIndex, patternStartIndex);
      }
      #matchGlobstar(file, pattern, partial, fileIndex, patternIndex) {
        const { head, body: body2, tail, segments } = this.#getGlobstarParts(pattern, partial, patternIndex);
        if (head.length) {
          const headEnd = fileIndex + head.length;
          if (!this.#matchOne(file, head, partial, fileIndex, 0, headEnd)) {
            return false;
          }
          fileIndex += head.length;
          patternIndex += head.length;
        }
        let fileTailMatch = 0;
        if (tail.length) {
          if (tail.length + fileIndex > file.length)
            return false;
          let tailStart = file.length - tail.length;
          if (this.#matchOne(file, tail, partial, tailStart, 0)) {
            fileTailMatch = tail.length;
          } else {
            if (file[file.length - 1] !== "" || fileIndex + tail.length === file.length) {
              return false;
            }
            tailStart--;
            if (!this.#matchOne(file, tail, partial, tailStart, 0)) {
              return false;
            }
            fileTailMatch = tail.length + 1;
          }
        }
        if (!body2.length) {
          let sawSome = !!fileTailMatch;
          for (let i = fileIndex; i < file.length - fileTailMatch; i++) {
            const f = String(file[i]);
            sawSome = true;
            if (f === "." || f === ".." || !this.options.dot && f.startsWith(".")) {
              return false;
            }
          }
          return partial || sawSome;
        }
        return !!this.#matchGlobStarBodySections(file, segments, file.length - fileTailMatch, fileIndex, 0, partial, 0, !!fileTailMatch, /* @__PURE__ */ new Set());
      }
      // Split the pattern into head, tail, and middle of ** delimited
      // parts. The tail has to be at the end, and the others just have to
      // be found in order from the head. These only depend on the pattern
      // row, so they are kept for the next path.
      #getGlobstarParts(pattern, partial, patternIndex) {
        let byStart = this.#globstarParts.get(pattern);
        if (!byStart) {
          byStart = [];
          this.#globstarParts.set(pattern, byStart);
        }
        const key = patternIndex * 2 + (partial ? 1 : 0);
        const found = byStart[key];
        if (found)
          return found;
        const firstgs = pattern.indexOf(GLOBSTAR, patternIndex);
        const lastgs = pattern.lastIndexOf(GLOBSTAR);
        const head = pattern.slice(patternIndex, firstgs);
        const body2 = pattern.slice(firstgs + 1, partial ? void 0 : lastgs);
        const tail = partial ? [] : pattern.slice(lastgs + 1);
        const segments = [[[], 0]];
        let current = segments[0];
        let nonGsParts = 0;
        const nonGsPartsSums = [0];
        for (const b of body2) {
          if (b === GLOBSTAR) {
            nonGsPartsSums.push(nonGsParts);
            current = [[], 0];
            segments.push(current);
          } else {
            current[0].push(b);
            nonGsParts++;
          }
        }
        segments.forEach((b, i) => {
          b[1] = nonGsParts - nonGsPartsSums[i];
        });
        const parts = { head, body: body2, tail, segments };
        byStart[key] = parts;
        return parts;
      }
      // return false for "nope, not matching"
      // return null for "not matching, cannot keep trying"
      #matchGlobStarBodySections(file, bodySegments, fileLength, fileIndex, bodyIndex, partial, globStarDepth, sawTail, tried) {
        const bs = bodySegments[bodyIndex];
        if (!bs) {
          if (partial) {
            return fileIndex >= fileLength || fileIndex === fileLength - 1 && file[fileIndex] === "";
          }
          for (let i = fileIndex; i < fileLength; i++) {
            sawTail = true;
            const f = file[i];
            if (f === "." || f === ".." || !this.options.dot && f.startsWith(".")) {
              return false;
            }
          }
          return sawTail;
        }
        const [body2, need] = bs;
        const after = partial ? fileLength : fileLength - need;
        while (fileIndex <= after) {
          const key = bodyIndex * (file.length + 1) + fileIndex;
          if (tried.has(key))
            return false;
          tried.add(key);
          const m = this.#matchOne(file, body2, partial, fileIndex, 0, fileIndex + body2.length);
          if (m && globStarDepth < this.maxGlobstarRecursion) {
            const sub = this.#matchGlobStarBodySections(file, bodySegments, fileLength, fileIndex + body2.length, bodyIndex + 1, partial, globStarDepth + 1, sawTail, tried);
            if (sub !== false) {
              return sub;
            }
          }
          if (fileIndex === after)
            break;
          const f = file[fileIndex];
          if (f === "." || f === ".." || !this.options.dot && f.startsWith(".")) {
            return false;
          }
          fileIndex++;
        }
        return partial || null;
      }
      #matchOne(file, pattern, partial, fileIndex, patternIndex, fileEnd = file.length) {
        let fi;
        let pi;
        let pl;
        let fl;
        for (fi = fileIndex, pi = patternIndex, fl = Math.min(fileEnd, file.length), pl = pattern.length; fi < fl && pi < pl; fi++, pi++) {
          let p = pattern[pi];
          let f = file[fi];
          if (p === false || p === GLOBSTAR) {
            return false;
          }
          if (!portionMatch(p, f))
            return false;
        }
        if (fi === fl && pi === pl) {
          return true;
        } else if (fi === fl) {
          return partial;
        } else if (pi === pl) {
          return fi === fl - 1 && file[fi] === "";
        } else {
          throw new Error("wtf?");
        }
      }
      braceExpand() {
        return braceExpand(this.pattern, this.options);
      }
      // Expand braces, except numeric ranges such as {0..999} with at
      // least RANGE_MIN values. Each of those stays in its pattern as
      // `<mark>0..999<mark>`, for the Matcher to test. If a range might
      // be inside a [...] class, expand all of them instead.
      #expandBraces() {
        const { pattern } = this;
        if (this.options.nobrace)
          return this.braceExpand();
        let code2 = 57344;
        while (pattern.includes(String.fromCharCode(code2))) {
          if (++code2 > 63743)
            return this.braceExpand();
        }
        const mark = String.fromCharCode(code2);
        let found = false;
        const marked = pattern.replace(rangeRe, (m, lo, hi) => {
          const a = Number(lo);
          const b = Number(hi);
          if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || Math.abs(a - b) + 1 < RANGE_MIN) {
            return m;
          }
          found = true;
          return `${mark}${lo}..${hi}${mark}`;
        });
        if (!found)
          return this.braceExpand();
        const set = braceExpand(marked, this.options);
        for (const p of set) {
          for (const portion of p.split("/")) {
            const c = portion.indexOf("[");
            if (c !== -1 && c < portion.lastIndexOf(mark)) {
              return this.braceExpand();
            }
            if (!this.options.noext && inRepeatOrNegExt(portion, mark)) {
              return this.braceExpand();
            }
          }
        }
        this.#rangeMark = mark;
        return set;
      }
      parse(pattern) {
        assertValidPattern(pattern);
        const options = this.options;
        if (pattern === "**")
          return GLOBSTAR;
        if (pattern === "")
          return "";
        const { nocase, nocaseMagicOnly, noext = false, dot, normalize: normalize2 } = options;
        const rangeMark = this.#rangeMark;
        const lit2 = rangeMark && pattern.includes(rangeMark) ? void 0 : literal(pattern, noext);
        if (lit2 !== void 0 && !(nocase && !nocaseMagicOnly && pattern.toUpperCase() !== pattern.toLowerCase())) {
          return this.#norm(lit2);
        }
        if (this.#pending)
          return PENDING;
        let m = this.#matchers.get(pattern);
        if (!m) {
          if (!noext)
            assertValidExtglobs(pattern);
          m = new Matcher(pattern, {
            nocase,
            noext,
            dot,
            normalize: normalize2,
            ...rangeMark && { rangeMark }
          });
          this.#matchers.set(pattern, m);
        }
        return m;
      }
      #slashSplit(p) {
        if (this.preserveMultipleSlashes) {
          return p.split("/");
        } else if (this.isWindows && /^\/\/[^/]+/.test(p)) {
          return ["", ...p.split(/\/+/)];
        } else {
          return p.split(/\/+/);
        }
      }
      match(f, partial = this.partial) {
        if (this.comment) {
          return false;
        }
        if (this.empty) {
          return f === "";
        }
        if (f === "/" && partial) {
          return true;
        }
        const options = this.options;
        let split = this.#cachedSplit(f);
        if (!split) {
          if (!partial && !this.#form && (this.#endCheck || this.#literalCheck) && lastChecked !== f) {
            lastChecked = f;
            const can = this.#canMatch(f);
            if (can === "no")
              return options.flipNegate ? false : this.negate;
            if (can === "yes")
              return options.flipNegate ? true : !this.negate;
          }
          split = this.#split(f);
        }
        const ff = split.parts;
        const resolved2 = this.#level2 ? split.resolved ??= this.#levelTwoFileOptimize(ff) : ff;
        const set = this.set;
        let filename = ff[ff.length - 1];
        if (!filename) {
          for (let i = ff.length - 2; !filename && i >= 0; i--) {
            filename = ff[i];
          }
        }
        for (let r = 0; r < set.length; r++) {
          const pattern = set[r];
          const shape = partial ? void 0 : this.#shapes[r];
          const hit = shape === "base" ? portionMatch(pattern[0], filename) : shape ? this.#matchShape(resolved2, pattern, shape) : options.matchBase && pattern.length === 1 ? this.#matchRow([filename], [filename], pattern, partial) : this.#matchRow(ff, resolved2, pattern, partial);
          if (hit) {
            if (options.flipNegate) {
              return true;
            }
            return !this.negate;
          }
        }
        if (options.flipNegate) {
          return false;
        }
        return this.negate;
      }
      static defaults(def) {
        return minimatch.defaults(def).Minimatch;
      }
    };
    minimatch.Minimatch = Minimatch;
    minimatch.escape = escape;
    minimatch.unescape = unescape;
  }
});

// src/filters/paths.ts
function normalizeGlob(pattern) {
  let p = pattern.trim().replace(/^\.\//, "");
  for (; ; ) {
    const next = p.replace(/\/+$/, "").replace(/\/\*\*$/, "");
    if (next === p || next === "") break;
    p = next;
  }
  return p;
}
function toPosix(path2) {
  return path2.replace(/\\/g, "/").replace(/^\.\//, "");
}
function pathAllowlist(patterns) {
  const globs = patterns.map((raw) => {
    const p = normalizeGlob(raw);
    return new Minimatch(p, { dot: true, matchBase: !p.includes("/") });
  });
  const matches = (path2) => globs.some((g) => g.match(path2));
  return {
    allowlisted(relPath) {
      if (globs.length === 0) return false;
      const parts = toPosix(relPath).split("/");
      for (let i = 1; i <= parts.length; i++) if (matches(parts.slice(0, i).join("/"))) return true;
      return false;
    },
    include: (relPath) => globs.length === 0 || !matches(toPosix(relPath)),
    includeDir: (relDir) => globs.length === 0 || !matches(toPosix(relDir).replace(/\/+$/, ""))
  };
}
var init_paths = __esm({
  "src/filters/paths.ts"() {
    "use strict";
    init_esm4();
  }
});

// src/config/wiring.ts
function detectorOptionsFrom(config) {
  return {
    disabledRules: [...config.rules.disable],
    enableRules: [...config.rules.enable],
    customRules: config.rules.custom.map((r) => ({ ...r })),
    allowRegexes: [...config.allowlist.regexes],
    stopwords: [...config.allowlist.stopwords]
  };
}
function scanPathFilters(config) {
  if (config.allowlist.paths.length === 0) return {};
  const allow = pathAllowlist(config.allowlist.paths);
  return { include: allow.include, includeDir: allow.includeDir };
}
var init_wiring = __esm({
  "src/config/wiring.ts"() {
    "use strict";
    init_paths();
  }
});

// src/filters/baseline.ts
import { readFile as readFile3, writeFile as writeFile2 } from "node:fs/promises";
function compareEntries(a, b) {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}
function buildBaseline(findings, now2 = /* @__PURE__ */ new Date()) {
  const seen = /* @__PURE__ */ new Set();
  const entries = [];
  for (const f of findings) {
    const id = `${f.fingerprint}\0${f.file}\0${f.line}`;
    if (seen.has(id)) continue;
    seen.add(id);
    entries.push({
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      file: f.file,
      line: f.line,
      redacted: f.redacted
    });
  }
  entries.sort(compareEntries);
  return { version: 1, createdAt: now2.toISOString(), findings: entries };
}
function serializeBaseline(baseline) {
  const findings = baseline.findings.map((e) => ({
    fingerprint: e.fingerprint,
    ruleId: e.ruleId,
    file: e.file,
    line: e.line,
    redacted: e.redacted
  }));
  return `${JSON.stringify({ version: 1, createdAt: baseline.createdAt, findings }, null, 2)}
`;
}
async function writeBaseline(path2, findings, opts) {
  const baseline = buildBaseline(findings, opts?.now);
  await writeFile2(path2, serializeBaseline(baseline), "utf8");
  return baseline;
}
function parseBaseline(text, file = "baseline") {
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`baseline is not valid JSON (${err.message})`, file);
  }
  const bad = (what) => {
    throw new ConfigError(
      `baseline ${what}; expected {"version": 1, "createdAt": "...", "findings": [{"fingerprint", "ruleId", "file", "line", "redacted"}]} as written by keyguard`,
      file
    );
  };
  if (data === null || typeof data !== "object" || Array.isArray(data)) return bad("is not a JSON object");
  const obj = data;
  if (obj.version !== 1) return bad(`has version ${JSON.stringify(obj.version) ?? "missing"}, not 1`);
  if (!Array.isArray(obj.findings)) return bad('has no "findings" list');
  const findings = obj.findings.map((raw, i) => {
    const e = raw ?? {};
    if (typeof e.fingerprint !== "string" || !FINGERPRINT2.test(e.fingerprint)) {
      return bad(`findings[${i}].fingerprint is not 32 lowercase hex characters`);
    }
    return {
      fingerprint: e.fingerprint,
      ruleId: typeof e.ruleId === "string" ? e.ruleId : "",
      file: typeof e.file === "string" ? e.file : "",
      line: typeof e.line === "number" ? e.line : 0,
      redacted: typeof e.redacted === "string" ? e.redacted : ""
    };
  });
  return { version: 1, createdAt: typeof obj.createdAt === "string" ? obj.createdAt : "", findings };
}
async function readBaseline(path2) {
  let text;
  try {
    text = await readFile3(path2, "utf8");
  } catch (err) {
    const code2 = err.code;
    const why = code2 === "ENOENT" ? "baseline file not found" : `cannot read the baseline: ${err.message}`;
    throw new ConfigError(why, path2);
  }
  return parseBaseline(text, path2);
}
function baselineMatcher(baseline) {
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  return (f) => known.has(f.fingerprint);
}
var FINGERPRINT2;
var init_baseline = __esm({
  "src/filters/baseline.ts"() {
    "use strict";
    init_errors();
    FINGERPRINT2 = /^[0-9a-f]{32}$/;
  }
});

// src/filters/apply.ts
function compileAllowlist(config) {
  const disabled = new Set(config.rules.disable);
  const paths = pathAllowlist(config.allowlist.paths);
  const pathCache = /* @__PURE__ */ new Map();
  const pathAllowed = (file) => {
    let hit = pathCache.get(file);
    if (hit === void 0) {
      hit = paths.allowlisted(file);
      pathCache.set(file, hit);
    }
    return hit;
  };
  const regexes = config.allowlist.regexes.map((r) => new RegExp(r));
  const stopwords = config.allowlist.stopwords.map((s) => s.toLowerCase());
  const fingerprints = new Set(config.allowlist.fingerprints);
  return (f) => {
    if (disabled.has(f.ruleId)) return "rule";
    if (pathAllowed(f.file)) return "path";
    if (fingerprints.has(f.fingerprint)) return "fingerprint";
    if (regexes.length > 0 || stopwords.length > 0) {
      const key = f.secret.reveal();
      if (regexes.some((r) => r.test(key) || r.test(f.file))) return "regex";
      const lower = key.toLowerCase();
      if (stopwords.some((s) => lower.includes(s))) return "stopword";
    }
    return void 0;
  };
}
function applyFilters(findings, config, opts = {}) {
  const allow = compileAllowlist(config);
  const inBaseline = opts.baseline ? baselineMatcher(opts.baseline) : () => false;
  const reasons = { rule: 0, path: 0, regex: 0, stopword: 0, fingerprint: 0 };
  const kept = [];
  let suppressed = 0;
  let baselined = 0;
  for (const f of findings) {
    const reason = allow(f);
    if (reason) {
      reasons[reason]++;
      suppressed++;
    } else if (inBaseline(f)) {
      baselined++;
    } else {
      kept.push(f);
    }
  }
  return { kept, suppressed, baselined, reasons };
}
var init_apply = __esm({
  "src/filters/apply.ts"() {
    "use strict";
    init_baseline();
    init_paths();
  }
});

// src/filters/index.ts
var init_filters = __esm({
  "src/filters/index.ts"() {
    "use strict";
    init_apply();
    init_baseline();
    init_paths();
  }
});

// src/http/budget.ts
function isIdempotentMethod(method) {
  return method.toUpperCase() !== "POST";
}
var DEFAULT_RUN_BUDGET_MS, RetryBudget;
var init_budget = __esm({
  "src/http/budget.ts"() {
    "use strict";
    DEFAULT_RUN_BUDGET_MS = 3e4;
    RetryBudget = class {
      totalMs;
      #now;
      #sleep;
      #spentMs = 0;
      constructor(options = {}) {
        this.totalMs = options.totalMs ?? DEFAULT_RUN_BUDGET_MS;
        this.#now = options.now ?? Date.now;
        this.#sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
      }
      /** Milliseconds of waiting still allowed. */
      remainingMs() {
        return Math.max(0, this.totalMs - this.#spentMs);
      }
      /** Whether a wait of `ms` before a retry fits in what is left. */
      allows(ms) {
        return ms <= this.remainingMs();
      }
      /**
       * Sleeps `ms` and charges it, or returns false at once (without sleeping) when the wait does not fit:
       * the caller then stops retrying and reports the last failure.
       */
      async wait(ms) {
        const wait = Math.max(0, Math.round(ms));
        if (!this.allows(wait)) return false;
        const started2 = this.#now();
        this.#spentMs += wait;
        await this.#sleep(wait);
        this.#spentMs += Math.max(0, this.#now() - started2 - wait);
        return true;
      }
      /**
       * Charges a wait that someone else sleeps (Octokit's retry and throttling plugins schedule their own
       * waits): true when it fits and was charged, false (nothing charged) when it does not.
       */
      reserve(ms) {
        const wait = Math.max(0, Math.round(ms));
        if (!this.allows(wait)) return false;
        this.#spentMs += wait;
        return true;
      }
      /**
       * Starts a new stage with a fresh allowance (the action gives verification and rotation one budget
       * each): every client holding this object sees the new allowance.
       */
      renew(totalMs) {
        this.totalMs = totalMs;
        this.#spentMs = 0;
      }
      /** `12.3 s of 30 s`: for error messages. */
      describe() {
        const s = (ms) => `${Math.round(ms / 100) / 10} s`;
        return `${s(this.remainingMs())} of the run's ${s(this.totalMs)} retry budget left`;
      }
    };
  }
});

// src/http/client.ts
function safePath(url) {
  try {
    return new URL(url).pathname;
  } catch {
    return "(invalid URL)";
  }
}
function isRetryableStatus(status, headers, json) {
  const should = headers.get("x-should-retry");
  if (should === "true") return true;
  if (should === "false") return false;
  if (isQuotaExhausted(json)) return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
function isQuotaExhausted(json) {
  const err = json?.error;
  return err?.code === "insufficient_quota" || err?.type === "insufficient_quota";
}
function retryAfterMs(headers, now2 = Date.now()) {
  const ms = headers.get("retry-after-ms");
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms);
  const ra = headers.get("retry-after");
  if (ra) {
    if (/^\d+(\.\d+)?$/.test(ra.trim())) return Number(ra) * 1e3;
    const date = Date.parse(ra);
    if (!Number.isNaN(date)) return Math.max(0, date - now2);
  }
  if (headers.get("x-ratelimit-remaining") === "0") {
    const reset = Number(headers.get("x-ratelimit-reset"));
    if (reset > 0) return Math.max(0, reset * 1e3 - now2);
  }
  return void 0;
}
function backoffMs(attempt, policy, random = Math.random) {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(exp * (1 - 0.25 * random()));
}
function describeNetworkError(err) {
  if (err instanceof Error) {
    const cause = err.cause;
    const names = [err.name, cause?.name];
    if (names.includes("TimeoutError") || names.includes("AbortError") || /due to timeout/.test(err.message)) {
      return "timed out";
    }
    return cause?.code ?? cause?.message ?? err.message;
  }
  return String(err);
}
var DEFAULT_RETRY, NetworkError, HttpClient;
var init_client = __esm({
  "src/http/client.ts"() {
    "use strict";
    init_budget();
    DEFAULT_RETRY = {
      maxRetries: 3,
      baseDelayMs: 500,
      maxDelayMs: 3e4,
      timeoutMs: 2e4,
      budgetMs: 12e4
    };
    NetworkError = class extends Error {
      constructor(method, path2, causeMessage, attempts) {
        super(`${method} ${path2} failed after ${attempts} attempt(s): ${causeMessage}`);
        this.method = method;
        this.path = path2;
        this.causeMessage = causeMessage;
        this.attempts = attempts;
        this.name = "NetworkError";
      }
      method;
      path;
      causeMessage;
      attempts;
    };
    HttpClient = class {
      constructor(options = {}) {
        this.options = options;
        this.policy = { ...DEFAULT_RETRY, ...options.retry };
        this.budget = options.budget ?? new RetryBudget({ totalMs: this.policy.budgetMs });
        this.#fetch = options.fetch ?? fetch;
      }
      options;
      policy;
      budget;
      #fetch;
      /**
       * A retry wait for adapters that run their own loop over a one-attempt client (OpenAI's POST and
       * DELETE): capped at `maxDelayMs`, charged to the budget; false (no sleep) when it does not fit.
       */
      pause(ms) {
        return this.budget.wait(Math.min(ms, this.policy.maxDelayMs));
      }
      /**
       * Sends the request, retrying transient failures. Returns the last HTTP answer, whatever its
       * status (callers map statuses to meaning); throws NetworkError only when no answer ever came.
       */
      async request(req) {
        const method = (req.method ?? "GET").toUpperCase();
        const path2 = safePath(req.url);
        const idempotent = req.idempotent ?? isIdempotentMethod(method);
        const headers = { "user-agent": "keyguard", ...req.headers };
        let body2;
        if (req.body !== void 0) {
          body2 = typeof req.body === "string" ? req.body : JSON.stringify(req.body);
          if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
            headers["content-type"] = "application/json";
          }
        }
        let lastNetworkError = "";
        for (let attempt = 0; ; attempt++) {
          const attempts = attempt + 1;
          let waitMs;
          let status;
          try {
            const res = await this.#fetch(req.url, {
              method,
              headers,
              body: body2,
              signal: AbortSignal.timeout(this.policy.timeoutMs),
              redirect: "manual"
            });
            const text = await res.text();
            let json;
            try {
              json = text ? JSON.parse(text) : void 0;
            } catch {
              json = void 0;
            }
            const retryable = this.options.isRetryable ? this.options.isRetryable({ status: res.status, headers: res.headers, json }) : isRetryableStatus(res.status, res.headers, json);
            const repeatable = idempotent || res.status === 429;
            const answer = { status: res.status, headers: res.headers, text, json, attempts };
            if (!retryable || !repeatable || attempt >= this.policy.maxRetries) return answer;
            status = res.status;
            waitMs = retryAfterMs(res.headers);
            if (waitMs !== void 0 && waitMs > this.policy.maxDelayMs) return answer;
            if (!this.budget.allows(waitMs ?? backoffMs(attempt, this.policy, () => 0))) return answer;
          } catch (err) {
            lastNetworkError = describeNetworkError(err);
            if (!idempotent) {
              throw new NetworkError(
                method,
                path2,
                `${lastNetworkError} (not retried: it may have taken effect)`,
                attempts
              );
            }
            if (attempt >= this.policy.maxRetries)
              throw new NetworkError(method, path2, lastNetworkError, attempts);
          }
          const wait = waitMs ?? backoffMs(attempt, this.policy);
          if (!this.budget.allows(wait)) {
            throw new NetworkError(
              method,
              path2,
              `${lastNetworkError}; retry budget used up (${this.budget.describe()})`,
              attempts
            );
          }
          this.options.onRetry?.({ attempt: attempts, waitMs: wait, status, path: path2 });
          await this.budget.wait(wait);
        }
      }
    };
  }
});

// src/providers/common.ts
function providerRetryable(res) {
  if (res.status === 401 || res.status === 402 || res.status === 403) return false;
  return isRetryableStatus(res.status, res.headers, res.json);
}
function retryPolicyFrom(settings, retry) {
  const p = {};
  if (settings.timeoutMs !== void 0) p.timeoutMs = settings.timeoutMs;
  if (settings.maxRetries !== void 0) p.maxRetries = settings.maxRetries;
  if (settings.maxRetryDelayMs !== void 0) p.maxDelayMs = settings.maxRetryDelayMs;
  return { ...p, ...retry };
}
function createProviderHttp(settings, retry, overrides = {}) {
  return new HttpClient({
    retry: { ...retryPolicyFrom(settings, retry), ...overrides },
    budget: settings.budget,
    fetch: settings.fetch,
    isRetryable: providerRetryable
  });
}
function buildUrl(base, path2, query = {}) {
  const url = `${base.replace(/\/+$/, "")}/${path2.replace(/^\/+/, "")}`;
  const parts = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === void 0) continue;
    if (Array.isArray(value)) {
      for (const v of value) parts.push(`${encodeURIComponent(`${name}[]`)}=${encodeURIComponent(v)}`);
    } else {
      parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
    }
  }
  return parts.length ? `${url}?${parts.join("&")}` : url;
}
function endpointOf(method, url) {
  return `${method.toUpperCase()} ${safePath(url)}`;
}
function parseErrorBody(json, headers) {
  const out = {};
  const requestId = headers?.get("x-request-id") ?? headers?.get("request-id") ?? void 0;
  if (requestId) out.requestId = requestId;
  if (!json || typeof json !== "object") return out;
  const body2 = json;
  if (typeof body2.request_id === "string") out.requestId = body2.request_id;
  const err = body2.error;
  if (err && typeof err === "object") {
    const e = err;
    if (typeof e.message === "string") out.message = e.message;
    if (typeof e.type === "string") out.type = e.type;
    if (typeof e.code === "string" && e.code) out.code = e.code;
    else if (typeof e.code === "number") out.code = String(e.code);
    else if (out.type) out.code = out.type;
  } else if (typeof err === "string") {
    out.message = err;
  }
  if (!out.message && typeof body2.message === "string") out.message = body2.message;
  if (!out.message && body2.detail !== void 0) {
    if (typeof body2.detail === "string") out.message = body2.detail;
    else if (Array.isArray(body2.detail)) {
      out.message = body2.detail.map((d) => d && typeof d === "object" ? String(d.msg ?? "") : String(d)).filter(Boolean).join("; ");
    }
  }
  return out;
}
function sanitize(text, secrets = []) {
  const scrubbed = scrub(text, secrets);
  return scrubbed.replace(KEYISH3, (m) => redact(m));
}
function apiError(provider, operation, method, url, res) {
  const err = parseErrorBody(res.json, res.headers);
  const what = err.message ? `: ${err.message}` : "";
  const code2 = err.code ? ` (${err.code})` : "";
  return new ProviderApiError(
    provider,
    operation,
    `${endpointOf(method, url)} answered ${res.status}${code2}${what}`,
    res.status,
    err.code
  );
}
async function requestJson(http, provider, operation, req) {
  const method = req.method ?? "GET";
  let res;
  try {
    res = await http.request(req);
  } catch (e) {
    if (e instanceof NetworkError) {
      throw new ProviderApiError(
        provider,
        operation,
        `${e.method} ${e.path}: no answer (${e.causeMessage})`,
        void 0,
        void 0,
        true
      );
    }
    throw e;
  }
  if (res.status < 200 || res.status >= 300) throw apiError(provider, operation, method, req.url, res);
  if (res.json === void 0 || res.json === null || typeof res.json !== "object") {
    throw new ProviderApiError(
      provider,
      operation,
      `${endpointOf(method, req.url)} answered ${res.status} with a body that is not JSON`,
      res.status
    );
  }
  return res.json;
}
function verification(provider, endpoint, parts) {
  const v = {
    status: parts.status,
    provider,
    endpoint,
    detail: sanitize(parts.detail),
    checkedAt: (/* @__PURE__ */ new Date()).toISOString()
  };
  if (parts.httpStatus !== void 0) v.httpStatus = parts.httpStatus;
  if (parts.errorCode) v.errorCode = parts.errorCode;
  if (parts.restricted) v.restricted = true;
  return v;
}
async function runVerify(provider, http, req, classify, isWellFormed = (j) => !!j && typeof j === "object") {
  const endpoint = endpointOf(req.method ?? "GET", req.url);
  let res;
  try {
    res = await http.request(req);
  } catch (e) {
    const why = e instanceof NetworkError ? e.causeMessage : e instanceof Error ? e.message : String(e);
    return verification(provider.id, endpoint, {
      status: "unknown",
      detail: `No answer from ${provider.name} (${why}), so the key's state is unknown.`
    });
  }
  if (res.status >= 200 && res.status < 300 && !isWellFormed(res.json)) {
    return verification(provider.id, endpoint, {
      status: "unknown",
      httpStatus: res.status,
      detail: `${provider.name} answered ${res.status} but the body was not the expected JSON (a proxy or captive portal?), so the key's state is unknown.`
    });
  }
  const parts = classify(res, parseErrorBody(res.json, res.headers));
  return verification(provider.id, endpoint, { httpStatus: res.status, ...parts });
}
function transientVerdict(provider, res, err) {
  const tries = res.attempts > 1 ? ` after ${res.attempts} attempts` : "";
  if (res.status === 429) {
    return {
      status: "unknown",
      errorCode: err.code,
      detail: `${provider} kept answering 429 (rate limited)${tries}, so the key's state is unknown.`
    };
  }
  if (res.status >= 500) {
    return {
      status: "unknown",
      errorCode: err.code,
      detail: `${provider} answered ${res.status} (server error)${tries}, so the key's state is unknown.`
    };
  }
  return void 0;
}
function matchesRedacted(key, redacted) {
  if (!redacted) return false;
  const first = redacted.search(MASK);
  if (first < 0) return redacted === key;
  const prefix2 = redacted.slice(0, first);
  let end = redacted.length;
  while (end > first && !MASK.test(redacted[end - 1])) end--;
  const suffix = redacted.slice(end);
  if (!suffix) return false;
  if (prefix2.length + suffix.length > key.length) return false;
  if (!key.startsWith(prefix2) || !key.endsWith(suffix)) return false;
  const middle = redacted.slice(first, end);
  if (/^\*+$/.test(middle) && redacted.length !== key.length) return false;
  return true;
}
function locateResult(provider, matches, searched) {
  const unique = [...new Map(matches.map((m) => [m.id, m])).values()];
  if (unique.length === 1) return { status: "found", ref: unique[0] };
  if (unique.length === 0) {
    return {
      status: "not-found",
      reason: `No ${provider} key's redacted value matches the key (${searched}).`
    };
  }
  const shown = unique.map((m) => `${m.id}${m.projectId ? ` in ${m.projectId}` : ""}`).join(", ");
  return {
    status: "ambiguous",
    matches: unique,
    reason: `${unique.length} ${provider} keys (${shown}) show the same redacted value ${unique[0].redactedValue ?? ""}: the provider reveals only a few characters of each key, so keyguard will not choose one; confirm the key id by hand.`
  };
}
async function collectPages(fetchPage, maxPages = 1e3) {
  const all = [];
  const seen = /* @__PURE__ */ new Set();
  let cursor;
  for (let page = 0; page < maxPages; page++) {
    const { items, next, hasMore } = await fetchPage(cursor);
    all.push(...items);
    if (!hasMore || !next || seen.has(next)) break;
    seen.add(next);
    cursor = next;
  }
  return all;
}
async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
function unixSeconds(iso2) {
  const t = Date.parse(iso2);
  if (Number.isNaN(t)) throw new ProviderApiError("keyguard", "time window", `not an ISO 8601 time: ${iso2}`);
  return Math.floor(t / 1e3);
}
var KEYISH3, ProviderApiError, MASK;
var init_common = __esm({
  "src/providers/common.ts"() {
    "use strict";
    init_client();
    init_secret();
    KEYISH3 = /\b(?:sk|rk)[-_][A-Za-z0-9_-]{20,}/g;
    ProviderApiError = class extends Error {
      constructor(provider, operation, message, status, code2, transient) {
        super(sanitize(`${provider} ${operation}: ${message}`));
        this.provider = provider;
        this.operation = operation;
        this.status = status;
        this.code = code2;
        this.name = "ProviderApiError";
        this.transient = transient ?? (status !== void 0 && (status === 408 || status === 409 || status === 429 || status >= 500));
      }
      provider;
      operation;
      status;
      code;
      transient;
    };
    MASK = /[.*…]/;
  }
});

// src/providers/anthropic.ts
function classifyAnthropicModels(res, err) {
  if (res.status >= 200 && res.status < 300) {
    return { status: "live", detail: "Anthropic accepted the key: it is live." };
  }
  if (res.status === 401) {
    return {
      status: "revoked",
      errorCode: err.code,
      detail: "Anthropic rejected the key (authentication_error): it is disabled, deleted or never existed."
    };
  }
  if (res.status === 402) {
    return {
      status: "live",
      errorCode: err.code,
      detail: "Anthropic accepted the key but the account has a billing problem (402): the key is live."
    };
  }
  if (res.status === 403) {
    return {
      status: "unknown",
      errorCode: err.code,
      detail: "Anthropic answered 403 (permission_error), so the key's state is unknown."
    };
  }
  if (res.status === 529) {
    return {
      status: "unknown",
      errorCode: err.code,
      detail: `Anthropic stayed overloaded (529)${res.attempts > 1 ? ` after ${res.attempts} attempts` : ""}, so the key's state is unknown.`
    };
  }
  return transientVerdict("Anthropic", res, err) ?? {
    status: "unknown",
    errorCode: err.code,
    detail: `Anthropic answered ${res.status}, which says nothing certain about the key.`
  };
}
function createAnthropicProvider(settings = {}) {
  return new AnthropicProvider(settings);
}
function toRef(k) {
  const ref = { provider: ID2, id: k.id };
  if (k.name) ref.name = k.name;
  if (k.partial_key_hint) ref.redactedValue = k.partial_key_hint;
  if (k.created_at) ref.createdAt = k.created_at;
  const by = k.created_by?.type;
  if (by) ref.ownerType = by === "service_account" ? "service_account" : by === "user" ? "user" : "other";
  return ref;
}
var ANTHROPIC_DEFAULT_BASE, ANTHROPIC_VERSION, ID2, AnthropicProvider;
var init_anthropic2 = __esm({
  "src/providers/anthropic.ts"() {
    "use strict";
    init_client();
    init_common();
    ANTHROPIC_DEFAULT_BASE = "https://api.anthropic.com";
    ANTHROPIC_VERSION = "2023-06-01";
    ID2 = "anthropic";
    AnthropicProvider = class {
      constructor(settings) {
        this.settings = settings;
        this.#base = (settings.baseUrl ?? ANTHROPIC_DEFAULT_BASE).replace(/\/+$/, "");
        this.#http = createProviderHttp(settings, settings.retry);
        this.#version = settings.version ?? ANTHROPIC_VERSION;
      }
      settings;
      id = ID2;
      displayName = "Anthropic";
      capabilities = { verify: true, locate: true, create: false, disable: true, usage: true };
      limitations = [
        "Admin operations need an organization admin key (sk-ant-admin01-\u2026); individual accounts have no Admin API.",
        "Keys cannot be created through the API: they are made in the Console, so rotation swaps in a standby key that a person created beforehand.",
        "Keys cannot be deleted through the API: disabling sets them inactive.",
        "The usage report gives tokens per hour and model, but no request counts, status codes, IPs or user agents."
      ];
      #base;
      #http;
      #version;
      #headers(key) {
        return { "x-api-key": key.reveal(), "anthropic-version": this.#version };
      }
      verify(key) {
        const admin = key.reveal().startsWith("sk-ant-admin");
        const url = admin ? buildUrl(this.#base, "/v1/organizations/me") : buildUrl(this.#base, "/v1/models", { limit: 1 });
        return runVerify(
          { id: ID2, name: "Anthropic" },
          this.#http,
          { url, headers: this.#headers(key) },
          classifyAnthropicModels,
          (j) => admin ? !!j && typeof j === "object" : Array.isArray(j?.data)
        );
      }
      #adminHeaders() {
        if (!this.settings.adminKey) {
          throw new ProviderApiError(
            ID2,
            "admin",
            "no admin key configured (an organization admin key, sk-ant-admin01-\u2026)"
          );
        }
        return this.#headers(this.settings.adminKey);
      }
      #get(op, path2, query) {
        return requestJson(this.#http, ID2, op, {
          url: buildUrl(this.#base, path2, query),
          headers: this.#adminHeaders()
        });
      }
      async locate(key) {
        const value = key.reveal();
        const keys = await collectPages(async (after) => {
          const page = await this.#get(
            "locate",
            "/v1/organizations/api_keys",
            { limit: 1e3, after_id: after }
          );
          return { items: page.data ?? [], hasMore: page.has_more === true, next: page.last_id ?? void 0 };
        });
        const matches = keys.filter((k) => matchesRedacted(value, k.partial_key_hint)).map((k) => toRef(k));
        return locateResult("Anthropic", matches, `${keys.length} keys searched`);
      }
      async state(ref) {
        const url = buildUrl(this.#base, `/v1/organizations/api_keys/${encodeURIComponent(ref.id)}`);
        let res;
        try {
          res = await this.#http.request({ url, headers: this.#adminHeaders() });
        } catch (e) {
          if (e instanceof NetworkError) {
            throw new ProviderApiError(
              ID2,
              "state",
              `${e.method} ${e.path}: no answer (${e.causeMessage})`,
              void 0,
              void 0,
              true
            );
          }
          throw e;
        }
        if (res.status === 404) return "deleted";
        if (res.status < 200 || res.status >= 300) throw apiError(ID2, "state", "GET", url, res);
        const status = res.json?.status;
        if (status === "active") return "active";
        if (status === "inactive" || status === "archived" || status === "expired") return "disabled";
        throw new ProviderApiError(ID2, "state", `key ${ref.id} has an unexpected status: ${String(status)}`);
      }
      /** `status: inactive` is idempotent, so the shared client may retry it; the answer is checked. */
      async disable(ref) {
        const path2 = `/v1/organizations/api_keys/${encodeURIComponent(ref.id)}`;
        const url = buildUrl(this.#base, path2);
        let updated;
        try {
          updated = await requestJson(this.#http, ID2, "disable", {
            method: "POST",
            url,
            headers: this.#adminHeaders(),
            body: { status: "inactive" },
            idempotent: true
          });
        } catch (e) {
          if (e instanceof ProviderApiError && e.status === 400 && await this.state(ref) === "disabled") return;
          throw e;
        }
        if (updated.status !== "inactive" && updated.status !== "archived") {
          throw new ProviderApiError(
            ID2,
            "disable",
            `key ${ref.id} is still ${String(updated.status)} after the update`
          );
        }
      }
      async usage(ref, window) {
        const buckets = await collectPages(async (page) => {
          const body2 = await this.#get(
            "usage",
            "/v1/organizations/usage_report/messages",
            {
              starting_at: new Date(window.start).toISOString(),
              ending_at: new Date(window.end).toISOString(),
              bucket_width: "1h",
              api_key_ids: [ref.id],
              group_by: ["api_key_id", "model"],
              limit: 168,
              page
            }
          );
          return { items: body2.data ?? [], hasMore: body2.has_more === true, next: body2.next_page };
        });
        const events = [];
        for (const b of buckets) {
          const start = Date.parse(b.starting_at);
          const end = Date.parse(b.ending_at);
          for (const r of b.results ?? []) {
            if (r.api_key_id && r.api_key_id !== ref.id) continue;
            const cacheCreation = (r.cache_creation?.ephemeral_5m_input_tokens ?? 0) + (r.cache_creation?.ephemeral_1h_input_tokens ?? 0) + (r.cache_creation_input_tokens ?? 0);
            const input = (r.uncached_input_tokens ?? 0) + (r.cache_read_input_tokens ?? 0) + cacheCreation;
            const output = r.output_tokens ?? 0;
            if (!input && !output) continue;
            const e = {
              time: new Date(start).toISOString(),
              bucketSeconds: Number.isNaN(end) ? 3600 : Math.round((end - start) / 1e3),
              // The usage report has no request counts: 0 means "not reported", the tokens carry the signal.
              requests: 0,
              inputTokens: input,
              outputTokens: output,
              keyId: ref.id,
              source: "anthropic-usage"
            };
            if (r.model) e.model = r.model;
            events.push(e);
          }
        }
        return events;
      }
    };
  }
});

// src/providers/compatible-kit.ts
function createClient(settings) {
  return createProviderHttp(settings);
}
function joinUrl(base, path2) {
  return `${base.replace(/\/+$/, "")}/${path2.replace(/^\/+/, "")}`;
}
function endpointOf2(method, path2) {
  return `${method} ${path2.split("?")[0]}`;
}
function errorInfo(json) {
  const e = parseErrorBody(json);
  return { code: e.code, message: e.message };
}
function ensureOk(provider, endpoint, res, secrets = []) {
  if (res.status >= 200 && res.status < 300) return res;
  const info = errorInfo(res.json);
  const msg = sanitize(info.message ?? (res.text.slice(0, 200) || "no body"), secrets);
  const code2 = info.code ? ` (${info.code})` : "";
  throw new ProviderApiError(
    provider,
    endpoint,
    `answered ${res.status}${code2}: ${msg}`,
    res.status,
    info.code
  );
}
function scrubError(err, secrets) {
  if (!(err instanceof Error)) return new Error(scrub(String(err), secrets));
  const clean2 = scrub(err.message, secrets);
  if (clean2 !== err.message) {
    err.stack = err.stack ? scrub(err.stack, secrets) : err.stack;
    err.message = clean2;
  }
  return err;
}
function now() {
  return (/* @__PURE__ */ new Date()).toISOString();
}
function verdictFromResponse(res, o) {
  const info = errorInfo(res.json);
  const base = {
    provider: o.provider,
    endpoint: o.endpoint,
    httpStatus: res.status,
    checkedAt: now(),
    ...info.code && { errorCode: info.code }
  };
  const said = info.message ? `: ${sanitize(info.message, [o.key]).slice(0, 160)}` : "";
  const s = res.status;
  if (s >= 200 && s < 300) {
    if (res.json === void 0 || typeof res.json !== "object") {
      return {
        ...base,
        status: "unknown",
        detail: `answered ${s} but the body was not ${o.provider}'s JSON (a proxy or portal in the way?)`
      };
    }
    const extra = o.onOk?.(res.json);
    return { ...base, status: "live", detail: `the key was accepted (${s})`, ...extra };
  }
  if (s === 401 || o.revokedStatuses?.includes(s)) {
    return { ...base, status: "revoked", detail: `the key was rejected (${s})${said}` };
  }
  if (s === 402) {
    return {
      ...base,
      status: "live",
      detail: `the key authenticated but the account has no credit (402)${said}`
    };
  }
  if (s === 403 && o.restrictedOn403) {
    return {
      ...base,
      status: "live",
      restricted: true,
      detail: `the key is valid but restricted: it may not call this endpoint (403)${said}`
    };
  }
  if (s === 429 && (info.code === "insufficient_quota" || /quota/i.test(info.message ?? ""))) {
    return { ...base, status: "live", detail: `the key authenticated but its quota is used up (429)${said}` };
  }
  const why = s === 429 ? `still rate limited after ${res.attempts} attempt(s) (429)` : s >= 500 ? `the provider failed (${s}) after ${res.attempts} attempt(s)` : s === 403 ? "access was forbidden (403): the key may be valid without rights here, or the region is blocked" : `unexpected answer ${s}`;
  return { ...base, status: "unknown", detail: `${why}${said}` };
}
function verdictFromError(err, o) {
  const why = err instanceof NetworkError ? `no answer: ${/TimeoutError|due to timeout/.test(err.causeMessage) ? "timed out" : err.causeMessage} after ${err.attempts} attempt(s)` : `request failed: ${err instanceof Error ? err.message : String(err)}`;
  return {
    status: "unknown",
    provider: o.provider,
    endpoint: o.endpoint,
    detail: scrub(why, [o.key]),
    checkedAt: now()
  };
}
async function bearerCheck(client, baseUrl, path2, o) {
  const endpoint = endpointOf2("GET", path2);
  try {
    const res = await client.request({
      url: joinUrl(baseUrl, path2),
      headers: o.headers ?? { authorization: `Bearer ${o.key.reveal()}` }
    });
    return verdictFromResponse(res, { ...o, endpoint });
  } catch (err) {
    return verdictFromError(err, { provider: o.provider, endpoint, key: o.key });
  }
}
function bearer(key) {
  return { authorization: `Bearer ${key.reveal()}` };
}
function requireAdmin(provider, adminKey, what) {
  if (!adminKey) {
    throw new ProviderApiError(
      provider,
      what,
      "needs an admin/management key in config",
      void 0,
      "no_admin_key"
    );
  }
  return adminKey;
}
var init_compatible_kit = __esm({
  "src/providers/compatible-kit.ts"() {
    "use strict";
    init_client();
    init_secret();
    init_common();
  }
});

// src/providers/compatible.ts
function createCompatibleProvider(options, settings = {}) {
  const client = createClient(settings);
  const baseUrl = settings.baseUrl ?? options.defaultBaseUrl;
  return {
    id: options.id,
    displayName: options.displayName,
    capabilities: { verify: true, locate: false, create: false, disable: false, usage: false },
    limitations: options.limitations ?? [NO_ADMIN, NO_USAGE],
    async verify(key) {
      if (!options.verifyPath) {
        return {
          status: "unknown",
          provider: options.id,
          endpoint: "(none)",
          detail: `${options.displayName} has no free verification endpoint; the key was not sent (a paid call would be needed)`,
          checkedAt: now()
        };
      }
      return bearerCheck(client, baseUrl, options.verifyPath, {
        provider: options.id,
        key,
        headers: options.authHeader?.(key),
        restrictedOn403: options.restrictedOn403,
        revokedStatuses: options.revokedStatuses,
        onOk: options.onOk
      });
    }
  };
}
function createBuiltinCompatible(id, settings = {}) {
  const options = COMPATIBLE_PROVIDERS[id];
  if (!options) throw new Error(`no built-in compatible provider ${id}`);
  return createCompatibleProvider(options, settings);
}
var NO_ADMIN, NO_USAGE, COMPATIBLE_PROVIDERS;
var init_compatible = __esm({
  "src/providers/compatible.ts"() {
    "use strict";
    init_compatible_kit();
    NO_ADMIN = "No key-management API known: disable and replace the key in the provider console.";
    NO_USAGE = "No per-key usage API known.";
    COMPATIBLE_PROVIDERS = {
      moonshot: {
        id: "moonshot",
        displayName: "Moonshot (Kimi)",
        defaultBaseUrl: "https://api.moonshot.ai/v1",
        verifyPath: "/users/me/balance",
        limitations: [
          NO_ADMIN,
          NO_USAGE,
          "Keys from the China site need base URL https://api.moonshot.cn/v1 (set it in config)."
        ]
      },
      dashscope: {
        id: "dashscope",
        displayName: "Alibaba DashScope (Qwen)",
        defaultBaseUrl: "https://dashscope.aliyuncs.com/compatible-mode/v1",
        verifyPath: "/models",
        limitations: [
          NO_ADMIN,
          NO_USAGE,
          "Keys are region-specific: international keys need base URL https://dashscope-intl.aliyuncs.com/compatible-mode/v1."
        ]
      },
      siliconflow: {
        id: "siliconflow",
        displayName: "SiliconFlow",
        defaultBaseUrl: "https://api.siliconflow.cn/v1",
        verifyPath: "/user/info"
      },
      groq: {
        id: "groq",
        displayName: "Groq",
        defaultBaseUrl: "https://api.groq.com/openai/v1",
        verifyPath: "/models"
      },
      perplexity: {
        id: "perplexity",
        displayName: "Perplexity",
        defaultBaseUrl: "https://api.perplexity.ai",
        // The only free call found: the documented "List Models" of Perplexity's router (Bearer auth).
        // A completion would cost money, so it is never used.
        verifyPath: "/router/v1/models",
        limitations: [
          NO_ADMIN,
          NO_USAGE,
          "Verified with GET /router/v1/models (free, documented with Bearer auth); that it rejects bad keys with 401 is unconfirmed."
        ]
      },
      xai: {
        id: "xai",
        displayName: "xAI",
        defaultBaseUrl: "https://api.x.ai/v1",
        verifyPath: "/api-key",
        revokedStatuses: [400],
        onOk: (json) => {
          const j = json;
          if (j.api_key_blocked || j.api_key_disabled || j.team_blocked) {
            return { status: "revoked", detail: "the key exists but is blocked or disabled (200 from /api-key)" };
          }
          return void 0;
        }
      },
      stripe: {
        id: "stripe",
        displayName: "Stripe",
        defaultBaseUrl: "https://api.stripe.com",
        verifyPath: "/v1/charges?limit=1",
        restrictedOn403: true,
        limitations: [
          "Key rolling is a Dashboard action (no public API to create or expire secret keys).",
          "Restricted keys (rk_) without charge read rights show as live and restricted (403).",
          NO_USAGE
        ]
      }
    };
  }
});

// src/providers/deepseek.ts
function createDeepSeekProvider(settings = {}) {
  const client = createClient(settings);
  const baseUrl = settings.baseUrl ?? DEEPSEEK_BASE_URL;
  const id = "deepseek";
  return {
    id,
    displayName: "DeepSeek",
    capabilities: { verify: true, locate: false, create: false, disable: false, usage: false },
    limitations: [
      "No key-management API: keys can only be created, disabled or deleted in the DeepSeek console (platform.deepseek.com).",
      "No per-key usage API: only the account balance is visible."
    ],
    async verify(key) {
      const balance = await bearerCheck(client, baseUrl, "/user/balance", {
        provider: id,
        key,
        onOk: (json) => {
          const available = json.is_available;
          return available === false ? { detail: "the key was accepted (200); the account balance is not available for use" } : void 0;
        }
      });
      if (balance.status !== "unknown" || balance.httpStatus === void 0 || balance.httpStatus === 429) {
        return balance;
      }
      const models = await bearerCheck(client, baseUrl, "/models", { provider: id, key });
      return models.status === "unknown" ? balance : models;
    }
  };
}
var DEEPSEEK_BASE_URL;
var init_deepseek2 = __esm({
  "src/providers/deepseek.ts"() {
    "use strict";
    init_compatible_kit();
    DEEPSEEK_BASE_URL = "https://api.deepseek.com";
  }
});

// src/providers/litellm.ts
import { createHash as createHash2 } from "node:crypto";
function liteLLMTokenHash(key) {
  return createHash2("sha256").update(key.reveal()).digest("hex");
}
function createLiteLLMProvider(settings) {
  const id = "litellm";
  if (!settings.baseUrl) {
    throw new ConfigError(
      "litellm needs baseUrl: the URL of your LiteLLM proxy, e.g. https://llm.example.com"
    );
  }
  const baseUrl = settings.baseUrl;
  const client = createClient(settings);
  async function admin(method, path2, body2, idempotent) {
    const adminKey = requireAdmin(id, settings.adminKey, endpointOf2(method, path2));
    try {
      const url = joinUrl(baseUrl, path2);
      return await client.request({ method, url, headers: bearer(adminKey), body: body2, idempotent });
    } catch (err) {
      throw scrubError(err, [adminKey]);
    }
  }
  async function info(token) {
    const res = await admin("GET", `/key/info?key=${encodeURIComponent(token)}`);
    if (res.status === 404 || res.status === 400 && /not found|does not exist/i.test(res.text))
      return void 0;
    ensureOk(id, "GET /key/info", res);
    const j = res.json;
    const inf = j.info ?? j;
    return { ...inf, token: inf.token ?? (typeof j.key === "string" ? j.key : token) };
  }
  function toRef2(token, i) {
    return {
      provider: id,
      id: token,
      ...i?.key_alias && { name: i.key_alias },
      ...i?.key_name && { redactedValue: i.key_name },
      ...i?.created_at && { createdAt: i.created_at }
    };
  }
  return {
    id,
    displayName: "LiteLLM proxy",
    capabilities: { verify: true, locate: true, create: true, disable: true, usage: true },
    limitations: [
      "Self-hosted: needs the proxy base URL, and the master key (or an admin key) for admin operations.",
      "Source IP allow lists are not enforced per key: a manual step."
    ],
    async verify(key) {
      const self = await bearerCheck(client, baseUrl, "/key/info", {
        provider: id,
        key,
        onOk: (json) => {
          const i = json.info ?? json;
          if (i.blocked) return { status: "revoked", detail: "the proxy knows the key but it is blocked" };
          return void 0;
        }
      });
      if (self.status === "live" || self.status === "revoked" && self.httpStatus === 200) return self;
      if (self.httpStatus === void 0 || self.httpStatus === 429 || (self.httpStatus ?? 0) >= 500)
        return self;
      const models = await bearerCheck(client, baseUrl, "/v1/models", { provider: id, key });
      return models.status === "unknown" && self.status === "revoked" ? self : models;
    },
    async locate(key) {
      const token = liteLLMTokenHash(key);
      const i = await info(token);
      if (!i) return { status: "not-found", reason: "the proxy has no key with this token hash" };
      return { status: "found", ref: toRef2(i.token ?? token, i) };
    },
    async create(policy) {
      const manual = [];
      const body2 = { key_alias: policy.name, key_type: "llm_api" };
      if (policy.models?.length) body2.models = policy.models;
      if (policy.rpm !== void 0) body2.rpm_limit = policy.rpm;
      if (policy.tpm !== void 0) body2.tpm_limit = policy.tpm;
      if (policy.budgetUsd !== void 0) body2.max_budget = policy.budgetUsd;
      if (policy.budgetReset !== void 0) body2.budget_duration = liteLLMDuration(policy.budgetReset);
      if (policy.expiresInDays !== void 0) body2.duration = `${policy.expiresInDays}d`;
      if (policy.allowedRoutes?.length) body2.allowed_routes = policy.allowedRoutes;
      if (policy.metadata) body2.metadata = policy.metadata;
      if (policy.dailyRequests !== void 0) manual.push(`${policy.dailyRequests} requests per day`);
      if (policy.scopes?.length) manual.push(`scopes: ${policy.scopes.join(", ")}`);
      if (policy.allowedIps?.length) manual.push(`source IP allow list: ${policy.allowedIps.join(", ")}`);
      const res = await admin("POST", "/key/generate", body2);
      ensureOk(id, "POST /key/generate", res);
      const j = res.json;
      if (typeof j.key !== "string") {
        throw new ProviderApiError(id, "POST /key/generate", "the answer had no key", res.status);
      }
      const secret = new Secret(j.key);
      const token = j.token ?? j.token_id ?? liteLLMTokenHash(secret);
      return { ref: toRef2(token, j), secret, manual };
    },
    async disable(ref) {
      ensureOk(id, "POST /key/block", await admin("POST", "/key/block", { key: ref.id }, true));
    },
    async delete(ref) {
      const res = await admin("POST", "/key/delete", { keys: [ref.id] }, true);
      if (res.status === 404 && res.attempts > 1) return;
      ensureOk(id, "POST /key/delete", res);
    },
    async state(ref) {
      const i = await info(ref.id);
      if (!i) return "deleted";
      return i.blocked ? "disabled" : "active";
    },
    async usage(ref, window) {
      const rows = await spendLogs(ref.id, window);
      const start = Date.parse(window.start);
      const end = Date.parse(window.end);
      return rows.filter((r) => {
        const t = Date.parse(r.startTime ?? "");
        return Number.isNaN(t) || t >= start && t < end;
      }).map((r) => toEvent(r, ref.id));
    }
  };
  async function spendLogs(token, window) {
    const q = `api_key=${token}&start_date=${encodeURIComponent(sqlTime(window.start))}&end_date=${encodeURIComponent(sqlTime(window.end))}`;
    const out = [];
    for (let page = 1; ; page++) {
      const res2 = await admin("GET", `/spend/logs/v2?${q}&page=${page}&page_size=100`);
      if (res2.status === 404 && page === 1) break;
      ensureOk(id, "GET /spend/logs/v2", res2);
      const j = res2.json;
      out.push(...j.data ?? []);
      if (!j.data?.length || page >= (j.total_pages ?? page)) return out;
    }
    const res = await admin("GET", `/spend/logs?${q}`);
    ensureOk(id, "GET /spend/logs", res);
    return Array.isArray(res.json) ? res.json : [];
  }
}
function liteLLMDuration(reset) {
  const named = { daily: "1d", weekly: "7d", monthly: "30d" };
  return named[reset] ?? reset;
}
function sqlTime(iso2) {
  return new Date(iso2).toISOString().slice(0, 19).replace("T", " ");
}
function toEvent(r, keyId) {
  const meta = r.metadata ?? {};
  const ua = str(meta.user_agent) ?? str(meta.headers?.["user-agent"]) ?? str(meta.requester_metadata?.user_agent);
  return {
    time: r.startTime ? new Date(r.startTime).toISOString() : "",
    requests: 1,
    ...statusOf(r) !== void 0 && { status: statusOf(r) },
    ...r.requester_ip_address && { ip: r.requester_ip_address },
    ...ua && { userAgent: ua },
    ...r.model && { model: r.model },
    ...r.spend !== void 0 && { costUsd: r.spend },
    ...r.prompt_tokens !== void 0 && { inputTokens: r.prompt_tokens },
    ...r.completion_tokens !== void 0 && { outputTokens: r.completion_tokens },
    ...r.call_type && { path: r.call_type },
    keyId,
    source: "litellm-spend-logs"
  };
}
function statusOf(r) {
  if (typeof r.status === "number") return r.status;
  if (r.status === "success") return 200;
  const code2 = Number(r.metadata?.error_information?.error_code);
  if (Number.isFinite(code2) && code2 > 0) return code2;
  return void 0;
}
function str(v) {
  return typeof v === "string" && v ? v : void 0;
}
var init_litellm2 = __esm({
  "src/providers/litellm.ts"() {
    "use strict";
    init_errors();
    init_secret();
    init_compatible_kit();
  }
});

// src/providers/openai.ts
function classifyOpenAIModels(res, err) {
  const msg = err.message ?? "";
  if (res.status >= 200 && res.status < 300) {
    return { status: "live", detail: "OpenAI accepted the key on a read-only request: the key is live." };
  }
  if (res.status === 401) {
    if (err.code === "invalid_api_key") {
      return {
        status: "revoked",
        errorCode: err.code,
        detail: "OpenAI rejected the key as incorrect (invalid_api_key): it is deleted, revoked or never existed."
      };
    }
    if (/missing scopes/i.test(msg)) {
      return {
        status: "live",
        restricted: true,
        errorCode: err.code,
        detail: "OpenAI accepted the key but it lacks the api.model.read scope: a live restricted key."
      };
    }
    if (/\bIP\b|allowlist|allow list/i.test(msg)) {
      return {
        status: "unknown",
        errorCode: err.code,
        detail: "OpenAI refused this runner's IP address (IP allowlist): the key exists but its state here is unknown."
      };
    }
    return {
      status: "unknown",
      errorCode: err.code,
      detail: `OpenAI answered 401 with an unrecognised reason, so the key's state is unknown.`
    };
  }
  if (res.status === 403) {
    const region = err.code === "unsupported_country_region_territory";
    return {
      status: "unknown",
      errorCode: err.code,
      detail: region ? "OpenAI refused requests from this runner's country or region, so the key's state is unknown." : "OpenAI answered 403 (forbidden), so the key's state is unknown."
    };
  }
  if (res.status === 429 && (err.code === "insufficient_quota" || err.type === "insufficient_quota")) {
    return {
      status: "live",
      errorCode: "insufficient_quota",
      detail: "OpenAI accepted the key but its account has no credit left (insufficient_quota): the key is live."
    };
  }
  return transientVerdict("OpenAI", res, err) ?? {
    status: "unknown",
    errorCode: err.code,
    detail: `OpenAI answered ${res.status}, which says nothing certain about the key.`
  };
}
function createOpenAIProvider(settings = {}) {
  return new OpenAIProvider(settings);
}
function mentions(l, id) {
  const payload = l[l.type];
  return payload?.id === id || l.actor?.api_key?.id === id;
}
function isQuota(json) {
  const e = parseErrorBody(json);
  return e.code === "insufficient_quota" || e.type === "insufficient_quota";
}
function wrapNetwork(e, op) {
  if (e instanceof NetworkError) {
    return new ProviderApiError(
      ID3,
      op,
      `${e.method} ${e.path}: no answer (${e.causeMessage})`,
      void 0,
      void 0,
      true
    );
  }
  return e;
}
function singleProject(ids) {
  return ids?.length === 1 ? ids[0] : void 0;
}
function unenforceable(p) {
  const out = [];
  if (p.allowedIps?.length) {
    out.push(
      `IP allowlist (${p.allowedIps.join(", ")}): OpenAI has no per-key IP allowlist; set the organization or project IP allowlist in the dashboard if appropriate.`
    );
  }
  if (p.dailyRequests !== void 0)
    out.push(`Daily request cap (${p.dailyRequests}): not settable per key on OpenAI.`);
  if (p.budgetUsd !== void 0) {
    out.push(
      `Budget ($${p.budgetUsd}${p.budgetReset ? ` ${p.budgetReset}` : ""}): OpenAI budgets are project-wide and set in the dashboard.`
    );
  }
  if (p.expiresInDays !== void 0) {
    out.push(
      `Expiry in ${p.expiresInDays} days: OpenAI project keys do not expire; schedule the next rotation.`
    );
  }
  if (p.allowedRoutes?.length)
    out.push(`Allowed routes (${p.allowedRoutes.join(", ")}): use key scopes instead; not enforced.`);
  if (p.metadata && Object.keys(p.metadata).length)
    out.push("Metadata: OpenAI keys carry only a name; metadata was not stored.");
  return out;
}
var OPENAI_DEFAULT_BASE, ID3, OpenAIProvider;
var init_openai2 = __esm({
  "src/providers/openai.ts"() {
    "use strict";
    init_client();
    init_secret();
    init_common();
    OPENAI_DEFAULT_BASE = "https://api.openai.com/v1";
    ID3 = "openai";
    OpenAIProvider = class {
      constructor(settings) {
        this.settings = settings;
        this.#base = (settings.baseUrl ?? OPENAI_DEFAULT_BASE).replace(/\/+$/, "");
        this.#http = createProviderHttp(settings, settings.retry);
        this.#once = createProviderHttp(settings, settings.retry, { maxRetries: 0 });
      }
      settings;
      id = ID3;
      displayName = "OpenAI";
      capabilities = { verify: true, locate: true, create: true, disable: true, usage: true };
      limitations = [
        "Admin operations need an organization admin key (sk-admin-\u2026).",
        "Only service-account keys can be created through the API; user-owned keys are made in the dashboard.",
        "A key cannot be disabled in place: disabling deletes it.",
        "Model allow-lists and rate limits apply to the whole project, not to one key.",
        "IP allowlists, per-key request quotas and budgets cannot be set per key.",
        "Usage data has token and request counts per hour, but no status codes, IPs or user agents; the audit log covers management actions only."
      ];
      #base;
      #http;
      /** For non-idempotent calls (create): no automatic retries; 429 is retried by hand. */
      #once;
      // ----------------------------------------------------------------------------------- verify
      verify(key) {
        const url = key.reveal().startsWith("sk-admin-") ? buildUrl(this.#base, "/organization/admin_api_keys", { limit: 1 }) : `${this.#base}/models`;
        return runVerify(
          { id: ID3, name: "OpenAI" },
          this.#http,
          { url, headers: { authorization: `Bearer ${key.reveal()}` } },
          classifyOpenAIModels,
          (j) => Array.isArray(j?.data)
        );
      }
      // ----------------------------------------------------------------------------------- admin plumbing
      #adminHeaders() {
        const admin = this.settings.adminKey;
        if (!admin) {
          throw new ProviderApiError(
            ID3,
            "admin",
            "no admin key configured (an organization admin key, sk-admin-\u2026)"
          );
        }
        return { authorization: `Bearer ${admin.reveal()}` };
      }
      #get(op, path2, query) {
        return requestJson(this.#http, ID3, op, {
          url: buildUrl(this.#base, path2, query),
          headers: this.#adminHeaders()
        });
      }
      async #list(op, path2, query = {}) {
        return collectPages(async (after) => {
          const page = await this.#get(op, path2, { ...query, limit: 100, after });
          return {
            items: page.data ?? [],
            hasMore: page.has_more === true,
            next: page.last_id ?? void 0
          };
        });
      }
      // ----------------------------------------------------------------------------------- locate
      async locate(key) {
        const value = key.reveal();
        if (value.startsWith("sk-admin-")) {
          const admins = await this.#list("locate", "/organization/admin_api_keys");
          const matches2 = admins.filter((k) => matchesRedacted(value, k.redacted_value)).map((k) => this.#ref(k, void 0, "admin"));
          return locateResult("OpenAI", matches2, `${admins.length} admin keys searched`);
        }
        const projectIds = this.settings.projectIds ?? (await this.#list("locate", "/organization/projects", { include_archived: true })).map(
          (p) => p.id
        );
        const perProject = await mapLimit(projectIds, this.settings.concurrency ?? 4, async (pid) => {
          const keys = await this.#list(
            "locate",
            `/organization/projects/${encodeURIComponent(pid)}/api_keys`,
            { owner_project_access: "any" }
          );
          return { pid, keys };
        });
        const total = perProject.reduce((n, p) => n + p.keys.length, 0);
        const matches = perProject.flatMap(
          ({ pid, keys }) => keys.filter((k) => matchesRedacted(value, k.redacted_value)).map((k) => this.#ref(k, pid))
        );
        const result = locateResult("OpenAI", matches, `${total} keys in ${projectIds.length} projects searched`);
        if (result.status === "not-found" && !/^sk-(proj|svcacct|service)-/.test(value)) {
          result.reason += " Legacy user keys (without a project prefix) are not listed by the Admin API: revoke it in the dashboard.";
        }
        return result;
      }
      #ref(k, projectId, ownerType) {
        const owner = k.owner;
        const ref = { provider: ID3, id: k.id };
        if (k.name) ref.name = k.name;
        if (k.redacted_value) ref.redactedValue = k.redacted_value;
        if (projectId) ref.projectId = projectId;
        const type = ownerType ?? (owner?.type === "service_account" ? "service_account" : owner?.type ? "user" : void 0);
        if (type) ref.ownerType = type;
        if (owner?.service_account?.id) ref.serviceAccountId = owner.service_account.id;
        if (k.created_at) ref.createdAt = new Date(k.created_at * 1e3).toISOString();
        return ref;
      }
      // ----------------------------------------------------------------------------------- create
      async create(policy, near) {
        const projectId = policy.project ?? near?.projectId ?? singleProject(this.settings.projectIds);
        if (!projectId) {
          throw new ProviderApiError(ID3, "create", "no project to create the key in: set the policy project");
        }
        const pPath = `/organization/projects/${encodeURIComponent(projectId)}`;
        const manual = [];
        const scoped = !!policy.scopes?.length;
        const sa = await this.#post("create", `${pPath}/service_accounts`, { name: policy.name, create_service_account_only: scoped });
        let apiKey = sa.api_key ?? void 0;
        if (scoped) {
          try {
            apiKey = await this.#post(
              "create",
              `${pPath}/service_accounts/${encodeURIComponent(sa.id)}/api_keys`,
              {
                name: policy.name,
                scopes: policy.scopes
              }
            );
          } catch (e) {
            if (!(e instanceof ProviderApiError) || e.status !== 404) {
              throw await this.#cleanUpKeyless(pPath, e, projectId, sa.id);
            }
            apiKey = await this.#recreateUnscoped(pPath, sa.id, policy.name) ?? void 0;
            manual.push(
              `Key scopes (${policy.scopes.join(", ")}) could not be set through this API: restrict the key in the dashboard.`
            );
          }
        }
        if (!apiKey?.value) {
          throw new ProviderApiError(
            ID3,
            "create",
            `service account ${sa.id} in ${projectId} was created but no key value came back; delete it in the dashboard`
          );
        }
        const ref = {
          provider: ID3,
          id: apiKey.id,
          name: apiKey.name ?? policy.name,
          projectId,
          serviceAccountId: sa.id,
          ownerType: "service_account"
        };
        if (apiKey.created_at) ref.createdAt = new Date(apiKey.created_at * 1e3).toISOString();
        if (policy.models?.length) await this.#applyModels(pPath, projectId, policy.models, manual);
        if (policy.rpm !== void 0 || policy.tpm !== void 0) {
          await this.#applyRateLimits(pPath, projectId, policy, manual);
        }
        manual.push(...unenforceable(policy));
        return { ref, secret: new Secret(apiKey.value), manual };
      }
      async #recreateUnscoped(pPath, saId, name) {
        await this.#deleteServiceAccount(pPath, saId).catch(() => void 0);
        const sa = await this.#post("create", `${pPath}/service_accounts`, { name });
        return sa.api_key;
      }
      async #applyModels(pPath, projectId, models, manual) {
        try {
          await this.#post("create", `${pPath}/model_permissions`, { mode: "allow_list", model_ids: models });
          manual.push(
            `Model allow-list (${models.join(", ")}) was applied to the whole project ${projectId}, not only to the new key: every key in the project is now limited to it.`
          );
        } catch (e) {
          manual.push(
            `Model allow-list (${models.join(", ")}) could not be applied to project ${projectId} (${e.message}): set it in the dashboard.`
          );
        }
      }
      /** Lowers (never raises) the project's per-model limits to the policy's rpm/tpm. */
      async #applyRateLimits(pPath, projectId, policy, manual) {
        const asked = [
          policy.rpm !== void 0 ? `${policy.rpm} rpm` : "",
          policy.tpm !== void 0 ? `${policy.tpm} tpm` : ""
        ].filter(Boolean).join(", ");
        try {
          const limits = await this.#list("create", `${pPath}/rate_limits`);
          const targets = policy.models?.length ? limits.filter((l) => l.model && policy.models.includes(l.model)) : limits;
          for (const l of targets) {
            const body2 = {};
            if (policy.rpm !== void 0)
              body2.max_requests_per_1_minute = Math.min(policy.rpm, l.max_requests_per_1_minute ?? policy.rpm);
            if (policy.tpm !== void 0)
              body2.max_tokens_per_1_minute = Math.min(policy.tpm, l.max_tokens_per_1_minute ?? policy.tpm);
            await this.#post("create", `${pPath}/rate_limits/${encodeURIComponent(l.id)}`, body2);
          }
          manual.push(
            `Rate limits (${asked}) were applied per model to the whole project ${projectId}, shared by every key in it, not per key.`
          );
        } catch (e) {
          manual.push(
            `Rate limits (${asked}) could not be applied to project ${projectId} (${e.message}).`
          );
        }
      }
      /** The key could not be made: remove the empty service account (it holds no key) and explain. */
      async #cleanUpKeyless(pPath, e, projectId, saId) {
        const why = e instanceof Error ? e.message : String(e);
        const removed = await this.#deleteServiceAccount(pPath, saId).then(
          () => true,
          () => false
        );
        const after = removed ? `the empty service account ${saId} was removed again` : `delete the empty service account ${saId} in ${projectId} by hand`;
        return new ProviderApiError(
          ID3,
          "create",
          `the replacement key could not be made (${why}); ${after}`,
          e instanceof ProviderApiError ? e.status : void 0,
          e instanceof ProviderApiError ? e.code : void 0
        );
      }
      /**
       * POST without automatic retries (a retried create may make two accounts); a 429, which means the
       * request was not processed, is waited out and retried a few times.
       */
      async #post(op, path2, body2) {
        const policy = this.#http.policy;
        for (let attempt = 0; ; attempt++) {
          const url = buildUrl(this.#base, path2);
          let res;
          try {
            res = await this.#once.request({ method: "POST", url, headers: this.#adminHeaders(), body: body2 });
          } catch (e) {
            if (e instanceof NetworkError) {
              throw new ProviderApiError(
                ID3,
                op,
                `POST ${e.path}: no answer (${e.causeMessage}); it may or may not have taken effect, check before retrying`,
                void 0,
                void 0,
                false
              );
            }
            throw e;
          }
          if (res.status >= 200 && res.status < 300 && res.json && typeof res.json === "object")
            return res.json;
          if (res.status === 429 && !isQuota(res.json) && attempt < policy.maxRetries) {
            if (await this.#http.pause(retryAfterMs(res.headers) ?? policy.baseDelayMs * 2 ** attempt)) continue;
          }
          throw apiError(ID3, op, "POST", url, res);
        }
      }
      // ----------------------------------------------------------------------------------- disable / delete / state
      async state(ref) {
        const url = buildUrl(this.#base, this.#keyPath(ref, "state"));
        const res = await this.#http.request({ url, headers: this.#adminHeaders() }).catch((e) => {
          throw wrapNetwork(e, "state");
        });
        if (res.status >= 200 && res.status < 300) return "active";
        if (res.status === 404 && await this.#projectExists(ref)) return "deleted";
        throw apiError(ID3, "state", "GET", url, res);
      }
      /**
       * A 404 for a key means "deleted" only if its project answers: a wrong project id or a base URL
       * that is not the Admin API must not pass for a successful delete.
       */
      async #projectExists(ref) {
        const url = buildUrl(this.#base, `/organization/projects/${encodeURIComponent(ref.projectId)}`);
        const res = await this.#http.request({ url, headers: this.#adminHeaders() }).catch((e) => {
          throw wrapNetwork(e, "state");
        });
        if (res.status >= 200 && res.status < 300) return true;
        throw new ProviderApiError(
          ID3,
          "state",
          `key ${ref.id} was not found, and neither was its project ${ref.projectId} (${res.status}): cannot tell whether the key is deleted`,
          res.status
        );
      }
      /**
       * DELETE the key. DELETE is sent without automatic retries: after a transient failure the key's
       * state is read first (a retried DELETE may 404 because the first one worked).
       */
      async disable(ref) {
        const path2 = this.#keyPath(ref, "disable");
        const url = buildUrl(this.#base, path2);
        const policy = this.#http.policy;
        for (let attempt = 0; ; attempt++) {
          let res;
          let failure = "";
          let hint;
          try {
            res = await this.#once.request({ method: "DELETE", url, headers: this.#adminHeaders() });
          } catch (e) {
            if (!(e instanceof NetworkError)) throw e;
            failure = `no answer (${e.causeMessage})`;
          }
          if (res) {
            if (res.status >= 200 && res.status < 300) return;
            if (res.status === 404 && await this.#projectExists(ref)) return;
            if (res.status === 400 && this.#isServiceAccountRefusal(ref, res.json)) {
              return this.#disableViaServiceAccount(ref);
            }
            if (!(res.status === 429 && !isQuota(res.json)) && !(res.status >= 500) && res.status !== 408 && res.status !== 409) {
              throw apiError(ID3, "disable", "DELETE", url, res);
            }
            failure = `answered ${res.status}`;
            hint = retryAfterMs(res.headers);
          }
          const last = attempt >= policy.maxRetries;
          if (last || !await this.#http.pause(hint ?? policy.baseDelayMs * 2 ** attempt)) {
            const why = last ? "" : ` (the next wait does not fit: ${this.#http.budget.describe()})`;
            throw new ProviderApiError(
              ID3,
              "disable",
              `${endpointOf("DELETE", url)} ${failure} after ${attempt + 1} attempt(s)${why}; the key may still work`,
              void 0,
              void 0,
              // Retried here already: the saga must not repeat it (one retry layer).
              false
            );
          }
          if (await this.state(ref) === "deleted") return;
        }
      }
      delete(ref) {
        return this.disable(ref);
      }
      #keyPath(ref, op) {
        if (!ref.projectId) {
          throw new ProviderApiError(ID3, op, `key ${ref.id} has no project id: locate it first`);
        }
        return `/organization/projects/${encodeURIComponent(ref.projectId)}/api_keys/${encodeURIComponent(ref.id)}`;
      }
      #isServiceAccountRefusal(ref, json) {
        const msg = parseErrorBody(json).message ?? "";
        return ref.ownerType === "service_account" || /service.?account/i.test(msg);
      }
      /** Older API: a service account's key cannot be deleted; delete the account if this is its only key. */
      async #disableViaServiceAccount(ref) {
        const pPath = `/organization/projects/${encodeURIComponent(ref.projectId)}`;
        let saId = ref.serviceAccountId;
        if (!saId) {
          const k = await this.#get("disable", this.#keyPath(ref, "disable"));
          saId = k.owner?.service_account?.id;
        }
        if (!saId) {
          throw new ProviderApiError(
            ID3,
            "disable",
            `OpenAI refused to delete key ${ref.id} as owned by a service account, but names no owner: delete it in the dashboard`,
            400
          );
        }
        const keys = await this.#list("disable", `${pPath}/api_keys`, {
          owner_project_access: "any"
        });
        const others = keys.filter((k) => k.owner?.service_account?.id === saId && k.id !== ref.id).map((k) => k.id);
        if (others.length) {
          throw new ProviderApiError(
            ID3,
            "disable",
            `OpenAI refused to delete key ${ref.id} because service account ${saId} owns it, and that account owns ${others.length} other key(s) (${others.join(", ")}) that deleting the account would also kill: delete the key in the dashboard, or move those keys first`,
            400
          );
        }
        await this.#deleteServiceAccount(pPath, saId);
      }
      async #deleteServiceAccount(pPath, saId) {
        const url = buildUrl(this.#base, `${pPath}/service_accounts/${encodeURIComponent(saId)}`);
        const res = await this.#http.request({ method: "DELETE", url, headers: this.#adminHeaders() }).catch((e) => {
          throw wrapNetwork(e, "disable");
        });
        if (res.status >= 200 && res.status < 300 || res.status === 404) return;
        throw apiError(ID3, "disable", "DELETE", url, res);
      }
      // ----------------------------------------------------------------------------------- usage
      async usage(ref, window) {
        const start = unixSeconds(window.start);
        const end = unixSeconds(window.end);
        const events = [];
        for (const kind of this.settings.usageEndpoints ?? ["completions", "embeddings"]) {
          const buckets = await collectPages(async (page) => {
            const body2 = await this.#get(
              "usage",
              `/organization/usage/${kind}`,
              {
                start_time: start,
                end_time: end,
                bucket_width: "1h",
                api_key_ids: [ref.id],
                group_by: ["api_key_id", "model"],
                limit: 168,
                page
              }
            );
            return { items: body2.data ?? [], hasMore: body2.has_more === true, next: body2.next_page };
          });
          for (const b of buckets) {
            for (const r of b.results ?? []) {
              if (r.api_key_id && r.api_key_id !== ref.id) continue;
              const requests = r.num_model_requests ?? 0;
              if (!requests && !r.input_tokens && !r.output_tokens) continue;
              const e = {
                time: new Date(b.start_time * 1e3).toISOString(),
                bucketSeconds: (b.end_time ?? b.start_time + 3600) - b.start_time,
                requests,
                inputTokens: r.input_tokens ?? 0,
                outputTokens: r.output_tokens ?? 0,
                keyId: ref.id,
                path: kind,
                source: "openai-usage"
              };
              if (r.model) e.model = r.model;
              events.push(e);
            }
          }
        }
        events.push(...await this.#auditEvents(ref, start, end));
        return events.sort((a, b) => a.time.localeCompare(b.time));
      }
      /** Management events about the key (created, deleted, …) with the actor's IP and user agent. */
      async #auditEvents(ref, start, end) {
        let logs;
        try {
          logs = await this.#list("usage", "/organization/audit_logs", {
            "effective_at[gte]": start,
            "effective_at[lt]": end,
            resource_ids: [ref.id]
          });
        } catch (e) {
          this.settings.onWarning?.(`OpenAI audit logs unavailable: ${e.message}`);
          return [];
        }
        return logs.filter((l) => mentions(l, ref.id)).map((l) => {
          const a = l.actor ?? {};
          const e = {
            time: new Date(l.effective_at * 1e3).toISOString(),
            requests: 0,
            keyId: ref.id,
            source: "openai-audit-log",
            eventType: l.type
          };
          const ip = a.session?.ip_address ?? a.ip_address;
          const ua = a.session?.user_agent ?? a.user_agent;
          if (ip) e.ip = ip;
          if (ua) e.userAgent = ua;
          return e;
        });
      }
    };
  }
});

// src/providers/openrouter.ts
import { createHash as createHash3 } from "node:crypto";
function openRouterKeyHash(key) {
  return createHash3("sha256").update(key.reveal()).digest("hex");
}
function createOpenRouterProvider(settings = {}) {
  const id = "openrouter";
  const client = createClient(settings);
  const baseUrl = settings.baseUrl ?? OPENROUTER_BASE_URL;
  const clock = settings.now ?? (() => /* @__PURE__ */ new Date());
  async function admin(method, path2, body2, secrets = []) {
    const adminKey = requireAdmin(id, settings.adminKey, endpointOf2(method, path2));
    const all = [adminKey, ...secrets];
    try {
      return await client.request({ method, url: joinUrl(baseUrl, path2), headers: bearer(adminKey), body: body2 });
    } catch (err) {
      throw scrubError(err, all);
    }
  }
  function toRef2(k) {
    return {
      provider: id,
      id: k.hash,
      ...k.name !== void 0 && { name: k.name },
      ...k.label !== void 0 && { redactedValue: k.label },
      ...k.created_at !== void 0 && { createdAt: k.created_at }
    };
  }
  async function getKey(hash) {
    const path2 = `/keys/${hash}`;
    const res = await admin("GET", path2);
    if (res.status === 404) return void 0;
    ensureOk(id, endpointOf2("GET", "/keys/{hash}"), res);
    return res.json.data;
  }
  async function listAll() {
    const out = [];
    for (let offset = 0; ; offset += PAGE2) {
      const res = await admin("GET", `/keys?offset=${offset}&include_disabled=true`);
      ensureOk(id, "GET /keys", res);
      const page = res.json.data ?? [];
      out.push(...page);
      if (page.length < PAGE2) return out;
    }
  }
  return {
    id,
    displayName: "OpenRouter",
    capabilities: { verify: true, locate: true, create: true, disable: true, usage: true },
    limitations: [
      "Admin operations need a management key (made in the OpenRouter dashboard).",
      "Usage is per day (requests, tokens, cost) for the last 30 completed UTC days: no per-request IP, user agent or status.",
      "Replacement keys enforce a USD limit, reset period and expiry only; model, rate and IP limits are manual."
    ],
    async verify(key) {
      return bearerCheck(client, baseUrl, "/key", {
        provider: id,
        key,
        onOk: (json) => {
          const d = json.data;
          if (d?.is_management_key) return { detail: "the key was accepted (200): it is a management key" };
          if (typeof d?.limit_remaining === "number" && d.limit_remaining <= 0) {
            return { detail: "the key was accepted (200); its credit limit is used up" };
          }
          return void 0;
        }
      });
    },
    async locate(key) {
      const hash = openRouterKeyHash(key);
      const direct = await getKey(hash);
      if (direct) return { status: "found", ref: toRef2(direct) };
      let label;
      try {
        const res = await client.request({ url: joinUrl(baseUrl, "/key"), headers: bearer(key) });
        if (res.status === 200) label = res.json.data?.label;
      } catch (err) {
        throw scrubError(err, [key]);
      }
      if (!label) {
        return {
          status: "not-found",
          reason: "no key with this hash, and the key itself no longer answers GET /key"
        };
      }
      const matches = (await listAll()).filter((k) => k.label === label).map(toRef2);
      if (matches.length === 1) return { status: "found", ref: matches[0] };
      if (matches.length > 1) {
        return { status: "ambiguous", matches, reason: `${matches.length} keys share the label ${label}` };
      }
      return { status: "not-found", reason: "no key with this hash or label under this management key" };
    },
    async create(policy) {
      const body2 = { name: policy.name };
      const manual = [];
      if (policy.budgetUsd !== void 0) body2.limit = policy.budgetUsd;
      if (policy.budgetReset !== void 0) {
        if (RESETS.has(policy.budgetReset)) body2.limit_reset = policy.budgetReset;
        else manual.push(`budget reset "${policy.budgetReset}" (OpenRouter allows daily, weekly, monthly)`);
      }
      if (policy.expiresInDays !== void 0) {
        body2.expires_at = new Date(clock().getTime() + policy.expiresInDays * 864e5).toISOString();
      }
      if (policy.models?.length) manual.push(`model allow list: ${policy.models.join(", ")}`);
      if (policy.rpm !== void 0) manual.push(`rate limit ${policy.rpm} rpm`);
      if (policy.tpm !== void 0) manual.push(`rate limit ${policy.tpm} tpm`);
      if (policy.dailyRequests !== void 0) manual.push(`${policy.dailyRequests} requests per day`);
      if (policy.scopes?.length) manual.push(`scopes: ${policy.scopes.join(", ")}`);
      if (policy.allowedRoutes?.length) manual.push(`allowed routes: ${policy.allowedRoutes.join(", ")}`);
      if (policy.allowedIps?.length) manual.push(`source IP allow list: ${policy.allowedIps.join(", ")}`);
      const res = await admin("POST", "/keys", body2);
      ensureOk(id, "POST /keys", res);
      const j = res.json;
      if (!j.data?.hash || typeof j.key !== "string") {
        throw new ProviderApiError(id, "POST /keys", "the answer had no key or hash", res.status);
      }
      return { ref: toRef2(j.data), secret: new Secret(j.key), manual };
    },
    async disable(ref) {
      const res = await admin("PATCH", `/keys/${ref.id}`, { disabled: true });
      ensureOk(id, "PATCH /keys/{hash}", res);
    },
    async delete(ref) {
      const res = await admin("DELETE", `/keys/${ref.id}`);
      if (res.status === 404 && res.attempts > 1) return;
      ensureOk(id, "DELETE /keys/{hash}", res);
    },
    async state(ref) {
      const k = await getKey(ref.id);
      if (!k) return "deleted";
      return k.disabled ? "disabled" : "active";
    },
    async usage(ref, window) {
      const perDay = await mapLimit(activityDays(window, clock()), 4, async (date) => {
        const res = await admin("GET", `/activity?api_key_hash=${ref.id}&date=${date}`);
        ensureOk(id, "GET /activity", res);
        const rows = res.json.data ?? [];
        return rows.map(
          (r) => ({
            time: `${r.date ?? date}T00:00:00.000Z`,
            bucketSeconds: 86400,
            requests: r.requests ?? 0,
            ...r.prompt_tokens !== void 0 && { inputTokens: r.prompt_tokens },
            ...r.completion_tokens !== void 0 && { outputTokens: r.completion_tokens },
            ...r.usage !== void 0 && { costUsd: r.usage },
            ...r.model !== void 0 && { model: r.model },
            keyId: ref.id,
            source: "openrouter-activity"
          })
        );
      });
      return perDay.flat();
    }
  };
}
function activityDays(window, now2) {
  const dayMs = 864e5;
  const today = Math.floor(now2.getTime() / dayMs) * dayMs;
  const oldest = today - ACTIVITY_DAYS * dayMs;
  const start = Math.max(Math.floor(Date.parse(window.start) / dayMs) * dayMs, oldest);
  const end = Math.min(Date.parse(window.end), today);
  const out = [];
  for (let t = start; t < end; t += dayMs) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
var OPENROUTER_BASE_URL, PAGE2, ACTIVITY_DAYS, RESETS;
var init_openrouter2 = __esm({
  "src/providers/openrouter.ts"() {
    "use strict";
    init_secret();
    init_common();
    init_compatible_kit();
    OPENROUTER_BASE_URL = "https://openrouter.ai/api/v1";
    PAGE2 = 100;
    ACTIVITY_DAYS = 30;
    RESETS = /* @__PURE__ */ new Set(["daily", "weekly", "monthly"]);
  }
});

// src/providers/webhook.ts
import { createHmac } from "node:crypto";
function signWebhookBody(body2, secret) {
  const k = typeof secret === "string" ? secret : secret.reveal();
  return `sha256=${createHmac("sha256", k).update(body2).digest("hex")}`;
}
function createWebhookProvider(settings) {
  const id = settings.id ?? "webhook";
  const upstream = settings.upstream ?? id;
  const client = createClient(settings);
  const header = settings.headerName ?? "X-Keyguard-Signature";
  const tsHeader = settings.timestampHeader ?? "X-Keyguard-Timestamp";
  const clock = settings.now ?? (() => /* @__PURE__ */ new Date());
  const hmacKey = typeof settings.secret === "string" ? new Secret(settings.secret) : settings.secret;
  async function send(url, payload) {
    const timestamp = Math.floor(clock().getTime() / 1e3);
    const body2 = JSON.stringify({ ...payload, provider: upstream, timestamp });
    const action = String(payload.action);
    try {
      const res = await client.request({
        method: "POST",
        url,
        body: body2,
        // Disable and delete may be repeated; a repeated create would make a second key.
        idempotent: action !== "create",
        headers: {
          "content-type": "application/json",
          [header]: signWebhookBody(body2, hmacKey),
          [tsHeader]: String(timestamp)
        }
      });
      return ensureOk(id, `POST webhook (${action})`, res, [hmacKey]);
    } catch (err) {
      throw scrubError(err, [hmacKey]);
    }
  }
  return {
    id,
    displayName: settings.displayName ?? "Webhook",
    capabilities: { verify: true, liveness: false, locate: true, create: true, disable: true, usage: false },
    limitations: [
      "Verification is not delegated: the leaked key is never sent to the webhook, so liveness is unknown.",
      "The receiver enforces the policy; keyguard cannot check what it applied.",
      "No usage data."
    ],
    async verify() {
      return {
        status: "unknown",
        provider: id,
        endpoint: "(none)",
        detail: "the webhook provider does not verify keys; the key was not sent",
        checkedAt: now()
      };
    },
    // The receiver identifies the key by fingerprint (and the redacted form for humans).
    async locate(key) {
      return { status: "found", ref: { provider: id, id: key.fingerprint, redactedValue: key.redacted } };
    },
    async create(policy, near) {
      const res = await send(settings.createUrl, { action: "create", keyRef: near ?? null, policy });
      const j = res.json;
      if (typeof j?.key !== "string" || typeof j.id !== "string" && typeof j.id !== "number") {
        throw new ProviderApiError(id, "POST webhook (create)", "the answer needs {id, key}", res.status);
      }
      const manual = Array.isArray(j.manual) ? j.manual.filter((m) => typeof m === "string") : [];
      return {
        ref: { provider: id, id: String(j.id), name: policy.name },
        secret: new Secret(j.key),
        manual
      };
    },
    async disable(ref) {
      await send(settings.disableUrl, { action: "disable", keyRef: ref });
    },
    async delete(ref) {
      await send(settings.deleteUrl ?? settings.disableUrl, { action: "delete", keyRef: ref });
    }
  };
}
var init_webhook = __esm({
  "src/providers/webhook.ts"() {
    "use strict";
    init_secret();
    init_compatible_kit();
  }
});

// src/providers/registry.ts
function withId(p, id) {
  if (p.id === id) return p;
  return Object.assign(Object.create(Object.getPrototypeOf(p)), p, { id });
}
function createProviders(config = {}, defaults2 = {}) {
  const out = /* @__PURE__ */ new Map();
  for (const id of PROVIDER_IDS) {
    if (NEEDS_CONFIG.has(id) || config[id]) continue;
    out.set(id, FACTORIES[id]({ ...defaults2 }, id));
  }
  for (const [id, entry] of Object.entries(config)) {
    if (entry.enabled === false) {
      out.delete(id);
      continue;
    }
    const type = entry.type ?? id;
    const factory = FACTORIES[type];
    if (!factory) {
      throw new ConfigError(
        `unknown provider "${type}" (config key ${id}); known: ${PROVIDER_IDS.join(", ")}; use type: for a second instance`
      );
    }
    out.set(id, withId(factory({ ...defaults2, ...entry }, id), id));
  }
  return out;
}
var DEFAULT_BASE_URLS, FACTORIES, PROVIDER_IDS, NEEDS_CONFIG;
var init_registry = __esm({
  "src/providers/registry.ts"() {
    "use strict";
    init_errors();
    init_anthropic2();
    init_compatible();
    init_deepseek2();
    init_litellm2();
    init_openai2();
    init_openrouter2();
    init_webhook();
    DEFAULT_BASE_URLS = {
      openai: OPENAI_DEFAULT_BASE,
      anthropic: ANTHROPIC_DEFAULT_BASE,
      deepseek: DEEPSEEK_BASE_URL,
      openrouter: OPENROUTER_BASE_URL,
      ...Object.fromEntries(Object.values(COMPATIBLE_PROVIDERS).map((o) => [o.id, o.defaultBaseUrl]))
    };
    FACTORIES = {
      openai: (s) => createOpenAIProvider(s),
      anthropic: (s) => createAnthropicProvider(s),
      deepseek: (s) => createDeepSeekProvider(s),
      openrouter: (s) => createOpenRouterProvider(s),
      litellm: (s, id) => withId(createLiteLLMProvider(s), id),
      webhook: (s, id) => {
        if (!s.createUrl || !s.disableUrl || !s.secret) {
          throw new ConfigError(`provider ${id}: a webhook needs createUrl, disableUrl and secret`);
        }
        return createWebhookProvider({
          ...s,
          id,
          createUrl: s.createUrl,
          disableUrl: s.disableUrl,
          secret: s.secret
        });
      },
      ...Object.fromEntries(
        Object.keys(COMPATIBLE_PROVIDERS).map((id) => [
          id,
          (s) => createBuiltinCompatible(id, s)
        ])
      )
    };
    PROVIDER_IDS = Object.keys(FACTORIES);
    NEEDS_CONFIG = /* @__PURE__ */ new Set(["litellm", "webhook"]);
  }
});

// src/pipeline/providers.ts
function buildProviders(config, wiring = {}) {
  const merged = {};
  for (const [id, raw] of Object.entries(config.providers)) {
    const entry = { ...raw };
    const secretEnv = raw.secretEnv;
    const value = typeof secretEnv === "string" ? wiring.env?.[secretEnv] : void 0;
    if (value) {
      wiring.mask?.(value);
      entry.secret = value;
    }
    merged[id] = entry;
  }
  for (const [id, url] of Object.entries(wiring.baseUrls ?? {})) {
    if (url) merged[id] = { ...merged[id], baseUrl: url };
  }
  for (const [id, key] of Object.entries(wiring.adminKeys ?? {})) {
    if (key) merged[id] = { ...merged[id], adminKey: key };
  }
  return createProviders(merged, wiring.defaults);
}
function verifyOptionsFrom(config) {
  return {
    concurrency: config.verify.concurrency,
    budgetMs: (config.verify.timeoutSeconds ?? 180) * 1e3
  };
}
var BASE_URL_PROVIDERS;
var init_providers = __esm({
  "src/pipeline/providers.ts"() {
    "use strict";
    init_registry();
    BASE_URL_PROVIDERS = [
      "openai",
      "anthropic",
      "deepseek",
      "dashscope",
      "openrouter",
      "litellm",
      "moonshot",
      "siliconflow",
      "groq",
      "perplexity",
      "xai",
      "stripe"
    ];
  }
});

// src/pipeline/rules-meta.ts
function ruleLookup(config) {
  const meta = /* @__PURE__ */ new Map();
  for (const r of [...builtinRules(), ...optionalRules()]) meta.set(r.id, { description: r.description });
  meta.set(WORKFLOW_RULE_ID, {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub expression syntax, not a template
    description: "A literal API key in a GitHub Actions workflow where ${{ secrets.NAME }} belongs"
  });
  for (const c of config?.rules.custom ?? [])
    meta.set(c.id, { description: c.description ?? `Custom rule ${c.id}` });
  return (id) => meta.get(id);
}
var init_rules_meta = __esm({
  "src/pipeline/rules-meta.ts"() {
    "use strict";
    init_rules();
    init_workflows();
  }
});

// src/pipeline/scan.ts
import { spawn as spawn2 } from "node:child_process";
function onlyFile(paths, file) {
  if (file === void 0) return paths;
  return { include: (rel) => rel === file && (paths.include?.(rel) ?? true), includeDir: () => false };
}
async function runScan(run) {
  const started2 = Date.now();
  const detector = detectorOptionsFrom(run.config);
  const paths = onlyFile(scanPathFilters(run.config), run.file);
  const base = { root: run.root, detector, threads: run.threads, ...paths };
  let result;
  switch (run.target.kind) {
    case "tree":
      result = await scan({ ...base, mode: "tree" });
      break;
    case "history":
      result = await scan({ ...base, mode: "history" });
      break;
    case "range":
      result = await scan({ ...base, mode: "range", range: run.target.range, branch: run.target.branch });
      break;
    case "sweep": {
      const tree = await scan({ ...base, mode: "tree" });
      const history = await scan({ ...base, mode: "history" });
      result = mergeTreeAndHistory(tree, history);
      break;
    }
    case "staged":
      result = await scanStaged(run.root, new Detector(detector), paths.include);
      break;
    case "stream":
      result = await scanStream(run.target.input, run.target.name, new Detector(detector));
      break;
  }
  result.stats.durationMs = Date.now() - started2;
  const allowed = applyFilters(result.findings, run.config);
  const inBaseline = run.baseline ? baselineMatcher(run.baseline) : void 0;
  const newFindings = inBaseline ? allowed.kept.filter((f) => !inBaseline(f)) : allowed.kept;
  result.stats.suppressed += allowed.suppressed;
  return {
    result: { ...result, findings: allowed.kept },
    findings: allowed.kept,
    newFindings,
    baselined: allowed.kept.length - newFindings.length
  };
}
function mergeTreeAndHistory(tree, history) {
  const introduced = /* @__PURE__ */ new Map();
  for (const h of history.findings) {
    const k = h.fingerprint;
    if (!introduced.has(k)) introduced.set(k, h);
  }
  const inTree = /* @__PURE__ */ new Set();
  const findings = [];
  for (const t of tree.findings) {
    const h = introduced.get(t.fingerprint);
    inTree.add(t.fingerprint);
    findings.push(h?.commit ? { ...t, commit: { ...h.commit } } : t);
  }
  for (const h of history.findings) if (!inTree.has(h.fingerprint)) findings.push(h);
  return {
    findings,
    warnings: [...tree.warnings, ...history.warnings],
    stats: {
      files: tree.stats.files,
      bytes: tree.stats.bytes + history.stats.bytes,
      commits: history.stats.commits,
      durationMs: tree.stats.durationMs + history.stats.durationMs,
      suppressed: tree.stats.suppressed + history.stats.suppressed
    }
  };
}
function addHits(hits, keys, file) {
  let suppressed = 0;
  for (const key of keys) {
    if (key.inlineAllowed) suppressed++;
    else hits.push({ key, file, source: "tree" });
  }
  return suppressed;
}
async function scanStream(input, name, det) {
  const search = new StreamSearch(det);
  for await (const chunk of input) search.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  search.end();
  const hits = [];
  const suppressed = addHits(hits, search.keys, name);
  return {
    findings: hits.map(toFinding).sort(compareFindings),
    warnings: [],
    stats: { files: 1, bytes: search.bytes, durationMs: 0, suppressed }
  };
}
async function scanStaged(root, det, include) {
  const hits = [];
  const warnings = [];
  let suppressed = 0;
  let bytes = 0;
  const files = /* @__PURE__ */ new Set();
  const prefix2 = await subdirectoryOf(root);
  const parser = new DiffParser({
    onBlock(b) {
      const path2 = belowRoot(b.path, prefix2);
      if (path2 === void 0 || include && !include(path2)) return;
      files.add(path2);
      const text = b.lines.join("\n");
      bytes += text.length;
      if (!det.mightMatch(text)) return;
      suppressed += addHits(hits, det.scan(text, b.firstLine), path2);
    }
  });
  await new Promise((resolve3, reject) => {
    const child = spawn2(
      "git",
      [
        "-c",
        "core.quotePath=false",
        "diff",
        "--cached",
        "-U0",
        "--no-color",
        "--no-ext-diff",
        "--no-renames",
        "--",
        "."
      ],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"] }
    );
    let err = "";
    let rest = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const l of lines) parser.line(l);
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", reject);
    child.on("close", (code2) => {
      if (rest) parser.line(rest);
      parser.end();
      if (code2 === 0) resolve3();
      else reject(new Error(`git diff --cached failed: ${err.trim().split("\n")[0] ?? `exit ${code2}`}`));
    });
  });
  return {
    findings: hits.map(toFinding),
    warnings,
    stats: { files: files.size, bytes, durationMs: 0, suppressed }
  };
}
var init_scan = __esm({
  "src/pipeline/scan.ts"() {
    "use strict";
    init_wiring();
    init_findings();
    init_engine();
    init_filters();
    init_detector();
    init_diff();
    init_git();
    init_searcher();
  }
});

// src/report/common.ts
function providerName2(provider) {
  const names = provider.split("|").filter(Boolean).map((p) => PROVIDER_NAMES[p] ?? p);
  if (names.length === 0) return "unknown provider";
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}
function keyConsoleUrl(provider) {
  return KEY_CONSOLES[provider.split("|")[0]];
}
function compareByLocation(a, b) {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}
function sortByLocation(findings) {
  return [...findings].sort(compareByLocation);
}
function groupByFile(findings) {
  const groups = /* @__PURE__ */ new Map();
  for (const f of sortByLocation(findings)) {
    const list = groups.get(f.file);
    if (list) list.push(f);
    else groups.set(f.file, [f]);
  }
  return [...groups];
}
function urgency(f) {
  const status = f.verification?.status;
  const inHistoryOnly = f.source === "history";
  if (status === "live") return inHistoryOnly ? 1 : 0;
  if (status === "revoked") return inHistoryOnly ? 5 : 4;
  return inHistoryOnly ? 3 : 2;
}
function sortByUrgency(findings) {
  return [...findings].sort((a, b) => urgency(a) - urgency(b) || compareByLocation(a, b));
}
function countFindings(findings) {
  const c = { findings: findings.length, files: 0, live: 0, revoked: 0, unknown: 0, unverified: 0 };
  c.files = new Set(findings.map((f) => f.file)).size;
  for (const f of findings) {
    const s = f.verification?.status;
    if (s === "live") c.live++;
    else if (s === "revoked") c.revoked++;
    else if (s === "unknown") c.unknown++;
    else c.unverified++;
  }
  return c;
}
function formatCount(n) {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
function plural2(n, one, many = `${one}s`) {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
function formatBytes(bytes) {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = bytes;
  let u = 0;
  while (v >= 1e3 && u < units.length - 1) {
    v /= 1e3;
    u++;
  }
  const shown = u === 0 || v >= 10 ? String(Math.round(v)) : v.toFixed(1);
  return `${shown} ${units[u]}`;
}
function formatDuration(ms) {
  const s = ms / 1e3;
  return s >= 100 ? `${Math.round(s)} s` : `${s.toFixed(1)} s`;
}
function shortSha(sha) {
  return sha.slice(0, 7);
}
function shortDate(iso2) {
  return /^\d{4}-\d{2}-\d{2}/.test(iso2) ? iso2.slice(0, 10) : iso2;
}
function safeText(text, findings) {
  return scrub(
    text,
    findings.map((f) => f.secret)
  );
}
function verdict(f) {
  return f.verification?.status ?? "unverified";
}
var TOOL_NAME, PROVIDER_NAMES, KEY_CONSOLES;
var init_common2 = __esm({
  "src/report/common.ts"() {
    "use strict";
    init_secret();
    TOOL_NAME = "keyguard";
    PROVIDER_NAMES = {
      openai: "OpenAI",
      anthropic: "Anthropic",
      deepseek: "DeepSeek",
      dashscope: "DashScope",
      openrouter: "OpenRouter",
      moonshot: "Moonshot",
      siliconflow: "SiliconFlow",
      litellm: "LiteLLM",
      stripe: "Stripe",
      groq: "Groq",
      xai: "xAI",
      perplexity: "Perplexity",
      zhipu: "Zhipu"
    };
    KEY_CONSOLES = {
      openai: "https://platform.openai.com/api-keys",
      anthropic: "https://console.anthropic.com/settings/keys",
      openrouter: "https://openrouter.ai/settings/keys",
      deepseek: "https://platform.deepseek.com/api_keys",
      stripe: "https://dashboard.stripe.com/apikeys"
    };
  }
});

// src/report/annotations.ts
var init_annotations = __esm({
  "src/report/annotations.ts"() {
    "use strict";
    init_common2();
  }
});

// src/report/json.ts
function commitOf(c) {
  const out = { sha: c.sha, author: c.author, email: c.email, date: c.date };
  if (c.laterCommits !== void 0) out.laterCommits = c.laterCommits;
  return out;
}
function verificationOf(v, f) {
  const out = {
    status: v.status,
    provider: v.provider,
    endpoint: v.endpoint,
    detail: safeText(v.detail, [f]),
    checkedAt: v.checkedAt
  };
  if (v.httpStatus !== void 0) out.httpStatus = v.httpStatus;
  if (v.errorCode !== void 0) out.errorCode = v.errorCode;
  if (v.restricted !== void 0) out.restricted = v.restricted;
  return out;
}
function toJsonFinding(f) {
  const out = {
    ruleId: f.ruleId,
    provider: f.provider,
    candidates: [...f.candidates],
    description: f.description,
    file: f.file,
    line: f.line,
    column: f.column,
    redacted: f.redacted,
    fingerprint: f.fingerprint,
    source: f.source
  };
  if (f.encoding) out.encoding = f.encoding;
  if (f.message) out.message = safeText(f.message, [f]);
  if (f.commit) out.commit = commitOf(f.commit);
  if (f.verification) out.verification = verificationOf(f.verification, f);
  return out;
}
function buildJsonReport(data, opts) {
  const c = countFindings(data.findings);
  const s = data.stats ?? {};
  const summary = {
    ...c,
    suppressed: s.suppressed ?? 0,
    baselined: data.baselined ?? 0
  };
  if (s.files !== void 0) summary.scannedFiles = s.files;
  if (s.bytes !== void 0) summary.scannedBytes = s.bytes;
  if (s.commits !== void 0) summary.commits = s.commits;
  if (s.durationMs !== void 0) summary.durationMs = s.durationMs;
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: opts.version },
    summary,
    findings: sortByLocation(data.findings).map(toJsonFinding),
    warnings: (data.warnings ?? []).map((w) => {
      const out = { message: safeText(w.message, data.findings) };
      if (w.file !== void 0) out.file = w.file;
      if (w.line !== void 0) out.line = w.line;
      return out;
    })
  };
}
function renderJson2(data, opts) {
  return `${JSON.stringify(buildJsonReport(data, opts), null, opts.pretty === false ? void 0 : 2)}
`;
}
var JSON_REPORT_VERSION;
var init_json = __esm({
  "src/report/json.ts"() {
    "use strict";
    init_common2();
    JSON_REPORT_VERSION = 1;
  }
});

// src/report/sarif.ts
function toUriReference(path2) {
  return path2.replace(/\\/g, "/").split("/").map((s) => encodeURIComponent(s)).join("/");
}
function helpFor(f, description) {
  const name = providerName2(f.provider);
  const console2 = keyConsoleUrl(f.provider);
  const steps = [
    [
      `Revoke or rotate the key at ${name}${console2 ? ` (${console2})` : ""}: once a key is in a repository, treat it as public. keyguard's rotate mode replaces it and updates the GitHub secret for providers with an admin API.`,
      `Revoke or rotate the key at ${console2 ? `[${name}](${console2})` : name}: once a key is in a repository, treat it as public. keyguard's rotate mode replaces it and updates the GitHub secret for providers with an admin API.`
    ],
    [
      "Load the new key from a secret store or environment variable (in GitHub Actions: a repository, environment or organization secret), never from a committed file.",
      "Load the new key from a secret store or environment variable (in GitHub Actions: a repository, environment or organization secret), never from a committed file."
    ],
    [
      "Remove the old value from the code and, if the repository is or was shared, from the git history (git filter-repo --replace-text), then have collaborators re-clone.",
      "Remove the old value from the code and, if the repository is or was shared, from the git history (`git filter-repo --replace-text`), then have collaborators re-clone."
    ],
    [
      "Check the provider usage for calls you did not make while the key was exposed.",
      "Check the provider usage for calls you did not make while the key was exposed."
    ],
    [
      "If the finding is a test value you accept, add its fingerprint to .keyguard.yml (allowlist.fingerprints) or to the baseline.",
      "If the finding is a test value you accept, add its fingerprint to `.keyguard.yml` (`allowlist.fingerprints`) or to the baseline."
    ]
  ];
  return {
    text: `${description}. ${steps.map(([t], i) => `${i + 1}. ${t}`).join(" ")}`,
    markdown: [
      `**${description}**: a ${name} credential found in the repository.`,
      "",
      ...steps.map(([, m], i) => `${i + 1}. ${m}`)
    ].join("\n")
  };
}
function ruleEntry(ruleId, sample, meta) {
  const description = meta?.description ?? sample.description;
  const providers = sample.provider.split("|").filter(Boolean);
  const rule = { id: ruleId };
  if (meta?.name) rule.name = meta.name;
  rule.shortDescription = { text: description };
  rule.fullDescription = {
    text: meta?.fullDescription ?? `${description}: a ${providerName2(sample.provider)} credential committed to the repository. Anyone who can read the repository or its history can use it until it is revoked.`
  };
  rule.defaultConfiguration = { level: "error" };
  if (meta?.helpUri) rule.helpUri = meta.helpUri;
  rule.help = helpFor(sample, description);
  rule.properties = {
    tags: [
      .../* @__PURE__ */ new Set([
        "security",
        "secret",
        "credential",
        "external/cwe/cwe-798",
        ...providers,
        ...meta?.tags ?? []
      ])
    ],
    precision: "high",
    "problem.severity": "error",
    "security-severity": (meta?.securitySeverity ?? DEFAULT_SECURITY_SEVERITY).toFixed(1)
  };
  return rule;
}
function messageFor(f) {
  let text = `Leaked ${providerName2(f.provider)} key ${f.redacted}`;
  const v = f.verification;
  if (v?.status === "live") text += ` is LIVE: ${v.detail}`;
  else if (v?.status === "revoked") text += ` (revoked: ${v.detail})`;
  else if (v?.status === "unknown") text += ` (liveness unknown: ${v.detail})`;
  if (f.source === "history" && f.commit) text += ` Found in history at commit ${f.commit.sha.slice(0, 7)}.`;
  if (f.encoding) text += ` Encoded as ${f.encoding}.`;
  if (f.message) text += ` ${f.message}`;
  return safeText(text, [f]);
}
function resultFor(f, ruleIndex) {
  const region = { startLine: f.line, startColumn: f.column };
  if (!f.encoding) {
    region.endLine = f.line;
    region.endColumn = f.column + f.secret.length;
  }
  const properties = {
    provider: f.provider,
    candidates: [...f.candidates],
    redacted: f.redacted,
    verification: verdict(f),
    source: f.source
  };
  if (f.verification?.httpStatus !== void 0) properties.httpStatus = f.verification.httpStatus;
  if (f.commit) properties.commit = f.commit.sha;
  if (f.encoding) properties.encoding = f.encoding;
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: "error",
    message: { text: messageFor(f) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUriReference(f.file), uriBaseId: "%SRCROOT%" },
          region
        }
      }
    ],
    partialFingerprints: { "keyguard/v1": f.fingerprint },
    properties
  };
}
function buildSarif(data, opts) {
  const max = opts.maxResults ?? MAX_SARIF_RESULTS;
  const all = data.findings;
  const findings = sortByLocation(all.length > max ? sortByUrgency(all).slice(0, max) : all);
  const ruleIndex = /* @__PURE__ */ new Map();
  const rules = [];
  for (const f of findings) {
    if (ruleIndex.has(f.ruleId)) continue;
    ruleIndex.set(f.ruleId, rules.length);
    rules.push(ruleEntry(f.ruleId, f, opts.rules?.(f.ruleId)));
  }
  const notifications = (data.warnings ?? []).map((w) => {
    const n = { level: "warning", message: { text: safeText(w.message, all) } };
    if (w.file) {
      const region = w.line ? { region: { startLine: w.line } } : {};
      n.locations = [
        {
          physicalLocation: {
            artifactLocation: { uri: toUriReference(w.file), uriBaseId: "%SRCROOT%" },
            ...region
          }
        }
      ];
    }
    return n;
  });
  if (all.length > max) {
    notifications.push({
      level: "warning",
      message: {
        text: `${all.length - max} findings left out: code scanning accepts at most ${max} results per run (the most urgent are kept; the JSON report has all).`
      }
    });
  }
  const run = {
    tool: {
      driver: {
        name: TOOL_NAME,
        version: opts.version,
        ...SEMVER.test(opts.version) ? { semanticVersion: opts.version } : {},
        informationUri: opts.informationUri ?? DEFAULT_INFORMATION_URI,
        rules
      }
    },
    invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
    columnKind: "utf16CodeUnits",
    results: findings.map((f) => resultFor(f, ruleIndex.get(f.ruleId)))
  };
  if (opts.srcRoot) {
    run.originalUriBaseIds = {
      "%SRCROOT%": { uri: opts.srcRoot.endsWith("/") ? opts.srcRoot : `${opts.srcRoot}/` }
    };
  }
  return { $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] };
}
function renderSarif(data, opts) {
  return `${JSON.stringify(buildSarif(data, opts), null, 2)}
`;
}
var SARIF_SCHEMA, DEFAULT_INFORMATION_URI, SEMVER, DEFAULT_SECURITY_SEVERITY, MAX_SARIF_RESULTS;
var init_sarif = __esm({
  "src/report/sarif.ts"() {
    "use strict";
    init_common2();
    SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    DEFAULT_INFORMATION_URI = "https://github.com/keyguard/keyguard";
    SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
    DEFAULT_SECURITY_SEVERITY = 9;
    MAX_SARIF_RESULTS = 25e3;
  }
});

// src/report/summary.ts
var DEFAULT_SUMMARY_BYTES, TAIL_RESERVE;
var init_summary = __esm({
  "src/report/summary.ts"() {
    "use strict";
    init_common2();
    DEFAULT_SUMMARY_BYTES = 512 * 1024;
    TAIL_RESERVE = 16 * 1024;
  }
});

// src/report/text.ts
function painter(color) {
  return (text, ...styles) => color && text ? styles.reduce((t, s) => `\x1B[${CODES[s][0]}m${t}\x1B[${CODES[s][1]}m`, text) : text;
}
function clean(s) {
  return s.replace(/[\x00-\x1f\x7f-\x9f]/g, "?");
}
function commitNote(f) {
  if (!f.commit) return "";
  const c = f.commit;
  const who = c.author ? ` by ${clean(c.author)}` : "";
  const when = c.date ? `, ${shortDate(c.date)}` : "";
  const verb = f.source === "history" ? "in history at" : "introduced in";
  const later = c.laterCommits ? `; still in ${plural2(c.laterCommits, "later commit")}` : "";
  return `(${verb} ${shortSha(c.sha)}${who}${when}${later})`;
}
function renderText2(data, opts) {
  const paint = painter(opts.color);
  const out = [];
  for (const [file, findings] of groupByFile(data.findings)) {
    out.push(paint(clean(file), "bold"));
    const locs = findings.map((f) => `${f.line}:${f.column}`);
    const locWidth = Math.max(...locs.map((l) => l.length));
    const ruleWidth = Math.max(...findings.map((f) => f.ruleId.length));
    const keyWidth = Math.max(...findings.map((f) => f.redacted.length));
    findings.forEach((f, i) => {
      const status = verdict(f);
      const cells = [
        paint(locs[i].padEnd(locWidth), "dim"),
        paint(f.ruleId.padEnd(ruleWidth), "cyan"),
        f.redacted.padEnd(keyWidth)
      ];
      if (status === "live") cells.push(paint("LIVE", "red", "bold"));
      else if (status === "revoked") cells.push(paint("revoked", "green"));
      else if (status === "unknown") cells.push(paint("unknown", "yellow"));
      const tags = [f.source === "history" ? "history" : "", f.encoding ?? ""].filter(Boolean);
      if (tags.length) cells.push(paint(`[${tags.join(", ")}]`, "dim"));
      const note = commitNote(f);
      if (note) cells.push(paint(note, "dim"));
      out.push(`  ${cells.join("  ")}`.trimEnd());
      const details = [f.verification?.detail, f.message].filter((d) => Boolean(d));
      for (const d of details)
        out.push(`  ${" ".repeat(locWidth)}  ${paint(`\u21B3 ${clean(safeText(d, [f]))}`, "dim")}`);
    });
    out.push("");
  }
  const warnings = data.warnings ?? [];
  if (warnings.length > 0) {
    out.push(paint(`${plural2(warnings.length, "warning")}:`, "yellow"));
    for (const w of warnings) {
      const where = w.file ? `${clean(w.file)}${w.line ? `:${w.line}` : ""}: ` : "";
      out.push(`  ${where}${clean(safeText(w.message, data.findings))}`);
    }
    out.push("");
  }
  out.push(summaryLine(data, paint));
  return `${out.join("\n")}
`;
}
function summaryLine(data, paint) {
  const c = countFindings(data.findings);
  let head;
  if (c.findings === 0) head = paint("No leaked keys", "green", "bold");
  else {
    head = paint(`${plural2(c.findings, "leaked key")} in ${plural2(c.files, "file")}`, "red", "bold");
    if (c.findings > c.unverified) head += ` (${formatCount(c.live)} live)`;
  }
  const parts = [head];
  const s = data.stats;
  if (s && s.files !== void 0) {
    let scanned = plural2(s.files, "file");
    if (s.bytes !== void 0) scanned += `, ${formatBytes(s.bytes)}`;
    if (s.commits) scanned += `, ${plural2(s.commits, "commit")}`;
    if (s.durationMs !== void 0) scanned += ` in ${formatDuration(s.durationMs)}`;
    parts.push(scanned);
  }
  const dropped = [];
  if (s?.suppressed) dropped.push(`${formatCount(s.suppressed)} suppressed`);
  if (data.baselined) dropped.push(`${formatCount(data.baselined)} baselined`);
  if (dropped.length) parts.push(dropped.join(", "));
  return parts.join(" \xB7 ");
}
var CODES;
var init_text = __esm({
  "src/report/text.ts"() {
    "use strict";
    init_common2();
    CODES = {
      bold: [1, 22],
      dim: [2, 22],
      red: [31, 39],
      yellow: [33, 39],
      green: [32, 39],
      cyan: [36, 39]
    };
  }
});

// src/report/index.ts
var init_report = __esm({
  "src/report/index.ts"() {
    "use strict";
    init_annotations();
    init_common2();
    init_json();
    init_sarif();
    init_summary();
    init_text();
  }
});

// src/verify/limiter.ts
var Limiter;
var init_limiter = __esm({
  "src/verify/limiter.ts"() {
    "use strict";
    Limiter = class {
      constructor(concurrency, minIntervalMs = 0) {
        this.concurrency = concurrency;
        this.minIntervalMs = minIntervalMs;
        if (!(concurrency >= 1)) throw new RangeError("concurrency must be at least 1");
      }
      concurrency;
      minIntervalMs;
      #active = 0;
      #waiting = [];
      #nextStart = 0;
      get active() {
        return this.#active;
      }
      /** Starts nothing new for `ms` (a provider that answered 429: let it breathe before the next key). */
      pause(ms) {
        this.#nextStart = Math.max(this.#nextStart, Date.now() + ms);
      }
      async run(fn) {
        if (this.#active >= this.concurrency) {
          await new Promise((resolve3) => this.#waiting.push(resolve3));
        } else {
          this.#active++;
        }
        try {
          if (this.minIntervalMs > 0 || this.#nextStart > Date.now()) {
            const now2 = Date.now();
            const at = Math.max(now2, this.#nextStart);
            this.#nextStart = at + this.minIntervalMs;
            if (at > now2) await new Promise((r) => setTimeout(r, at - now2));
          }
          return await fn();
        } finally {
          const next = this.#waiting.shift();
          if (next) next();
          else this.#active--;
        }
      }
    };
  }
});

// src/verify/verify.ts
function unknown(provider, detail, endpoint = "(none)") {
  return { status: "unknown", provider, endpoint, detail, checkedAt: stamp() };
}
async function beforeDeadline(p, deadline, onTimeout) {
  if (deadline === void 0) return p;
  const left = deadline - Date.now();
  if (left <= 0) return onTimeout();
  let timer;
  const timeout = new Promise((resolve3) => {
    timer = setTimeout(() => resolve3(onTimeout()), left);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
async function ask(provider, secret) {
  try {
    return await provider.verify(secret);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return unknown(provider.id, `verification failed: ${sanitize(msg, [secret])}`);
  }
}
async function verifyKey(secret, candidates, providers, opts = {}) {
  const label = candidates.join("|") || "(none)";
  const answers = [];
  const missing = [];
  let outOfTime = false;
  for (const id of candidates) {
    const provider = providers.get(id);
    if (!provider) {
      missing.push(id);
      continue;
    }
    if (opts.deadline !== void 0 && Date.now() >= opts.deadline) {
      outOfTime = true;
      break;
    }
    const call = () => ask(provider, secret);
    const run = opts.limiterFor ? opts.limiterFor(id).run(call) : call();
    const v = await beforeDeadline(run, opts.deadline, () => unknown(id, BUDGET_EXHAUSTED));
    if (v.httpStatus === 429 && v.status === "unknown") opts.onRateLimited?.(id);
    if (v.status === "live") return v;
    answers.push(v);
    if (v.detail === BUDGET_EXHAUSTED) {
      outOfTime = true;
      break;
    }
  }
  if (answers.length === 0) {
    if (outOfTime) return unknown(label, BUDGET_EXHAUSTED);
    return unknown(label, `no verifier configured for ${missing.join(", ") || label}`);
  }
  const asked = answers.length;
  const allRevoked = answers.every((a) => a.status === "revoked") && !outOfTime;
  if (allRevoked && missing.length === 0) {
    if (asked === 1) return answers[0];
    const first = answers[0];
    return {
      ...first,
      provider: label,
      detail: `rejected by every candidate: ${answers.map((a) => `${a.provider} (${a.httpStatus ?? "?"})`).join(", ")}`
    };
  }
  const doubt = answers.find((a) => a.status === "unknown") ?? answers[0];
  if (asked === 1 && missing.length === 0 && (!outOfTime || doubt.detail === BUDGET_EXHAUSTED)) return doubt;
  const why = [
    ...answers.map((a) => `${a.provider}: ${a.status}${a.httpStatus ? ` (${a.httpStatus})` : ""}`),
    ...missing.map((m) => `${m}: no verifier configured`),
    ...outOfTime ? [BUDGET_EXHAUSTED] : []
  ].join("; ");
  return {
    ...doubt,
    status: "unknown",
    provider: asked === 1 && missing.length === 0 ? doubt.provider : label,
    detail: doubt.status === "unknown" ? `${doubt.detail} (${why})` : `not confirmed by every candidate (${why})`
  };
}
async function verifyFindings(findings, providers, opts = {}) {
  const deadline = opts.budgetMs !== void 0 ? Date.now() + opts.budgetMs : void 0;
  const groups = /* @__PURE__ */ new Map();
  for (const f of findings) {
    const fp = f.fingerprint || f.secret.fingerprint;
    let g = groups.get(fp);
    if (!g) {
      g = { secret: f.secret, candidates: [], findings: [] };
      groups.set(fp, g);
    }
    const cands = f.candidates.length ? f.candidates : f.provider.split("|").filter(Boolean);
    for (const c of cands) if (!g.candidates.includes(c)) g.candidates.push(c);
    g.findings.push(f);
  }
  const limiters = /* @__PURE__ */ new Map();
  const rateOf = (id) => ({ ...opts.rates?.default, ...opts.rates?.[id] });
  const limiterFor = (id) => {
    let l = limiters.get(id);
    if (!l) {
      const r = rateOf(id);
      l = new Limiter(r.concurrency ?? 2, r.minIntervalMs ?? 0);
      limiters.set(id, l);
    }
    return l;
  };
  const onRateLimited = (id) => limiterFor(id).pause(rateOf(id).cooldownMs ?? 2e3);
  const entries = [...groups.entries()];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < entries.length) {
      const [fp, g] = entries[next++];
      const v = deadline !== void 0 && Date.now() >= deadline ? unknown(g.candidates.join("|"), BUDGET_EXHAUSTED) : await verifyKey(g.secret, g.candidates, providers, { deadline, limiterFor, onRateLimited });
      for (const f of g.findings) {
        f.verification = { ...v };
        if (v.status === "live" && g.candidates.includes(v.provider)) f.provider = v.provider;
      }
      done++;
      opts.onProgress?.({ done, total: entries.length, fingerprint: fp, verification: v });
    }
  };
  const workers = Math.max(1, Math.min(opts.concurrency ?? 4, entries.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return findings;
}
var BUDGET_EXHAUSTED, stamp;
var init_verify = __esm({
  "src/verify/verify.ts"() {
    "use strict";
    init_common();
    init_limiter();
    BUDGET_EXHAUSTED = "time budget exhausted";
    stamp = () => (/* @__PURE__ */ new Date()).toISOString();
  }
});

// src/verify/index.ts
var init_verify2 = __esm({
  "src/verify/index.ts"() {
    "use strict";
    init_limiter();
    init_verify();
  }
});

// src/version.ts
var VERSION;
var init_version = __esm({
  "src/version.ts"() {
    "use strict";
    VERSION = "0.1.0";
  }
});

// src/cli/audit-provider.ts
import { resolve } from "node:path";
import { parseArgs } from "node:util";
function time(flag, v) {
  if (v === void 0) return void 0;
  const ms = parseTimestamp(v);
  if (ms === void 0) throw new InputError(`${flag} "${v}" is not a time (ISO 8601 or epoch seconds)`);
  return new Date(ms).toISOString();
}
async function auditWithProvider(argv, io) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        provider: { type: "string" },
        "key-id": { type: "string" },
        "base-url": { type: "string" },
        window: { type: "string", default: "168h" },
        end: { type: "string" },
        "leak-time": { type: "string" },
        "allow-ip": { type: "string", multiple: true },
        format: { type: "string", default: "text" },
        config: { type: "string" }
      }
    });
  } catch (err) {
    throw new InputError(err.message.split("\n")[0]);
  }
  const v = parsed.values;
  const id = String(v.provider);
  const keyId = v["key-id"];
  if (typeof keyId !== "string" || !keyId)
    throw new InputError("audit --provider needs --key-id (the provider's id of the key)");
  const adminValue = io.env.KEYGUARD_ADMIN_KEY || (ADMIN_ENV[id] ? io.env[ADMIN_ENV[id]] : void 0);
  if (!adminValue) {
    throw new InputError(
      `audit --provider ${id} needs an admin key in KEYGUARD_ADMIN_KEY${ADMIN_ENV[id] ? ` or ${ADMIN_ENV[id]}` : ""}`
    );
  }
  const windowMs = parseDuration(String(v.window));
  if (!windowMs) throw new InputError(`--window "${v.window}" is not a duration (e.g. 168h, 7d)`);
  const format = String(v.format);
  if (!["text", "json", "markdown"].includes(format))
    throw new InputError(`--format "${format}" is not text, json or markdown`);
  const config = await loadConfig(
    v.config ? resolve(io.cwd, String(v.config)) : resolve(io.cwd, ".keyguard.yml"),
    {
      required: Boolean(v.config)
    }
  );
  const baseUrls = typeof v["base-url"] === "string" ? { [id]: v["base-url"] } : {};
  const providers = buildProviders(config, {
    baseUrls,
    adminKeys: { [id]: new Secret(adminValue) },
    env: io.env
  });
  const provider = providers.get(id);
  if (!provider) throw new InputError(`--provider "${id}" is not one of ${[...providers.keys()].join(", ")}`);
  const report = await auditProvider(
    provider,
    { provider: id, id: keyId },
    {
      end: time("--end", v.end),
      windowHours: windowMs / 36e5,
      leakTime: time("--leak-time", v["leak-time"]),
      allowIps: v["allow-ip"]?.flatMap((s) => s.split(",")).filter(Boolean),
      provider: id
    }
  );
  io.stdout.write(
    format === "json" ? renderJson(report) : format === "markdown" ? renderMarkdown(report) : renderText(report)
  );
  return 0;
}
var ADMIN_ENV;
var init_audit_provider = __esm({
  "src/cli/audit-provider.ts"() {
    "use strict";
    init_provider();
    init_render();
    init_time();
    init_errors();
    init_load();
    init_providers();
    init_secret();
    ADMIN_ENV = {
      openai: "OPENAI_ADMIN_KEY",
      anthropic: "ANTHROPIC_ADMIN_KEY",
      openrouter: "OPENROUTER_MANAGEMENT_KEY",
      litellm: "LITELLM_MASTER_KEY"
    };
  }
});

// src/cli/main.ts
var main_exports = {};
__export(main_exports, {
  USAGE: () => USAGE,
  cli: () => cli,
  oneLine: () => oneLine
});
import { realpathSync as realpathSync2, statSync } from "node:fs";
import { writeFile as writeFile3 } from "node:fs/promises";
import { basename as basename2, dirname, join as join3, resolve as resolve2 } from "node:path";
import { parseArgs as parseArgs2 } from "node:util";
function baseUrlsFrom(values) {
  const out = {};
  for (const p of PROVIDER_FLAGS) {
    const v = values[`${p}-base-url`];
    if (typeof v === "string" && v) {
      try {
        new URL(v);
      } catch {
        throw new InputError(`--${p}-base-url: "${v}" is not a URL (e.g. https://api.openai.com/v1)`);
      }
      out[p] = v.replace(/\/+$/, "");
    }
  }
  return out;
}
function parse2(argv, options) {
  try {
    const { values, positionals } = parseArgs2({ args: argv, options, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (err) {
    throw new InputError(err.message.split("\n")[0]);
  }
}
async function configFor(root, file, cwd) {
  if (file) return loadConfig(resolve2(cwd, file), { required: true });
  for (const name of [".keyguard.yml", ".keyguard.yaml"]) {
    const candidate = join3(root, name);
    const cfg = await loadConfig(candidate, { required: false });
    if (cfg.source.file) return cfg;
  }
  return loadConfig(join3(root, ".keyguard.yml"), { required: false });
}
function targetFrom(values) {
  const chosen = ["history", "range", "staged", "sweep"].filter((k) => values[k]);
  if (chosen.length > 1)
    throw new InputError(`choose one of --history, --range, --staged, --sweep (got ${chosen.join(", ")})`);
  if (values.history) return { kind: "history" };
  if (values.sweep) return { kind: "sweep" };
  if (values.staged) return { kind: "staged" };
  if (typeof values.range === "string") {
    if (!/^\S+\.\.\.?\S+$/.test(values.range)) throw new InputError(`--range "${values.range}" is not A..B`);
    return { kind: "range", range: values.range };
  }
  return { kind: "tree" };
}
async function cmdScan(argv, io) {
  const { values, positionals } = parse2(argv, {
    history: { type: "boolean" },
    sweep: { type: "boolean" },
    range: { type: "string" },
    staged: { type: "boolean" },
    format: { type: "string", default: "text" },
    output: { type: "string", short: "o" },
    config: { type: "string", short: "c" },
    baseline: { type: "string" },
    verify: { type: "boolean" },
    "fail-on": { type: "string", default: "any" },
    threads: { type: "string" },
    "no-color": { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
    ...baseUrlOptions
  });
  if (positionals.length > 1) throw new InputError(`scan takes one PATH (got ${positionals.length})`);
  const format = String(values.format);
  if (!["text", "json", "sarif"].includes(format))
    throw new InputError(`--format "${format}" is not text, json or sarif`);
  const failOn = String(values["fail-on"]);
  if (!["any", "live", "never"].includes(failOn))
    throw new InputError(`--fail-on "${failOn}" is not any, live or never`);
  let threads;
  if (values.threads !== void 0) {
    threads = Number(values.threads);
    if (!Number.isInteger(threads) || threads < 1)
      throw new InputError(`--threads "${values.threads}" is not a positive whole number`);
  }
  if (failOn === "live" && !values.verify)
    io.stderr.write(
      "keyguard: --fail-on live without --verify: no key can be confirmed live, so leaks exit 0\n"
    );
  const output = typeof values.output === "string" ? outputPath(io.cwd, values.output) : void 0;
  let target = targetFrom(values);
  if (positionals[0] === "-") {
    if (target.kind !== "tree")
      throw new InputError(`--${target.kind} cannot read standard input (PATH "-")`);
    target = { kind: "stream", input: io.stdin, name: "<stdin>" };
  }
  const { root, file } = target.kind === "stream" ? { root: io.cwd } : scanPath(io.cwd, positionals[0], target);
  const config = await configFor(root, values.config, io.cwd);
  const baseline = values.baseline ? await readBaseline(resolve2(io.cwd, String(values.baseline))) : void 0;
  const outcome = await runScan({ root, file, target, config, baseline, threads });
  if (values.verify && outcome.newFindings.length) {
    const providers = buildProviders(config, { baseUrls: baseUrlsFrom(values), env: io.env });
    await verifyFindings(outcome.newFindings, providers, verifyOptionsFrom(config));
  }
  const data = { ...outcome.result, findings: outcome.newFindings, baselined: outcome.baselined };
  const toFile = output !== void 0;
  let text;
  if (format === "json") text = renderJson2(data, { version: VERSION });
  else if (format === "sarif") text = renderSarif(data, { version: VERSION, rules: ruleLookup(config) });
  else {
    const color = !toFile && Boolean(io.stdout.isTTY) && !values["no-color"] && !io.env.NO_COLOR;
    text = values.quiet && outcome.newFindings.length === 0 ? "" : renderText2(data, { color });
  }
  if (output !== void 0) {
    try {
      await writeFile3(output, text);
    } catch (err) {
      const n = outcome.newFindings.length;
      throw new InputError(
        `cannot write --output ${output} (${err.code ?? err.message}); the scan found ${n} leaked key${n === 1 ? "" : "s"}`
      );
    }
  } else io.stdout.write(text);
  return failed(outcome.newFindings, failOn) ? 1 : 0;
}
function outputPath(cwd, path2) {
  const full = resolve2(cwd, path2);
  let dirOk = false;
  try {
    dirOk = statSync(dirname(full)).isDirectory();
  } catch {
  }
  if (!dirOk) throw new InputError(`--output ${path2}: directory ${dirname(full)} does not exist`);
  return full;
}
function scanPath(cwd, path2, target) {
  const shown = path2 ?? ".";
  const full = resolve2(cwd, shown);
  let st;
  try {
    st = statSync(full);
  } catch {
  }
  if (!st) throw new InputError(`PATH "${shown}" does not exist`);
  if (st.isFile()) {
    if (target.kind !== "tree")
      throw new InputError(
        `--${target.kind} needs a directory PATH (a git checkout), not the file "${shown}"`
      );
    const real = realpathSync2(full);
    return { root: dirname(real), file: basename2(real) };
  }
  if (!st.isDirectory()) throw new InputError(`PATH "${shown}" is not a directory or a regular file`);
  return { root: full };
}
function directory(cwd, path2 = ".") {
  const root = resolve2(cwd, path2);
  let ok = false;
  try {
    ok = statSync(root).isDirectory();
  } catch {
  }
  if (!ok) throw new InputError(`PATH "${path2}" is not a directory`);
  return root;
}
function failed(findings, failOn) {
  if (failOn === "never") return false;
  if (failOn === "live") return findings.some((f) => f.verification?.status === "live");
  return findings.length > 0;
}
async function cmdBaseline(argv, io) {
  const { values, positionals } = parse2(argv, {
    output: { type: "string", short: "o" },
    history: { type: "boolean" },
    config: { type: "string", short: "c" }
  });
  const root = directory(io.cwd, positionals[0]);
  const out = outputPath(
    io.cwd,
    values.output ?? join3(root, ".keyguard-baseline.json")
  );
  const config = await configFor(root, values.config, io.cwd);
  const outcome = await runScan({ root, target: { kind: values.history ? "sweep" : "tree" }, config });
  await writeBaseline(out, outcome.findings);
  io.stderr.write(`keyguard: wrote ${outcome.findings.length} fingerprint(s) to ${out} (no keys)
`);
  return 0;
}
async function readStdin(io) {
  let text = "";
  for await (const chunk of io.stdin) {
    text += chunk.toString();
    if (text.length > 64 * 1024)
      throw new InputError("verify reads one key from stdin; got more than 64 KiB");
  }
  return text.trim();
}
async function cmdVerify(argv, io) {
  const { values } = parse2(argv, {
    provider: { type: "string" },
    config: { type: "string" },
    ...baseUrlOptions
  });
  const raw = await readStdin(io);
  if (!raw)
    throw new InputError(
      'verify reads the key from stdin (never from arguments): echo "$KEY" | keyguard verify'
    );
  if (/\s/.test(raw))
    throw new InputError("verify reads exactly one key from stdin (found whitespace inside)");
  const secret = new Secret(raw);
  const config = await configFor(io.cwd, values.config, io.cwd);
  let candidates;
  if (typeof values.provider === "string") candidates = [values.provider];
  else {
    const found = new Detector(detectorOptionsFrom(config)).scan(raw)[0];
    if (!found)
      throw new InputError(
        `${secret.redacted} does not look like a known key; name its provider with --provider`
      );
    candidates = found.candidates.length ? found.candidates : found.provider.split("|");
  }
  const providers = buildProviders(config, { baseUrls: baseUrlsFrom(values), env: io.env });
  const v = await verifyKey(secret, candidates, providers);
  const evidence = [v.endpoint, v.httpStatus, v.errorCode].filter((x) => x !== void 0 && x !== "").join(" ");
  io.stdout.write(`${v.status}	${v.provider}	${secret.redacted}	${evidence}	${v.detail}
`);
  return v.status === "live" ? 1 : v.status === "revoked" ? 0 : 3;
}
async function cli(argv, io) {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case void 0:
      case "-h":
      case "--help":
      case "help":
        io.stdout.write(USAGE);
        return command === void 0 ? 2 : 0;
      case "-v":
      case "--version":
        io.stdout.write(`${VERSION}
`);
        return 0;
      case "scan":
        if (rest.includes("--help") || rest.includes("-h")) return help(io);
        return await cmdScan(rest, io);
      case "baseline":
        if (rest.includes("--help")) return help(io);
        return await cmdBaseline(rest, io);
      case "verify":
        if (rest.includes("--help")) return help(io);
        return await cmdVerify(rest, io);
      case "audit":
        if (rest.includes("--provider")) return await auditWithProvider(rest, io);
        return await runAudit(rest, io);
      default:
        throw new InputError(
          `unknown command "${command}" (expected scan, baseline, verify or audit; see --help)`
        );
    }
  } catch (err) {
    io.stderr.write(`keyguard: ${oneLine(err)}
`);
    return 2;
  }
}
function help(io) {
  io.stdout.write(USAGE);
  return 0;
}
function oneLine(err) {
  const msg = err instanceof ConfigError || err instanceof InputError ? err.message : err instanceof Error ? err.message : String(err);
  const first = msg.split("\n")[0] ?? "";
  return first.replace(/\b(Bearer|Basic|token)\s+(?=[A-Za-z._~+/=-]*\d)[A-Za-z0-9._~+/=-]{8,}/gi, "$1 ***").replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s'"]+@/gi, "$1***@").replace(KEY_LIKE, (k) => new Secret(k).redacted);
}
var PROVIDER_FLAGS, USAGE, baseUrlOptions, KEY_LIKE;
var init_main = __esm({
  "src/cli/main.ts"() {
    "use strict";
    init_audit();
    init_errors();
    init_load();
    init_wiring();
    init_filters();
    init_providers();
    init_rules_meta();
    init_scan();
    init_report();
    init_detector();
    init_secret();
    init_verify2();
    init_version();
    init_audit_provider();
    PROVIDER_FLAGS = BASE_URL_PROVIDERS;
    USAGE = `keyguard ${VERSION}: find, verify, rotate and audit leaked sk- style API keys

Usage:
  keyguard scan [PATH | -] [--history | --range A..B | --staged | --sweep] [--format text|json|sarif]
                [--output FILE] [--config FILE] [--baseline FILE] [--verify] [--fail-on any|live|never]
                [--<provider>-base-url URL] [--threads N] [--no-color] [--quiet]
  keyguard baseline [PATH] [--output FILE] [--history] [--config FILE]
  keyguard verify [--provider ID] [--<provider>-base-url URL]     (reads one key from stdin)
  keyguard audit --csv FILE [--allow-ip CIDR \u2026] [--window 168h] [--end T] [--leak-time T] [--format text|json|markdown]
  keyguard audit --provider openai|anthropic|openrouter|litellm --key-id ID [--window 168h] [--end T]
                 (admin key from KEYGUARD_ADMIN_KEY)
  keyguard --help | --version

scan     exit 0 clean, 1 leaked keys found, 2 usage or runtime error
verify   exit 0 revoked, 1 live, 3 unknown, 2 error
Providers for --<provider>-base-url: ${PROVIDER_FLAGS.join(", ")}
`;
    baseUrlOptions = Object.fromEntries(
      PROVIDER_FLAGS.map((p) => [`${p}-base-url`, { type: "string" }])
    );
    KEY_LIKE = /(?<![A-Za-z0-9])(?:sk|rk|pk|gsk|xai|pplx|ghp|gho|ghu|ghs|ghr|github_pat)[-_][A-Za-z0-9_-]{12,}/g;
  }
});

// src/cli.ts
init_engine();
if (!maybeRunWorker()) {
  const { cli: cli2 } = await Promise.resolve().then(() => (init_main(), main_exports));
  const code2 = await cli2(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd()
  });
  process.exitCode = code2;
}
