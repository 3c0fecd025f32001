import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../../renderer/app/router';

describe('routes survive a reload through the address hash', () => {
  it.each([
    ['#/', { name: 'home' }],
    ['#/data', { name: 'data' }],
    ['#/reviews/abc/framework', { name: 'review', reviewId: 'abc', tab: 'framework' }],
    ['#/reviews/abc/nonsense', { name: 'review', reviewId: 'abc', tab: 'overview' }],
    ['#token=xyz', { name: 'home' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('round-trips', () => {
    const route = { name: 'review', reviewId: '0190', tab: 'team' } as const;
    expect(parseRoute(routeHash(route))).toEqual(route);
  });
});
