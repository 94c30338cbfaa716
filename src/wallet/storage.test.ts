import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './storage.js';

describe('MemoryStorage', () => {
  it('gets, puts, deletes and lists by prefix', async () => {
    const s = new MemoryStorage();
    expect(await s.get('a/1')).toBeUndefined();
    await s.put('a/2', 'two');
    await s.put('a/1', 'one');
    await s.put('b/1', 'other');
    expect(await s.get('a/1')).toBe('one');
    expect(await s.keys('a/')).toEqual(['a/1', 'a/2']);
    expect(await s.keys('')).toHaveLength(3);
    await s.delete('a/1');
    await s.delete('a/missing');
    expect(await s.keys('a/')).toEqual(['a/2']);
    expect(s.size).toBe(2);
  });
});
