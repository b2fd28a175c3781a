// Hash routes, so the same build works from app:// in Electron and from the browser host: what a
// route is and how it reads and writes as a hash. Pure (no window), so Node tests can use it.

export type Route =
  | { name: 'dashboard' }
  /** Step 1 of a valuation that does not exist yet: nothing is created until its first save. */
  | { name: 'newValuation' }
  /** focus: the id of the element to focus once the step shows (a preflight link to its field). */
  | { name: 'valuation'; id: string; step: number; focus?: string }
  | { name: 'activity'; id: string }
  | { name: 'sync' }
  | { name: 'conflicts' }
  | { name: 'rejected' }
  | { name: 'settings' };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'valuations' && parts[1] === 'new') return { name: 'newValuation' };
  if (parts[0] === 'valuations' && parts[1]) {
    if (parts[2] === 'activity') return { name: 'activity', id: parts[1] };
    const step = Number(parts[3] ?? 1);
    const focus = new URLSearchParams(query).get('focus');
    const route: Extract<Route, { name: 'valuation' }> = { name: 'valuation', id: parts[1], step: step >= 1 && step <= 5 ? step : 1 };
    return focus && /^[\w-]{1,80}$/.test(focus) ? { ...route, focus } : route;
  }
  if (parts[0] === 'sync' || parts[0] === 'conflicts' || parts[0] === 'rejected' || parts[0] === 'settings') return { name: parts[0] };
  return { name: 'dashboard' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'dashboard':
      return '#/';
    case 'valuation':
      return `#/valuations/${route.id}/step/${route.step}${route.focus ? `?focus=${encodeURIComponent(route.focus)}` : ''}`;
    case 'activity':
      return `#/valuations/${route.id}/activity`;
    case 'newValuation':
      return '#/valuations/new';
    default:
      return `#/${route.name}`;
  }
}

