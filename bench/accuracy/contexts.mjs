// Realistic places a key ends up. Each context renders a whole file around the marker `K` (later replaced
// by the key, or by the key in the context's `encode` form) with a variable name `v` and base URL `u`.
// `file` is the file name; `crlf`/`utf16` change the bytes written; `trap: false` keeps a context out of
// the false-positive half (where the planted value would be meaningless).

import { ALNUM, chars } from './keys.mjs';

const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');

/** A harmless block of filler lines, so a key is not always on line 1-3. */
function filler(r, n, comment = '#') {
  const lines = [];
  for (let i = 0; i < n; i++) lines.push(`${comment} ${chars(r, 'abcdefghij klmnop', 30).trim()}`);
  return lines.join('\n');
}

/** A 500 KB minified bundle line with the key in the middle. */
function minified(inner) {
  const parts = [];
  let size = 0;
  let i = 0;
  while (size < 500_000) {
    const piece =
      i === 5000 ? inner : `function a${i}(e,t){return e&&t?e.x${i % 13}+t.y:null}var b${i}=${i * 7}`;
    parts.push(piece);
    size += piece.length + 1;
    i++;
  }
  return parts.join(';');
}

export const CONTEXTS = [
  {
    id: 'python-assign',
    file: 'settings.py',
    render: ({ K, v, r }) => `import os\n\n${filler(r, 3)}\n${v} = "${K}"\n`,
  },
  {
    id: 'python-fstring',
    file: 'client.py',
    render: ({ K, u }) =>
      `import requests\n\ndef ask(q):\n    headers = {"Authorization": f"Bearer ${K}"}\n    return requests.post(f"${u}/chat/completions", headers=headers, json={"q": q})\n`,
  },
  {
    id: 'python-dict',
    file: 'config.py',
    render: ({ K, u }) =>
      `CONFIG = {\n    'base_url': '${u}',\n    'api_key': '${K}',\n    'timeout': 30,\n}\n`,
  },
  {
    id: 'python-funcarg',
    file: 'main.py',
    render: ({ K, u }) =>
      `from openai import OpenAI\n\nclient = OpenAI(api_key="${K}", base_url="${u}")\nprint(client.models.list())\n`,
  },
  {
    id: 'python-environ-setdefault',
    file: 'bootstrap.py',
    render: ({ K, v }) => `import os\nos.environ.setdefault("${v}", "${K}")\n`,
  },
  {
    id: 'js-const',
    file: 'index.js',
    render: ({ K, u }) =>
      `'use strict';\nconst baseURL = '${u}';\nconst apiKey = '${K}';\nmodule.exports = { baseURL, apiKey };\n`,
  },
  {
    id: 'js-template-literal',
    file: 'api.mjs',
    render: ({ K, u }) =>
      `export async function chat(body) {\n  return fetch(\`${u}/chat/completions\`, {\n    method: 'POST',\n    headers: { Authorization: \`Bearer ${K}\` },\n    body: JSON.stringify(body),\n  });\n}\n`,
  },
  {
    id: 'ts-object',
    file: 'config.ts',
    render: ({ K, u }) =>
      `export const llm = {\n  baseUrl: '${u}',\n  apiKey: "${K}",\n} as const;\nexport type Llm = typeof llm;\n`,
  },
  {
    id: 'go-const',
    file: 'main.go',
    render: ({ K, v }) =>
      `package main\n\nimport "os"\n\nconst apiKey = "${K}"\n\nfunc key() string {\n\tif k := os.Getenv("${v}"); k != "" {\n\t\treturn k\n\t}\n\treturn apiKey\n}\n`,
  },
  {
    id: 'go-map-raw-string',
    file: 'env.go',
    render: ({ K, v }) => `package env\n\nvar Defaults = map[string]string{\n\t"${v}": \`${K}\`,\n}\n`,
  },
  {
    id: 'java-constant',
    file: 'ApiConfig.java',
    render: ({ K }) =>
      `package com.acme.llm;\n\npublic final class ApiConfig {\n    private static final String API_KEY = "${K}";\n    private ApiConfig() {}\n}\n`,
  },
  {
    id: 'ruby',
    file: 'initializer.rb',
    render: ({ K, v }) => `# frozen_string_literal: true\n\nENV['${v}'] ||= '${K}'\n`,
  },
  {
    id: 'php-define',
    file: 'config.php',
    render: ({ K, v }) => `<?php\ndefine('${v}', '${K}');\n$client = new Client(${v});\n`,
  },
  {
    id: 'rust-const',
    file: 'lib.rs',
    render: ({ K }) =>
      `pub const API_KEY: &str = "${K}";\n\npub fn key() -> &'static str {\n    API_KEY\n}\n`,
  },
  {
    id: 'csharp-verbatim',
    file: 'Program.cs',
    render: ({ K, u }) =>
      `var client = new LlmClient(new Uri("${u}"), apiKey: @"${K}");\nConsole.WriteLine(await client.PingAsync());\n`,
  },
  {
    id: 'json-pretty',
    file: 'appsettings.json',
    render: ({ K, v, u }) => `{\n  "Llm": {\n    "BaseUrl": "${u}",\n    "${v}": "${K}"\n  }\n}\n`,
  },
  {
    id: 'json-minified',
    file: 'state.json',
    render: ({ K, v, u }) => `{"version":3,"env":{"BASE":"${u}","${v}":"${K}","DEBUG":false},"n":1}`,
  },
  {
    id: 'json-escaped-in-string',
    file: 'event.json',
    render: ({ K, u }) => `{"body":"{\\"base_url\\":\\"${u}\\",\\"api_key\\":\\"${K}\\"}","status":200}\n`,
  },
  {
    id: 'yaml-plain',
    file: 'config.yaml',
    render: ({ K, u }) => `llm:\n  base_url: ${u}\n  api_key: ${K}\n  model: default\n`,
  },
  {
    id: 'yaml-quoted',
    file: 'values.yaml',
    render: ({ K, u }) => `llm:\n  baseUrl: "${u}"\n  apiKey: '${K}'\n`,
  },
  {
    id: 'yaml-block-scalar',
    file: 'secrets.yml',
    render: ({ K, u }) => `provider:\n  url: ${u}\n  key: |\n    ${K}\n  note: >-\n    rotated yearly\n`,
  },
  {
    id: 'yaml-flow',
    file: 'inventory.yml',
    render: ({ K, u }) => `llm: {url: ${u}, key: ${K}}\n`,
  },
  {
    id: 'github-workflow-env',
    file: 'ci.yml',
    render: ({ K, v }) =>
      `name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      ${v}: ${K}\n    steps:\n      - run: npm test\n`,
  },
  {
    id: 'toml',
    file: 'config.toml',
    render: ({ K, u }) => `[llm]\nbase_url = "${u}"\napi_key = "${K}"\n`,
  },
  {
    id: 'ini',
    file: 'settings.ini',
    render: ({ K, u }) => `[llm]\nbase_url=${u}\napi_key=${K}\n\n[log]\nlevel=info\n`,
  },
  { id: 'env-plain', file: '.env', render: ({ K, v, u }) => `BASE_URL=${u}\n${v}=${K}\nDEBUG=1\n` },
  { id: 'env-quoted', file: '.env.local', render: ({ K, v }) => `# local\n${v}="${K}"\n` },
  { id: 'env-export', file: 'env.sh', render: ({ K, v }) => `export ${v}='${K}'\n` },
  {
    id: 'dockerfile-env',
    file: 'Dockerfile',
    render: ({ K, v }) =>
      `FROM node:20-slim\nWORKDIR /app\nENV ${v}=${K}\nCOPY . .\nCMD ["node", "index.js"]\n`,
  },
  {
    id: 'dockerfile-arg',
    file: 'Dockerfile.build',
    render: ({ K, v }) => `FROM python:3.12\nARG ${v}=${K}\nRUN pip install -r requirements.txt\n`,
  },
  {
    id: 'docker-compose-list',
    file: 'docker-compose.yml',
    render: ({ K, v, u }) =>
      `services:\n  app:\n    image: acme/app:1.4\n    environment:\n      - BASE_URL=${u}\n      - ${v}=${K}\n`,
  },
  {
    id: 'docker-compose-map',
    file: 'compose.yaml',
    render: ({ K, v }) => `services:\n  worker:\n    build: .\n    environment:\n      ${v}: "${K}"\n`,
  },
  {
    id: 'k8s-secret-data-base64',
    file: 'secret.yaml',
    encode: b64,
    render: ({ K, v }) =>
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: llm-credentials\ntype: Opaque\ndata:\n  ${v}: ${K}\n`,
  },
  {
    id: 'k8s-secret-stringdata',
    file: 'secret-string.yaml',
    render: ({ K, v }) =>
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: llm-credentials\ntype: Opaque\nstringData:\n  ${v}: "${K}"\n`,
  },
  {
    id: 'terraform',
    file: 'main.tf',
    render: ({ K, v }) =>
      `variable "${v.toLowerCase()}" {\n  type      = string\n  default   = "${K}"\n  sensitive = true\n}\n`,
  },
  {
    id: 'shell-curl-bearer',
    file: 'smoke.sh',
    render: ({ K, u }) =>
      `#!/usr/bin/env bash\nset -euo pipefail\ncurl -sS "${u}/models" \\\n  -H "Authorization: Bearer ${K}" \\\n  -H "Content-Type: application/json"\n`,
  },
  {
    id: 'markdown-inline-code',
    file: 'README.md',
    render: ({ K, v }) => `# Setup\n\nSet \`${v}\` to \`${K}\` before running.\n`,
  },
  {
    id: 'markdown-fenced',
    file: 'GUIDE.md',
    render: ({ K, v }) => `## Quick start\n\n\`\`\`bash\nexport ${v}=${K}\npython main.py\n\`\`\`\n`,
  },
  {
    id: 'markdown-table',
    file: 'KEYS.md',
    render: ({ K, u }) => `| env | url | key |\n|---|---|---|\n| prod | ${u} | \`${K}\` |\n`,
  },
  {
    id: 'notebook-source',
    file: 'analysis.ipynb',
    render: ({ K, v }) =>
      `{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 1,\n   "metadata": {},\n   "outputs": [],\n   "source": [\n    "import os\\n",\n    "os.environ[\\"${v}\\"] = \\"${K}\\"\\n"\n   ]\n  }\n ],\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`,
  },
  {
    id: 'notebook-output',
    file: 'debug.ipynb',
    render: ({ K }) =>
      `{\n "cells": [\n  {\n   "cell_type": "code",\n   "outputs": [\n    {\n     "name": "stdout",\n     "output_type": "stream",\n     "text": [\n      "client ready\\n",\n      "key=${K}\\n"\n     ]\n    }\n   ],\n   "source": ["print(client)"]\n  }\n ],\n "nbformat": 4\n}\n`,
  },
  {
    id: 'html-inline-script',
    file: 'index.html',
    render: ({ K, u }) =>
      `<!doctype html>\n<html><head><title>demo</title></head>\n<body>\n<script>\n  window.LLM = { url: "${u}", key: "${K}" };\n</script>\n</body></html>\n`,
  },
  {
    id: 'minified-500kb-line',
    file: 'bundle.min.js',
    render: ({ K, u }) => `${minified(`var cfg={baseURL:"${u}",apiKey:"${K}"}`)}\n`,
  },
  {
    id: 'log-authorization-header',
    file: 'app.log',
    render: ({ K, u }) =>
      `2025-03-02T10:14:07.112Z INFO  starting\n2025-03-02T10:14:07.515Z DEBUG POST ${u}/chat/completions headers={'Authorization': 'Bearer ${K}', 'Content-Type': 'application/json'}\n2025-03-02T10:14:08.001Z INFO  200 OK\n`,
  },
  {
    id: 'url-query-param',
    file: 'links.txt',
    render: ({ K, u }) => `see ${u}/models?api_key=${K}&limit=5 for the list\n`,
  },
  {
    id: 'csv',
    file: 'keys.csv',
    render: ({ K, u }) => `name,base_url,key,owner\nprod,${u},${K},ops@acme.test\n`,
  },
  {
    id: 'xml-element',
    file: 'config.xml',
    render: ({ K }) => `<?xml version="1.0"?>\n<config>\n  <apiKey>${K}</apiKey>\n</config>\n`,
  },
  {
    id: 'xml-appsettings-attr',
    file: 'web.config',
    render: ({ K, v }) =>
      `<configuration>\n  <appSettings>\n    <add key="${v}" value="${K}" />\n  </appSettings>\n</configuration>\n`,
  },
  {
    id: 'sql-insert',
    file: 'seed.sql',
    render: ({ K, u }) =>
      `INSERT INTO llm_credentials (name, base_url, api_key) VALUES ('prod', '${u}', '${K}');\n`,
  },
  {
    id: 'java-properties',
    file: 'application.properties',
    render: ({ K, u }) => `llm.base-url=${u}\nllm.api-key=${K}\nserver.port=8080\n`,
  },
  {
    id: 'pem-block-nearby',
    file: 'deploy-notes.txt',
    render: ({ K, r }) => {
      const body = [];
      for (let i = 0; i < 6; i++) body.push(chars(r, `${ALNUM}+/`, 64));
      return `-----BEGIN CERTIFICATE-----\n${body.join('\n')}\n-----END CERTIFICATE-----\napi key: ${K}\n`;
    },
  },
  {
    id: 'comment-old-key',
    file: 'service.py',
    render: ({ K }) => `# old key (rotated?): ${K}\nKEY = load_key()\n`,
  },
  {
    id: 'crlf-line-endings',
    file: 'windows.env',
    crlf: true,
    render: ({ K, v, u }) => `BASE_URL=${u}\n${v}=${K}\nLOG=debug\n`,
  },
  {
    id: 'utf16le-bom',
    file: 'settings.utf16.json',
    utf16: true,
    render: ({ K, v }) => `{\n  "${v}": "${K}"\n}\n`,
  },
  { id: 'key-at-start-of-file', file: 'apikey.txt', render: ({ K }) => `${K}\nsecond line\n` },
  { id: 'key-at-end-no-newline', file: 'token', render: ({ K, v }) => `# ${v}\n${K}` },
  { id: 'punct-paren', file: 'call.js', render: ({ K }) => `init(${K})\n` },
  { id: 'punct-bracket', file: 'list.py', render: ({ K }) => `keys = [${K}]\n` },
  { id: 'punct-brace', file: 'tpl.txt', render: ({ K }) => `value={${K}}\n` },
  { id: 'punct-angle', file: 'mail.txt', render: ({ K }) => `key: <${K}>\n` },
  { id: 'punct-semicolon-comma', file: 'pairs.txt', render: ({ K }) => `a=1;key=${K};b=2,${K.length},c\n` },
  {
    id: 'escape-newline-before',
    file: 'escaped.json',
    render: ({ K }) => `{"text":"line one\\n${K}\\nline three"}\n`,
  },
  {
    id: 'escape-quote-around',
    file: 'cmd.json',
    render: ({ K, v }) => `{"cmd":"docker run -e ${v}=\\"${K}\\" acme/app"}\n`,
  },
  {
    id: 'url-encoded-quotes',
    file: 'request.txt',
    render: ({ K }) => `GET /debug?payload=%7B%22api_key%22%3A%22${K}%22%7D HTTP/1.1\n`,
  },
  // Harder, still common, places.
  {
    // nginx writes '"' in logged request bodies as \x22
    id: 'nginx-log-x22-escape',
    file: 'nginx-access.log',
    render: ({ K }) =>
      `10.1.2.3 - - [02/Mar/2025:10:14:07 +0000] "POST /v1/keys HTTP/1.1" 200 "{\\x22api_key\\x22:\\x22${K}\\x22}"\n`,
  },
  {
    id: 'json-unicode-escaped-quotes',
    file: 'payload.json',
    render: ({ K }) => `{"raw":"{\\u0022api_key\\u0022:\\u0022${K}\\u0022}"}\n`,
  },
  {
    // Stripe-style `curl -u KEY:`; the same key in a Basic header is base64 of "KEY:"
    id: 'curl-basic-user',
    file: 'charge.sh',
    render: ({ K, u }) => `curl ${u}/charges -u ${K}: -d amount=2000\n`,
  },
  {
    id: 'basic-auth-header-base64',
    file: 'capture.log',
    encode: (k) => b64(`${k}:`),
    render: ({ K, u }) => `> GET ${u}/balance HTTP/1.1\n> Authorization: Basic ${K}\n> Accept: */*\n`,
  },
  {
    id: 'url-encoded-bearer-space',
    file: 'access.log',
    render: ({ K, u }) =>
      `10.0.0.7 - - [02/Mar/2025:10:14:07 +0000] "GET /proxy?url=${encodeURIComponent(u)}&auth=Bearer%20${K} HTTP/1.1" 200 512\n`,
  },
  {
    id: 'url-encoded-equals',
    file: 'redirects.txt',
    render: ({ K }) =>
      `https://app.acme.test/login?next=https%3A%2F%2Fapi.acme.test%2Fcb%3Fapi_key%3D${K}%26v%3D2\n`,
  },
  {
    id: 'har-file',
    file: 'session.har',
    render: ({ K, u }) =>
      `{"log":{"entries":[{"request":{"method":"POST","url":"${u}/chat/completions","headers":[{"name":"Authorization","value":"Bearer ${K}"}]}}]}}\n`,
  },
  {
    id: 'anthropic-style-x-api-key-header',
    file: 'request.http',
    render: ({ K, u }) => `POST ${u}/v1/messages\nx-api-key: ${K}\ncontent-type: application/json\n`,
  },
  {
    id: 'url-userinfo',
    file: 'proxy.conf',
    render: ({ K }) => `upstream = https://user:${K}@llm-proxy.acme.test:4000/v1\n`,
  },
  {
    id: 'powershell-env',
    file: 'setup.ps1',
    render: ({ K, v }) => `$env:${v} = "${K}"\nWrite-Host "ready"\n`,
  },
  { id: 'windows-batch-set', file: 'setup.bat', render: ({ K, v }) => `@echo off\r\nset ${v}=${K}\r\n` },
  {
    id: 'git-diff-added-line',
    file: 'leak.patch',
    render: ({ K, v }) =>
      `diff --git a/.env b/.env\n--- a/.env\n+++ b/.env\n@@ -1,2 +1,3 @@\n DEBUG=1\n+${v}=${K}\n LOG=info\n`,
  },
  {
    id: 'html-escaped-attribute',
    file: 'widget.html',
    render: ({ K }) => `<div data-config="{&quot;apiKey&quot;:&quot;${K}&quot;}"></div>\n`,
  },
  {
    id: 'base64-of-dotenv-in-secret',
    file: 'env-secret.yaml',
    encode: (k) => b64(`DEBUG=1\nLLM_KEY=${k}\n`),
    render: ({ K }) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-env\ndata:\n  .env: ${K}\n`,
  },
  {
    id: 'base64-echo-pipe-wrapped',
    file: 'encoded.txt',
    // `echo $KEY | base64` (GNU coreutils wraps at 76 columns, and echo adds a newline)
    encode: (k) => b64(`${k}\n`).replace(/.{76}(?=.)/g, '$&\n'),
    render: ({ K }) => `${K}\n`,
  },
  {
    id: 'vscode-dotdir',
    file: '.vscode/launch.json',
    render: ({ K, v }) => `{\n  "configurations": [{ "type": "node", "env": { "${v}": "${K}" } }]\n}\n`,
  },
  {
    id: 'devcontainer-dotdir',
    file: '.devcontainer/devcontainer.json',
    render: ({ K, v }) => `{ "containerEnv": { "${v}": "${K}" } }\n`,
  },
  {
    id: 'github-workflow-dotdir',
    file: '.github/workflows/nightly.yml',
    render: ({ K, v }) =>
      `on: schedule\njobs:\n  run:\n    runs-on: ubuntu-latest\n    env:\n      ${v}: ${K}\n`,
  },
  {
    id: 'build-output-dir',
    file: 'build/static/js/main.chunk.js',
    render: ({ K }) =>
      `(self.webpackChunk=self.webpackChunk||[]).push([[1],{42:function(e){e.exports={key:"${K}"}}}]);\n`,
  },
  {
    // marshal of `API_KEY = "<key>"`: 0xda, a one-byte length, the key, then 'N' (the None constant).
    // Real .pyc bytes: the length byte is alphanumeric for some key lengths, and 'N' follows the key.
    id: 'pyc-marshal-realistic',
    file: '__pycache__/settings.cpython-312.pyc',
    latin1: true,
    render: ({ K }) =>
      `\u00cb\r\r\n\u0000\u0000\u0000\u0000\u00e3\u0000\u0000\u0000\u0000Z\u0007API_KEY\u00da\u0001${K}N)\u0001\u00da\u0007API_KEY\u0000`,
  },
  {
    // The same bytes with a non-alphanumeric length and a ')' after: does the scanner read binary files?
    id: 'binary-nul-bytes-clean-boundaries',
    file: 'blob.bin',
    latin1: true,
    render: ({ K }) =>
      `\u0000\u0000\u0003\u00e3\u0000\u0000Z\u0007API_KEY\u00da\u00a4${K})\u0002\u0000\u0000\n`,
  },
  {
    id: 'large-log-6mb-key-at-end',
    file: 'big.log',
    only: ['openai-project', 'anthropic-api', 'deepseek', 'stripe-live'],
    render: ({ K, u }) =>
      `${'2025-03-02T10:14:07Z INFO heartbeat ok\n'.repeat(150_000)}DEBUG POST ${u} Authorization: Bearer ${K}\n`,
  },
];
