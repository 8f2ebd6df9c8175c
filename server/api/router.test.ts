import { describe, it, expect } from 'vitest';
import { matchRoute, type ApiRoute, type RouteHandler } from './router.ts';

const answer: RouteHandler = async () => ({ status: 200, body: null });
const route = (path: string): ApiRoute => ({ path, methods: { GET: answer } });

describe('matchRoute', () => {
  it('matches a literal path before a template that would also take it, in either order of the table (OpenAPI 3.1 §4.8.8)', () => {
    const templated = route('/api/reports/{reportId}');
    const literal = route('/api/reports/export.csv');
    for (const table of [[templated, literal], [literal, templated]]) {
      expect(matchRoute(table, '/api/reports/export.csv')).toEqual({ route: literal, parameters: {} });
      expect(matchRoute(table, '/api/reports/0b6f3c52-1d2e-4f60-9a8b-3c4d5e6f7a8b')).toEqual({ route: templated, parameters: { reportId: '0b6f3c52-1d2e-4f60-9a8b-3c4d5e6f7a8b' } });
    }
  });

  it('prefers the template with fewer parameters, and keeps the table order between equals', () => {
    const one = route('/api/reports/{reportId}/photos/latest');
    const two = route('/api/reports/{reportId}/photos/{photoId}');
    const twoAgain = route('/api/reports/{id}/photos/{name}');
    expect(matchRoute([two, twoAgain, one], '/api/reports/r1/photos/latest')?.route).toBe(one);
    expect(matchRoute([two, twoAgain, one], '/api/reports/r1/photos/p1')).toEqual({ route: two, parameters: { reportId: 'r1', photoId: 'p1' } });
    expect(matchRoute([twoAgain, two], '/api/reports/r1/photos/p1')?.route).toBe(twoAgain);
  });

  it('matches a parameter to one non-empty segment only', () => {
    const table = [route('/api/reports/{reportId}')];
    expect(matchRoute(table, '/api/reports/')).toBeNull();
    expect(matchRoute(table, '/api/reports/a/b')).toBeNull();
  });
});
