// Following the hash route in the window (see routes.ts for what a route is).
import { useSyncExternalStore } from 'react';
import { hrefOf, parseRoute, type Route } from './routes.ts';

export { hrefOf, parseRoute, type Route };

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
