import { describe, it, expect } from 'vitest';
import { signInProblems } from './sign-in-problems.ts';

describe('what the sign-in form checks before asking the server', () => {
  it('lists each empty field in the form\'s order', () => {
    expect(signInProblems({ username: '', password: '' })).toEqual(['username', 'password']);
    expect(signInProblems({ username: '   ', password: 'x' })).toEqual(['username']);
    expect(signInProblems({ username: 'li.ming', password: '' })).toEqual(['password']);
  });

  it('takes a password of spaces as typed: only the server says whether it is right', () => {
    expect(signInProblems({ username: 'li.ming', password: '   ' })).toEqual([]);
  });
});
