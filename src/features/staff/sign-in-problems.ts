// What the sign-in form checks before asking the server: both fields filled in. Whether they are
// right is the server's answer alone (it says the same for an unknown user and a wrong password).
export type SignInField = 'username' | 'password';

/** The fields left empty, in the form's order. A username of spaces is empty; a password is taken as typed. */
export function signInProblems(values: { username: string; password: string }): SignInField[] {
  const missing: SignInField[] = [];
  if (values.username.trim() === '') missing.push('username');
  if (values.password === '') missing.push('password');
  return missing;
}
