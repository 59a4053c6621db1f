// Places a real repository puts a key. Each template returns the file text; the key (or `needle`, its
// encoded form) marks the line the finding must land on.
const b64 = (s) => Buffer.from(s).toString('base64');
const lowerEnv = (f) => f.env.toLowerCase();
const camel = (f) => f.provider.replace(/-(.)/g, (_, c) => c.toUpperCase());

/** [context id, relative path, template(key, family, rng, useHint)] */
export const POSITIVE = [
  [
    'python-config',
    'app/settings.py',
    (k, f) =>
      `import os\n\nDEBUG = os.environ.get("DEBUG") == "1"\n${f.env} = os.environ.get("${f.env}", "${k}")\nBASE_URL = "${f.url}"\n`,
  ],
  [
    'js-config',
    'web/config/index.js',
    (k, f) =>
      `module.exports = {\n  ${camel(f)}: {\n    apiKey: process.env.${f.env} || '${k}',\n    baseURL: '${f.url}',\n  },\n};\n`,
  ],
  [
    'ts-client',
    'src/llm/client.ts',
    (k, f) =>
      `import OpenAI from 'openai';\n\nexport const client = new OpenAI({\n  apiKey: "${k}",\n  baseURL: "${f.url}",\n});\n`,
  ],
  [
    'go-config',
    'internal/config/config.go',
    (k, f) =>
      `package config\n\nimport "os"\n\nconst defaultKey = "${k}"\n\nfunc APIKey() string {\n\tif v := os.Getenv("${f.env}"); v != "" {\n\t\treturn v\n\t}\n\treturn defaultKey\n}\n`,
  ],
  [
    'java-properties',
    'src/main/resources/application.properties',
    (k, f) => `server.port=8080\n${f.provider}.base-url=${f.url}\n${f.provider}.api-key=${k}\n`,
  ],
  [
    'java-source',
    'src/main/java/com/acme/LlmConfig.java',
    (k) =>
      `package com.acme;\n\npublic final class LlmConfig {\n    private static final String API_KEY = "${k}";\n    public static String key() { return API_KEY; }\n}\n`,
  ],
  [
    'ruby-initializer',
    'config/initializers/llm.rb',
    (k, f) =>
      `LLM.configure do |config|\n  config.api_key = ENV.fetch("${f.env}") { "${k}" }\n  config.uri_base = "${f.url}"\nend\n`,
  ],
  [
    'php-config',
    'config/services.php',
    (k, f) =>
      `<?php\n\nreturn [\n    '${f.provider}' => [\n        'api_key' => env('${f.env}', '${k}'),\n    ],\n];\n`,
  ],
  [
    'csharp-appsettings',
    'Api/appsettings.Development.json',
    (k, f) =>
      `{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n  "${camel(f)}": {\n    "ApiKey": "${k}",\n    "Endpoint": "${f.url}"\n  }\n}\n`,
  ],
  [
    'csharp-source',
    'Api/Services/LlmService.cs',
    (k, f) =>
      `namespace Api.Services;\n\npublic class LlmService\n{\n    private readonly string _key = Environment.GetEnvironmentVariable("${f.env}") ?? "${k}";\n}\n`,
  ],
  [
    'rust-source',
    'src/main.rs',
    (k, f) =>
      `fn main() {\n    let key = std::env::var("${f.env}")\n        .unwrap_or_else(|_| "${k}".to_string());\n    println!("{}", key.len());\n}\n`,
  ],
  [
    'kotlin-source',
    'app/src/main/kotlin/Llm.kt',
    (k, f) => `object Llm {\n    val apiKey: String = System.getenv("${f.env}") ?: "${k}"\n}\n`,
  ],
  [
    'swift-source',
    'Sources/App/Secrets.swift',
    (k, f) =>
      `import Foundation\n\nenum Secrets {\n    static let apiKey = ProcessInfo.processInfo.environment["${f.env}"] ?? "${k}"\n}\n`,
  ],
  [
    'shell-script',
    'scripts/dev.sh',
    (k, f) => `#!/usr/bin/env bash\nset -euo pipefail\nexport ${f.env}="${k}"\nnpm run dev\n`,
  ],
  ['dotenv', '.env.local', (k, f) => `NODE_ENV=development\nPORT=3000\n${f.env}=${k}\n`],
  [
    'gitlab-ci',
    '.gitlab-ci.yml',
    (k, f) =>
      `stages: [test]\n\nvariables:\n  ${f.env}: "${k}"\n\ntest:\n  stage: test\n  script:\n    - npm test\n`,
  ],
  [
    'circleci',
    '.circleci/config.yml',
    (k, f) =>
      `version: 2.1\njobs:\n  test:\n    docker:\n      - image: cimg/node:20.11\n    environment:\n      ${f.env}: ${k}\n    steps:\n      - checkout\n`,
  ],
  [
    'jenkinsfile',
    'Jenkinsfile',
    (k, f) =>
      `pipeline {\n  agent any\n  environment {\n    ${f.env} = '${k}'\n  }\n  stages { stage('test') { steps { sh 'make test' } } }\n}\n`,
  ],
  [
    'github-workflow',
    '.github/workflows/eval.yml',
    (k, f) =>
      `name: eval\non: [push]\njobs:\n  eval:\n    runs-on: ubuntu-latest\n    env:\n      ${f.env}: ${k}\n    steps:\n      - uses: actions/checkout@v4\n`,
  ],
  [
    'helm-values',
    'charts/api/values.yaml',
    (k, f) =>
      `replicaCount: 2\nimage:\n  repository: ghcr.io/acme/api\n  tag: "1.4.2"\n${camel(f)}:\n  baseUrl: ${f.url}\n  apiKey: ${k}\n`,
  ],
  ['ansible-vars', 'ansible/group_vars/prod.yml', (k, f) => `---\napp_port: 8080\n${lowerEnv(f)}: "${k}"\n`],
  [
    'docker-compose',
    'docker-compose.yml',
    (k, f) =>
      `services:\n  api:\n    image: acme/api:latest\n    environment:\n      - ${f.env}=${k}\n    ports:\n      - "8080:8080"\n`,
  ],
  ['npmrc-like', '.npmrc', (k, f) => `registry=https://registry.npmjs.org/\n${lowerEnv(f)}=${k}\n`],
  ['pypirc-like', '.llmrc', (k, f) => `[${f.provider}]\nbase_url = ${f.url}\napi_key = ${k}\n`],
  [
    'postman',
    'postman/collection.json',
    (k, f) =>
      `{\n  "info": { "name": "LLM API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },\n  "item": [\n    {\n      "name": "list models",\n      "request": {\n        "auth": { "type": "bearer", "bearer": [ { "key": "token", "value": "${k}", "type": "string" } ] },\n        "method": "GET",\n        "url": "${f.url}/models"\n      }\n    }\n  ]\n}\n`,
  ],
  [
    'insomnia',
    'insomnia/export.json',
    (k, f) =>
      `{"_type":"export","__export_format":4,"resources":[{"_id":"req_1","_type":"request","url":"${f.url}/models","authentication":{"type":"bearer","token":"${k}"}}]}\n`,
  ],
  [
    'jupyter-output',
    'notebooks/explore.ipynb',
    (k, f) =>
      `{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": ["import os\\n", "print(os.environ['${f.env}'])"],\n   "outputs": [\n    {\n     "name": "stdout",\n     "output_type": "stream",\n     "text": ["${k}\\n"]\n    }\n   ]\n  }\n ],\n "nbformat": 4\n}\n`,
  ],
  [
    'jupyter-source',
    'notebooks/prompt.ipynb',
    (k, f) =>
      `{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": ["import os\\n", "os.environ['${f.env}'] = '${k}'\\n"],\n   "outputs": []\n  }\n ],\n "nbformat": 4\n}\n`,
  ],
  [
    'slack-export',
    'exports/slack/dev-help.json',
    (k, f) =>
      `[\n  {"type":"message","user":"U024BE7LH","text":"anyone have a working ${f.provider} key for staging?","ts":"1714550400.000100"},\n  {"type":"message","user":"U0G9QF9C6","text":"use this one, rotate after the demo: ${k}","ts":"1714550460.000200"}\n]\n`,
  ],
  [
    'issue-export',
    'exports/issues/412.json',
    (k, f) =>
      `{"number":412,"title":"401 from ${f.provider}","body":"Getting 401 with\\r\\n\`\`\`\\r\\ncurl -H \\"Authorization: Bearer ${k}\\" ${f.url}/models\\r\\n\`\`\`\\r\\nany idea?","state":"closed"}\n`,
  ],
  [
    'readme-troubleshooting',
    'README.md',
    (k, f) =>
      `# Acme bot\n\n## Troubleshooting\n\nIf you see \`401 Unauthorized\`, check the key works:\n\n\`\`\`sh\ncurl ${f.url}/models \\\n  -H "Authorization: Bearer ${k}"\n\`\`\`\n`,
  ],
  [
    'test-fixture-real',
    'tests/fixtures/llm_test.py',
    (k) => `import pytest\n\nKEY = "${k}"\n\n\ndef test_client_builds():\n    assert make_client(KEY)\n`,
  ],
  [
    'debug-log',
    'logs/app-2024-05-01.log',
    (k, f) =>
      `2024-05-01T12:00:00.123Z INFO  starting worker pid=4121\n2024-05-01T12:00:00.456Z DEBUG POST ${f.url}/chat/completions headers={'Authorization': 'Bearer ${k}', 'Content-Type': 'application/json'}\n2024-05-01T12:00:01.002Z INFO  200 OK in 546ms\n`,
  ],
  [
    'minified-bundle',
    'public/assets/index-4f2a9c.js',
    (k, f) =>
      `!function(){"use strict";var e={apiKey:"${k}",baseURL:"${f.url}"},t=function(n){return fetch(e.baseURL+"/chat/completions",{method:"POST",headers:{Authorization:"Bearer "+e.apiKey},body:JSON.stringify(n)})};window.__llm=t}();\n`,
  ],
  [
    'sourcemap',
    'public/assets/index-4f2a9c.js.map',
    (k, f) =>
      `{"version":3,"file":"index-4f2a9c.js","sources":["../../src/config.ts"],"sourcesContent":["export const config = {\\n  apiKey: \\"${k}\\",\\n  baseURL: \\"${f.url}\\",\\n};\\n"],"names":["config"],"mappings":"AAAO,MAAMA,IAAS"}\n`,
  ],
  [
    'svg-script',
    'public/img/badge.svg',
    (k, f) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="20">\n  <script><![CDATA[ fetch("${f.url}/models", { headers: { Authorization: "Bearer ${k}" } }); ]]></script>\n  <rect width="120" height="20" fill="#555"/>\n</svg>\n`,
  ],
  [
    'base64-data-uri',
    'web/src/embedded.js',
    (k, f) => {
      const needle = b64(JSON.stringify({ apiKey: k, baseURL: f.url }));
      return { text: `export const cfg = "data:application/json;base64,${needle}";\n`, needle };
    },
  ],
  [
    'k8s-secret-base64',
    'k8s/secret.yaml',
    (k, f) => {
      const needle = b64(k);
      return {
        text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: llm-credentials\ntype: Opaque\ndata:\n  ${f.env}: ${needle}\n`,
        needle,
      };
    },
  ],
  [
    'k8s-secret-stringdata',
    'k8s/secret-plain.yaml',
    (k, f) =>
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: llm-credentials\nstringData:\n  ${f.env}: ${k}\n`,
  ],
  [
    'printenv-dump',
    'ci/debug/printenv.txt',
    (k, f) =>
      `HOSTNAME=runner-7f8c\nHOME=/home/runner\nPATH=/usr/local/bin:/usr/bin:/bin\n${f.env}=${k}\nCI=true\nGITHUB_ACTIONS=true\n`,
  ],
  [
    'stack-trace-locals',
    'crash/sentry-event.txt',
    (k, f) =>
      `Traceback (most recent call last):\n  File "/app/worker.py", line 88, in run\n    resp = client.chat(messages)\n  File "/app/llm.py", line 41, in chat\n    raise ApiError(resp.status_code)\nApiError: 429\n\nLocal variables in chat():\n  base_url = '${f.url}'\n  api_key = '${k}'\n  retries = 3\n`,
  ],
  [
    'http-dump',
    'captures/request.http',
    (k, f) =>
      `POST ${f.url}/chat/completions HTTP/1.1\nHost: ${new URL(f.url).host}\nAuthorization: Bearer ${k}\nContent-Type: application/json\n\n{"model":"m","messages":[{"role":"user","content":"hi"}]}\n`,
  ],
  ['terraform-tfvars', 'infra/prod.auto.tfvars', (k, f) => `region = "eu-west-1"\n${lowerEnv(f)} = "${k}"\n`],
  [
    'dockerfile',
    'Dockerfile',
    (k, f) => `FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nENV ${f.env}=${k}\nCMD ["node", "server.js"]\n`,
  ],
  [
    'android-strings',
    'app/src/main/res/values/secrets.xml',
    (k) =>
      `<?xml version="1.0" encoding="utf-8"?>\n<resources>\n    <string name="app_name">Acme</string>\n    <string name="api_key">${k}</string>\n</resources>\n`,
  ],
  [
    'toml-config',
    'config/llm.toml',
    (k, f) => `[llm]\nprovider = "${f.provider}"\nbase_url = "${f.url}"\napi_key = "${k}"\n`,
  ],
  [
    'shell-history',
    'home/.bash_history',
    (k, f) => `ls -la\ncd projects/acme\ncurl ${f.url}/models -H "Authorization: Bearer ${k}"\ngit status\n`,
  ],
  [
    'url-query',
    'docs/notes.txt',
    (k) =>
      `temporary proxy link for the demo:\nhttps://llm-gateway.acme.dev/v1/models?api_key=${k}&team=growth\n`,
  ],
  [
    'json-in-json-log',
    'logs/events.ndjson',
    (k) =>
      `{"level":"info","msg":"boot"}\n{"level":"debug","msg":"config loaded","payload":"{\\"apiKey\\":\\"${k}\\",\\"timeout\\":30}"}\n`,
  ],
  ['yaml-generic-name', 'deploy/app.yaml', (k) => `app:\n  name: acme\n  credentials:\n    token: ${k}\n`],
];

