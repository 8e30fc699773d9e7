import { describe, expect, it } from 'vitest';
import { hashToken } from '../../services/tokens.js';
import { aTime } from '../fixtures.js';
import { type StoreSource, seedMember, seedNamedMembers, seedOrganization } from './support.js';

/**
 * Member search as every store answers it: a substring of the full name or
 * of the email, each lower-cased by JavaScript's `toLowerCase()` (full
 * Unicode case, no accent folding), the term lower-cased the same way. An
 * index may speed it up but never changes an answer.
 */
export function describeMemberSearch(store: StoreSource): void {
  describe('listMembers search', () => {
    const seedNamed = (rows: Array<{ fullName: string; label?: string }>) => seedNamedMembers(store(), rows);

    it('folds case across Unicode, but not accents', async () => {
      const { search } = await seedNamed([
        { fullName: 'Zoë Ärnström' },
        { fullName: 'ÉLODIE Dupré' },
        { fullName: 'Straße Weiß' },
        { fullName: 'ΟΔΥΣΣΕΥΣ' },
        { fullName: 'Arnstrom Dupre' },
      ]);

      expect(await search('ärnström')).toEqual([0]);
      expect(await search('ÄRNSTRÖM')).toEqual([0]);
      expect(await search('arnstrom')).toEqual([4]);
      expect(await search('élodie')).toEqual([1]);
      expect(await search('DUPRÉ')).toEqual([1]);
      expect(await search('dupre')).toEqual([4]);
      expect(await search('straße')).toEqual([2]);
      expect(await search('STRASSE')).toEqual([]);
      expect(await search('οδυσσ')).toEqual([3]);
      expect(await search('ΔΥΣΣΕ')).toEqual([3]);
    });

    it('matches terms of one and two characters', async () => {
      const { search } = await seedNamed([
        { fullName: 'Zoë Ärnström' },
        { fullName: 'Bo Li', label: 'bo' },
        { fullName: 'Straße' },
      ]);

      expect(await search('ë')).toEqual([0]);
      expect(await search('Ö')).toEqual([0]);
      expect(await search('ß')).toEqual([2]);
      expect(await search('LI')).toEqual([1]);
      expect(await search('o ')).toEqual([1]);
      expect(await search('o-')).toEqual([1]);
      expect(await search('qz')).toEqual([]);
    });

    it('matches within the name or within the email, never across the two', async () => {
      const { search } = await seedNamed([
        { fullName: 'Ada Lovelace', label: 'lace-maker' },
        { fullName: 'Grace Hopper', label: 'admiral' },
      ]);

      expect(await search('lovelace')).toEqual([0]);
      expect(await search('lace-maker-')).toEqual([0]);
      expect(await search('lovelacelace')).toEqual([]);
      expect(await search('lovelace lace')).toEqual([]);
      // Every three characters of it are in the name or the email, yet neither holds it whole.
      expect(await search('lovelace-m')).toEqual([]);
      expect(await search('ce-maker')).toEqual([0]);
    });

    it('treats quotes, brackets and operators as plain characters', async () => {
      const { search } = await seedNamed([
        { fullName: 'Miles "Bird" O\'Neil' },
        { fullName: 'Ann (Jr.) *star* AND OR NOT' },
        { fullName: 'col:on {braces} ^caret' },
      ]);

      expect(await search('"bird"')).toEqual([0]);
      expect(await search('"b')).toEqual([0]);
      expect(await search("o'neil")).toEqual([0]);
      expect(await search('(jr.)')).toEqual([1]);
      expect(await search('*star*')).toEqual([1]);
      expect(await search('and or not')).toEqual([1]);
      expect(await search('col:on')).toEqual([2]);
      expect(await search('{braces}')).toEqual([2]);
      expect(await search('^car')).toEqual([2]);
      expect(await search('NEAR(')).toEqual([]);
    });

    it('answers members of the organization only', async () => {
      const { search } = await seedNamed([{ fullName: 'Unique Quokka' }]);
      const other = await seedOrganization(store());
      await seedMember(store(), other.id, { user: { fullName: 'Unique Quokka Twin' } });

      expect(await search('quokka')).toEqual([0]);
    });

    it('follows a changed name and a confirmed email change', async () => {
      const { userIds, search } = await seedNamed([{ fullName: 'Old Name', label: 'before' }, { fullName: 'Else' }]);
      const userId = userIds[0]!;
      await store().updateUser(userId, { fullName: 'Renamed Person', updatedAt: aTime(10) });

      expect(await search('old name')).toEqual([]);
      expect(await search('renamed')).toEqual([0]);

      await store().updateUser(userId, {
        pendingEmail: 'after-change@example.test',
        pendingEmailTokenHash: hashToken('search-token'),
        pendingEmailExpiresAt: aTime(100_000),
        updatedAt: aTime(11),
      });
      expect(await search('after-change')).toEqual([]);
      await store().confirmPendingEmail(userId, hashToken('search-token'), aTime(12));

      expect(await search('after-change@')).toEqual([0]);
      expect(await search('before-')).toEqual([]);
    });
  });
}
