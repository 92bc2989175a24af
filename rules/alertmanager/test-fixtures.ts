/** An Alertmanager config fixture: `route:` on line 1, then the given route body and receivers. */
export function amConfig(route: string, receivers = ['default', 'pager']): string {
  return `route:\n${route}receivers:\n${receivers.map((r) => `  - name: ${r}\n`).join('')}`;
}
