/**
 * The places a key shows up in real repositories. Each template holds `{KEY}` once; `place` returns
 * the text and the 1-based line and column where the value starts, so tests can check positions.
 */
export interface Placed {
  text: string;
  line: number;
  column: number;
}

export const CONTEXTS: Record<string, string> = {
  'code string': 'import { Client } from "sdk";\n\nconst client = new Client({\n  apiKey: "{KEY}",\n});\n',
  JSON: '{\n  "name": "billing",\n  "api_key": "{KEY}",\n  "retries": 3\n}\n',
  YAML: 'service:\n  env:\n    API_KEY: {KEY}\n    DEBUG: "false"\n',
  '.env': '# local settings\nAPI_KEY={KEY}\nDEBUG=1\n',
  'Dockerfile ENV': 'FROM node:20-alpine\nWORKDIR /app\nENV API_KEY={KEY}\nRUN npm ci\n',
  'shell export': "#!/usr/bin/env bash\nset -eu\nexport API_KEY='{KEY}'\ncurl -s https://example.com\n",
  'Markdown code block': '# Setup\n\nRun:\n\n```bash\nexport API_KEY={KEY}\npython app.py\n```\n',
  'notebook JSON (quoted)':
    '{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": [\n    "import os\\n",\n    "os.environ[\\"API_KEY\\"] = \\"{KEY}\\"\\n"\n   ]\n  }\n ]\n}\n',
  'notebook JSON (after \\n)':
    '{"cells":[{"cell_type":"markdown","source":["My key is:\\n{KEY}\\n","done"]}]}\n',
  'URL query': 'fetch("https://api.example.com/v1/items?limit=10&api_key={KEY}&page=2");\n',
  'HTTP header':
    'curl https://api.example.com/v1/models \\\n  -H "Authorization: Bearer {KEY}" \\\n  -H "Accept: application/json"\n',
  'Python dict': "settings = {'timeout': 30, 'key': '{KEY}'}\n",
  'TOML table': '[provider]\nname = "main"\napi_key = "{KEY}"\n',
};

export function place(template: string, value: string, preamble = ''): Placed {
  const full = preamble + template;
  const at = full.indexOf('{KEY}');
  const before = full.slice(0, at);
  const line = before.split('\n').length;
  const column = at - (before.lastIndexOf('\n') + 1) + 1;
  return { text: full.replace('{KEY}', value), line, column };
}
