import { create } from 'zustand';

/** Where the user is. Kept in the address hash so a reload returns to the same screen. */
export type WorkspaceTab =
  | 'overview'
  | 'team'
  | 'organisations'
  | 'framework'
  | 'sessions'
  | 'passages'
  | 'evidence'
  | 'matrix'
  | 'scores'
  | 'relational-audit'
  | 'data-profile'
  | 'actions'
  | 'findings'
  | 'exchange';
export type Route =
  | { name: 'home' }
  | { name: 'data' }
  | { name: 'review'; reviewId: string; tab: WorkspaceTab; focus?: string | undefined }
  /** `focus` is a place in the notes to show: `tag:<id>` or `block:<id>`. */
  | { name: 'session'; reviewId: string; sessionId: string; focus?: string | undefined };

const TABS: readonly WorkspaceTab[] = [
  'overview',
  'team',
  'organisations',
  'framework',
  'sessions',
  'passages',
  'evidence',
  'matrix',
  'scores',
  'relational-audit',
  'data-profile',
  'actions',
  'findings',
];

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'data') return { name: 'data' };
  if (parts[0] === 'reviews' && parts[1]) {
    if (parts[2] === 'sessions' && parts[3]) {
      const focus = new URLSearchParams(query).get('focus') ?? undefined;
      return { name: 'session', reviewId: parts[1], sessionId: parts[3], ...(focus ? { focus } : {}) };
    }
    const tab = TABS.find((t) => t === parts[2]) ?? 'overview';
    const focus = new URLSearchParams(query).get('focus') ?? undefined;
    return { name: 'review', reviewId: parts[1], tab, ...(focus ? { focus } : {}) };
  }
  return { name: 'home' };
}

export function routeHash(route: Route): string {
  if (route.name === 'data') return '#/data';
  if (route.name === 'review') return `#/reviews/${route.reviewId}/${route.tab}${route.focus ? `?focus=${encodeURIComponent(route.focus)}` : ''}`;
  if (route.name === 'session') return `#/reviews/${route.reviewId}/sessions/${route.sessionId}${route.focus ? `?focus=${encodeURIComponent(route.focus)}` : ''}`;
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
