/** The host name of a canonical URL value `host[:port]/path…` (IPv6 keeps its brackets). */
export function urlHostname(canonical: string): string {
  const slash = canonical.indexOf('/');
  const hostPort = slash < 0 ? canonical : canonical.slice(0, slash);
  if (hostPort.startsWith('[')) return hostPort.slice(0, hostPort.indexOf(']') + 1);
  const colon = hostPort.lastIndexOf(':');
  return colon < 0 ? hostPort : hostPort.slice(0, colon);
}
