import { create } from 'zustand';

/** Where the user is. Kept in the address hash so a reload returns to the same screen. */
export type WorkspaceTab = 'overview' | 'team' | 'organisations' | 'framework';
export type Route = { name: 'home' } | { name: 'data' } | { name: 'review'; reviewId: string; tab: WorkspaceTab };

const TABS: readonly WorkspaceTab[] = ['overview', 'team', 'organisations', 'framework'];

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'data') return { name: 'data' };
  if (parts[0] === 'reviews' && parts[1]) {
    const tab = TABS.find((t) => t === parts[2]) ?? 'overview';
    return { name: 'review', reviewId: parts[1], tab };
  }
  return { name: 'home' };
}

export function routeHash(route: Route): string {
  if (route.name === 'data') return '#/data';
  if (route.name === 'review') return `#/reviews/${route.reviewId}/${route.tab}`;
  return '#/';
}

interface RouterState {
  route: Route;
  go: (route: Route) => void;
}

export const useRouter = create<RouterState>((set) => ({
  route: parseRoute(window.location.hash),
  go: (route) => {
    const hash = routeHash(route);
    if (window.location.hash !== hash) history.pushState(null, '', hash);
    set({ route });
  },
}));

window.addEventListener('popstate', () => useRouter.setState({ route: parseRoute(window.location.hash) }));
