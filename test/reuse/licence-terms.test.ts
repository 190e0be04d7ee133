// What each licence group permits and requires, licence names from canonical URIs, and deeds in the reader's
// language.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LICENSE_GROUPS, type LicenseGroupValue } from '../../src/domain/profile.js';
import { deedUrl, explainTerms, licenceName, licenceTerms } from '../../src/reuse/licence-terms.js';

const CC = 'https://creativecommons.org/licenses';

void describe('licenceTerms', () => {
  void it('reads every Creative Commons group as its permissions and conditions', () => {
    const expected: Record<string, [string, string, boolean, boolean]> = {
      // adapt, commercial, shareAlike, indicateChanges
      by: ['yes', 'yes', false, true],
      'by-sa': ['yes', 'yes', true, true],
      'by-nc': ['yes', 'no', false, true],
      'by-nc-sa': ['yes', 'no', true, true],
      'by-nd': ['no', 'yes', false, false],
      'by-nc-nd': ['no', 'no', false, false],
    };
    for (const [group, [adapt, commercial, shareAlike, indicateChanges]] of Object.entries(expected)) {
      const terms = licenceTerms({ id: `${CC}/${group}/4.0/`, group: group as LicenseGroupValue });
      assert.equal(terms.kind, 'creative-commons', group);
      assert.equal(terms.share, 'yes', group);
      assert.equal(terms.adapt, adapt, group);
      assert.equal(terms.commercial, commercial, group);
      assert.equal(terms.shareAlike, shareAlike, group);
      assert.equal(terms.indicateChanges, indicateChanges, group);
      assert.equal(terms.attribution, true, group);
      assert.equal(terms.name, `CC ${group.toUpperCase()} 4.0`);
    }
  });

  void it('asks nothing of public-domain resources', () => {
    const terms = licenceTerms({
      id: 'https://creativecommons.org/publicdomain/zero/1.0/',
      group: 'public-domain',
    });
    assert.equal(terms.kind, 'public-domain');
    assert.equal(terms.name, 'CC0 1.0');
    assert.deepEqual([terms.share, terms.adapt, terms.commercial], ['yes', 'yes', 'yes']);
    assert.equal(terms.attribution, false);
    assert.deepEqual(explainTerms(terms).notes, ['no-conditions', 'credit-appreciated']);
    assert.deepEqual(explainTerms(terms).must, []);
  });

  void it('says to ask permission for restricted, unknown and absent licences', () => {
    for (const license of [{ group: 'restricted' as const }, { group: 'unknown' as const }, undefined]) {
      const terms = licenceTerms(license);
      assert.deepEqual([terms.share, terms.adapt, terms.commercial], ['ask', 'ask', 'ask']);
      assert.equal(terms.name, null);
      const explained = explainTerms(terms);
      assert.deepEqual([explained.may, explained.must, explained.mayNot], [[], [], []]);
      assert.deepEqual(explained.notes, [
        license?.group === 'restricted' ? 'ask-permission' : 'licence-unknown',
      ]);
    }
  });

  void it('tells copyleft and condition-free open licences from the others', () => {
    const gpl = licenceTerms({ id: 'https://spdx.org/licenses/GPL-3.0-only.html', group: 'other-open' });
    assert.equal(gpl.name, 'GPL-3.0-only');
    assert.equal(gpl.shareAlike, true);
    assert.equal(gpl.attribution, true);
    const mit = licenceTerms({ id: 'https://spdx.org/licenses/MIT.html', group: 'other-open' });
    assert.equal(mit.shareAlike, false);
    assert.equal(mit.keepNotice, true);
    assert.deepEqual(explainTerms(mit).notes, ['read-licence']);
    const wtfpl = licenceTerms({ id: 'https://spdx.org/licenses/WTFPL.html', group: 'other-open' });
    assert.equal(wtfpl.attribution, false);
  });

  void it('covers every licence group of the profile', () => {
    for (const group of LICENSE_GROUPS) {
      const terms = licenceTerms({ group });
      assert.equal(terms.group, group);
      const explained = explainTerms(terms);
      const all = [...explained.may, ...explained.must, ...explained.mayNot, ...explained.notes];
      assert.ok(all.length > 0, group);
    }
  });

  void it('names CC licences without a version by their group, and notes conflicting statements', () => {
    const terms = licenceTerms({ group: 'by-nc-sa', conflict: true });
    assert.equal(terms.name, 'CC BY-NC-SA');
    assert.equal(terms.uri, null);
    assert.ok(explainTerms(terms).notes.includes('conflict'));
  });

  void it('never takes a licence id that is not http(s) as a link', () => {
    const terms = licenceTerms({ id: 'javascript:alert(1)', group: 'by' });
    assert.equal(terms.uri, null);
    assert.equal(deedUrl(terms, 'en'), null);
  });
});

void describe('licenceName', () => {
  void it('writes the short names people know', () => {
    assert.equal(licenceName(`${CC}/by-nc-sa/3.0/de/`), 'CC BY-NC-SA 3.0 DE');
    assert.equal(licenceName(`${CC}/by-sa/3.0/igo/`), 'CC BY-SA 3.0 IGO');
    assert.equal(licenceName('https://creativecommons.org/publicdomain/mark/1.0/'), 'Public Domain Mark 1.0');
    assert.equal(licenceName(`${CC}/publicdomain/`), 'Public Domain');
    assert.equal(licenceName('https://spdx.org/licenses/Apache-2.0.html'), 'Apache-2.0');
    assert.equal(licenceName('https://example.org/my-licence'), null);
    assert.equal(licenceName(null), null);
  });
});

void describe('deedUrl', () => {
  void it('links Creative Commons deeds in the reader language where Creative Commons has one', () => {
    const terms = licenceTerms({ id: `${CC}/by/4.0/`, group: 'by' });
    assert.equal(deedUrl(terms, 'fr'), `${CC}/by/4.0/deed.fr`);
    assert.equal(deedUrl(terms, 'zh'), `${CC}/by/4.0/deed.zh-hans`);
    assert.equal(deedUrl(terms, 'sw'), `${CC}/by/4.0/`);
    const cc0 = licenceTerms({
      id: 'https://creativecommons.org/publicdomain/zero/1.0/',
      group: 'public-domain',
    });
    assert.equal(deedUrl(cc0, 'ar'), 'https://creativecommons.org/publicdomain/zero/1.0/deed.ar');
    const mit = licenceTerms({ id: 'https://spdx.org/licenses/MIT.html', group: 'other-open' });
    assert.equal(deedUrl(mit, 'fr'), 'https://spdx.org/licenses/MIT.html');
  });
});
