/** `group:trading-data` → `/catalog/default/group/trading-data`. */
export function catalogPathOf(ref: string): string {
  const [kind, rest] = ref.includes(':') ? ref.split(':', 2) : ['group', ref];
  const [namespace, name] = rest.includes('/')
    ? rest.split('/', 2)
    : ['default', rest];
  return `/catalog/${namespace}/${kind}/${name}`;
}
