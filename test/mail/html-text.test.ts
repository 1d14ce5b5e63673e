import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlToText } from '../../src/mail/html-text.ts';

describe('htmlToText', () => {
  it('matches Mailpit html2text cases', () => {
    const cases: Record<string, string> = {
      'this is a  test': 'this is a test',
      '<h1>This is a test.</h1> ': 'This is a test.',
      '<p>Paragraph 1</p><p>Paragraph 2</p>': 'Paragraph 1 Paragraph 2',
      '<span>Alpha</span>bet <strong>chars</strong>': 'Alphabet chars',
      '<table><tr><td>First</td><td>Second</td></table>': 'First Second',
      '<h1>Heading</h1>\n\t\t<p>Paragraph</p>': 'Heading Paragraph',
      '<h1>Heading</h1><p>   <a href="https://github.com">linked text</a></p>': 'Heading linked text',
      '<h1>Heading</h3><p>   <a href="https://github.com">linked text.': 'Heading linked text.',
    };
    for (const [html, text] of Object.entries(cases)) assert.equal(htmlToText(html), text, html);
  });

  it('drops head, style, script and comments, decodes entities and keeps a stray <', () => {
    assert.equal(
      htmlToText('<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style></head><body><!-- hidden -->Hi&nbsp;there &amp; <b>you</b><SCRIPT>alert("<p>")</SCRIPT>!<br>a < b</body></html>'),
      'Hi there & you! a < b',
    );
  });

  it('adds http link targets for search, and keeps lines when asked', () => {
    assert.equal(htmlToText('<a href="https://x.com/a">go</a> <a href="mailto:a@b">mail</a>', { includeLinks: true }), 'https://x.com/a go mail');
    assert.equal(htmlToText('<div>one</div><div>two<br>three</div>', { preserveLines: true }), 'one\n\ntwo\nthree');
  });

  it('stops early when given a character budget', () => {
    const html = '<p>word</p>'.repeat(100000);
    assert.ok(htmlToText(html, { maxChars: 100 }).length < 1000);
  });
});
