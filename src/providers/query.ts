/**
 * Query strings as the providers' API descriptions declare them (OpenAPI parameter serialisation).
 *
 * One rule per value shape, so a caller only chooses the parameter's name and value:
 * - scalar: `name=v`;
 * - array: `style: form, explode: true`, OpenAPI's default for query parameters: `name=a&name=b`.
 *   A description that names the parameter with brackets (OpenAI's audit logs declare `resource_ids[]`,
 *   Anthropic's usage report `api_key_ids[]`) is followed by passing that literal name;
 * - object: `style: deepObject`: `name[key]=v` (OpenAI's `effective_at[gte]`).
 * `undefined` (also inside objects) is left out. Names and values are percent-encoded.
 */
export type QueryScalar = string | number | boolean;
export type QueryValue =
  | QueryScalar
  | readonly string[]
  | Readonly<Record<string, QueryScalar | undefined>>
  | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

export function formatQuery(query: Query = {}): string {
  const parts: string[] = [];
  const pair = (name: string, value: QueryScalar) =>
    parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const v of value) pair(name, v);
    } else if (typeof value === 'object') {
      for (const [key, v] of Object.entries(value as Record<string, QueryScalar | undefined>)) {
        if (v !== undefined) pair(`${name}[${key}]`, v);
      }
    } else {
      pair(name, value as QueryScalar);
    }
  }
  return parts.join('&');
}

/** `path?query`, or `path` alone when the query is empty. */
export function withQuery(path: string, query: Query = {}): string {
  const q = formatQuery(query);
  return q ? `${path}${path.includes('?') ? '&' : '?'}${q}` : path;
}
