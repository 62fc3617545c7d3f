import { describe, expect, it } from 'vitest';
import { describeFsError } from '../../src/source/files';

// The file tests run as root in CI, where no file is unreadable; the wording is checked here.
describe('describeFsError', () => {
  it.each([
    ['ENOENT', 'no such file or folder'],
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['ENOTDIR', 'not a folder'],
    ['ELOOP', 'too many levels of symbolic links (a link loop?)'],
    ['EISDIR', 'is a folder'],
  ])('%s reads "%s"', (code, text) => {
    expect(describeFsError(Object.assign(new Error('raw'), { code }))).toBe(text);
  });

  it('falls back to the error message', () => {
    expect(describeFsError(Object.assign(new Error('disk on fire'), { code: 'EIO' }))).toBe('disk on fire');
  });
});