const ESC = '\x1b';
const bytes = (r, n) => Buffer.from(Array.from({ length: n }, () => r.int(256)));

/**
 * Harder but real placements: keys glued to escape sequences (`\n`, ANSI colours, `%3D`), other encodings
 * (CRLF, BOM, UTF-16LE from PowerShell `>`), binary caches, very long lines, two keys on one line, diffs.
 * A template may return { buffer, line } when the file is not UTF-8 text.
 */
export const HARD = [
  [
    'json-newline-glued',
    'exports/slack/random.json',
    (k) => `[{"type":"message","text":"prod key, don't share:\\n${k}\\nthanks","ts":"1714550460.000200"}]\n`,
  ],
  ['json-tab-glued', 'exports/sheet.json', (k) => `{"rows":["name\\tvalue","api_key\\t${k}"]}\n`],
  [
    'ansi-coloured-ci-log',
    'ci/logs/job-4411.log',
    (k, f) =>
      `${ESC}[36m$ echo $${f.env}${ESC}[0m\n${ESC}[32m${k}${ESC}[0m\n${ESC}[32;1mJob succeeded${ESC}[0;m\n`,
  ],
  [
    'percent-encoded-url',
    'captures/redirect.txt',
    (k) => `Location: https://app.acme.dev/login?next=%2Fsettings%3Fapi_key%3D${k}%26tab%3Dkeys\n`,
  ],
  [
    'form-urlencoded-body',
    'captures/form.http',
    (k) =>
      `POST /connect HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\n\nprovider=llm&api_key=${k}&remember=1\n`,
  ],
  [
    'crlf-env',
    'win/.env',
    (k, f) => ({ text: `APP=acme\r\nDEBUG=false\r\n${f.env}=${k}\r\nPORT=80\r\n`, needle: k }),
  ],
  ['bom-json', 'win/appsettings.json', (k) => `\ufeff{\n  "Llm": {\n    "Key": "${k}"\n  }\n}\n`],
  [
    'utf16le-powershell',
    'win/env-dump.txt',
    (k, f) => {
      const text = `\ufeffName                           Value\r\n----                           -----\r\nPATH                           C:\\Windows\\system32\r\n${f.env.padEnd(31)}${k}\r\n`;
      return { buffer: Buffer.from(text, 'utf16le'), line: 4 };
    },
  ],
  [
    'pyc-binary',
    'app/__pycache__/settings.cpython-311.pyc',
    (k, _f, r) => {
      const pre = Buffer.concat([
        Buffer.from([0xa7, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0]),
        bytes(r, 40).map((b) => (b === 10 ? 11 : b)),
        Buffer.from([0x5a, k.length]),
      ]);
      return {
        buffer: Buffer.concat([pre, Buffer.from(k), Buffer.from([0x29, 0x02, 0xda]), bytes(r, 30)]),
        line: 2,
      };
    },
  ],
  [
    'sqlite-like-binary',
    'data/app.db',
    (k, _f, r) => {
      const pre = Buffer.concat([
        Buffer.from('SQLite format 3\0'),
        bytes(r, 200).map((b) => (b === 10 ? 0 : b)),
        Buffer.from([0x0f, 0x17]),
      ]);
      return { buffer: Buffer.concat([pre, Buffer.from(`api_key${k}`), Buffer.alloc(64)]), line: 1 };
    },
  ],
  [
    'long-minified-line',
    'public/assets/app-big.js',
    (k, _f, r) => {
      const filler = Array.from({ length: 4000 }, (_, i) => `var a${i}=${r.int(1e6)};`).join('');
      return `${filler}var cfg={k:"${k}"};${filler}\n`;
    },
  ],
  ['two-keys-one-line', 'config/keys.ini', (k) => `primary=${k};secondary=unset\n`],
  [
    'git-diff',
    'patches/0001-config.patch',
    (k, f) =>
      `diff --git a/.env b/.env\n--- a/.env\n+++ b/.env\n@@ -1,2 +1,3 @@\n APP=acme\n-${f.env}=\n+${f.env}=${k}\n`,
  ],
  [
    'markdown-table',
    'docs/handover.md',
    (k, f) => `| service | key |\n|---|---|\n| ${f.provider} | \`${k}\` |\n`,
  ],
  [
    'html-data-attribute',
    'web/embed.html',
    (k) => `<div id="chat" data-api-key="${k}" data-theme="dark"></div>\n`,
  ],
  [
    'har-archive',
    'captures/session.har',
    (k, f) =>
      `{"log":{"entries":[{"request":{"method":"GET","url":"${f.url}/models","headers":[{"name":"Authorization","value":"Bearer ${k}"}]}}]}}\n`,
  ],
  [
    'env-file-base64-secret',
    'k8s/env-secret.yaml',
    (k, f) => {
      const needle = Buffer.from(`APP=acme\nDEBUG=false\n${f.env}=${k}\n`).toString('base64');
      return { text: `apiVersion: v1\nkind: Secret\ndata:\n  .env: ${needle}\n`, needle };
    },
  ],
  ['python-bytes-concat', 'app/keys.py', (k) => `KEY = b"${k}"  # noqa\n`],
];
