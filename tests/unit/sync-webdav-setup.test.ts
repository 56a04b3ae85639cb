import { describe, expect, it } from 'vitest';
import { davBase } from '../../lib/sync/webdav-client';
import { checkForm, originOf } from '../../lib/sync/webdav-setup';

const form = {
  url: 'https://cloud.example.org/remote.php/dav/files/me',
  username: 'me',
  password: 'pw',
};

describe('WebDAV form checks', () => {
  it.each([
    [{ ...form, url: 'not a url' }, '"not a url" is not a web address.'],
    [{ ...form, url: 'ftp://x.org/' }, 'The WebDAV address must start with https:// (or http://).'],
    [
      { ...form, url: 'https://me:pw@x.org/' },
      'Put the user name and password in their own fields, not in the address.',
    ],
    [{ ...form, username: '  ' }, 'Enter the user name.'],
    [{ ...form, password: '' }, 'Enter the app password.'],
  ])('refuses %j with a clear message', (bad, message) => {
    expect(checkForm(bad)).toBe(message);
  });

  it('accepts a good form; asks permission for that one origin; the folder always ends in /', () => {
    expect(checkForm(form)).toBeNull();
    expect(originOf(form.url)).toBe('https://cloud.example.org/*');
    expect(davBase(form.url).href).toBe('https://cloud.example.org/remote.php/dav/files/me/');
  });
});
